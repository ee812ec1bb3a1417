package dev.workbench.console.viewmodel;

import dev.workbench.api.MetricPoint;
import java.util.List;

/** One chart's data: a metric's points (times in seconds relative to the window start). */
public record MetricSeries(String name, List<MetricPoint> points) {
  /** The chart title: the metric's name with its unit where it is not a count, as SageMaker publishes it. */
  public String title() {
    return switch (name) {
      case "ModelLatency", "OverheadLatency" -> name + " (µs)";
      case "ApproximateAgeOfOldestRequest" -> name + " (s)";
      default -> name;
    };
  }
}
