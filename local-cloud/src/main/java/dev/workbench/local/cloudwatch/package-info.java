/** CloudWatch metrics and alarms (awsQuery for the Java SDK 2.40.2, JSON 1.0 for the AWS CLI). */
@NullMarked
package dev.workbench.local.cloudwatch;

import org.jspecify.annotations.NullMarked;
