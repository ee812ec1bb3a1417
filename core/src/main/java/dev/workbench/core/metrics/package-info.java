/** Endpoint metrics read from CloudWatch GetMetricData, and container logs read from CloudWatch Logs. */
@NullMarked
package dev.workbench.core.metrics;

import org.jspecify.annotations.NullMarked;
