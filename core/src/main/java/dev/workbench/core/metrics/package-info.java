/** Endpoint metrics read from CloudWatch GetMetricData. */
@NullMarked
package dev.workbench.core.metrics;

import org.jspecify.annotations.NullMarked;
