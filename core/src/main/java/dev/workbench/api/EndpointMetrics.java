package dev.workbench.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** CloudWatch time series of one endpoint, keyed by metric name (points in time order). */
public record EndpointMetrics(String endpointName, boolean async, Duration period, Map<String, List<MetricPoint>> series) {
  public EndpointMetrics {
    series = Map.copyOf(series);
  }

  /** The points of one metric; empty when CloudWatch had none. */
  public List<MetricPoint> get(String metricName) {
    return series.getOrDefault(metricName, List.of());
  }

  /** Sum of a metric's values over the range (0 when absent). */
  public double sum(String metricName) {
    return get(metricName).stream().mapToDouble(MetricPoint::value).sum();
  }

  /** Largest value of a metric over the range (NaN when absent). */
  public double max(String metricName) {
    return get(metricName).stream().mapToDouble(MetricPoint::value).max().orElse(Double.NaN);
  }
}
