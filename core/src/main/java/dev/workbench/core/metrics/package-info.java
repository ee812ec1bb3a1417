/** Endpoint metrics read from CloudWatch GetMetricData. Also the scores of a model evaluation (regression and classification metrics). */
@NullMarked
package dev.workbench.core.metrics;

import org.jspecify.annotations.NullMarked;
