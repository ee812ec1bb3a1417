/** Application Auto Scaling (JSON 1.1): scalable targets, target tracking and step scaling policies. */
@NullMarked
package dev.workbench.local.autoscaling;

import org.jspecify.annotations.NullMarked;
