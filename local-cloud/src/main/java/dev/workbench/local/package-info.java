/** The local cloud: AWS's SageMaker, S3, CloudWatch and Application Auto Scaling APIs on one loopback port. */
@NullMarked
package dev.workbench.local;

import org.jspecify.annotations.NullMarked;
