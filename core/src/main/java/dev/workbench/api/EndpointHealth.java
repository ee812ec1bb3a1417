package dev.workbench.api;

import java.time.Duration;
import java.util.List;

/** An endpoint's health over a window of its metrics: no issues means healthy. */
public record EndpointHealth(String endpoint, EndpointKind kind, String status, Duration window, List<HealthIssue> issues) {

  /** Workbench reads three days of metrics for its health check. */
  public static final Duration DEFAULT_WINDOW = Duration.ofDays(3);

  public EndpointHealth {
    issues = List.copyOf(issues);
  }

  public boolean healthy() {
    return issues.isEmpty();
  }

  /** The issue codes, e.g. {@code [5xx_errors_min, no_activity]}. */
  public List<String> codes() {
    return issues.stream().map(HealthIssue::code).toList();
  }
}
