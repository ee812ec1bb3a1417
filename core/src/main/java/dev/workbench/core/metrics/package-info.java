/**
 * Endpoint metrics read from CloudWatch GetMetricData, container logs read from CloudWatch Logs, and the scores
 * of a model evaluation (regression and classification metrics).
 */
@NullMarked
package dev.workbench.core.metrics;

import org.jspecify.annotations.NullMarked;
