package dev.workbench.local.autoscaling;

import java.time.Instant;
import java.util.Map;
import java.util.OptionalDouble;

/** Reads a statistic of a stored metric over a time range (CloudWatch's store, wired by the server). */
@FunctionalInterface
public interface MetricReader {

    OptionalDouble statistic(String namespace, String metricName, Map<String, String> dimensions, String statistic,
                             Instant from, Instant to);
}
