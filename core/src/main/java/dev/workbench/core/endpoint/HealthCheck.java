package dev.workbench.core.endpoint;

import dev.workbench.api.Cloud;
import dev.workbench.api.EndpointDescription;
import dev.workbench.api.EndpointHealth;
import dev.workbench.api.EndpointKind;
import dev.workbench.api.EndpointMetrics;
import dev.workbench.api.HealthIssue;
import dev.workbench.api.MetricsQuery;
import dev.workbench.core.metrics.MetricsReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;

/**
 * Workbench's endpoint health check: no_config when the endpoint's config is gone; 5xx_errors (more than 5) or
 * 5xx_errors_min (1 to 5) and no_activity from the kind's metrics (async: InvocationFailures and
 * InvocationsProcesssed; sync and serverless: Invocation5XXErrors and Invocations); plus what describe shows:
 * Failed with its reason, and Creating or Updating for longer than a deploy can take.
 */
final class HealthCheck {
  /** SageMaker deploys take minutes; the deployer gives up after 45. Longer than this is stuck. */
  static final Duration STUCK_AFTER = Duration.ofHours(1);

  private HealthCheck() {}

  static EndpointHealth check(Cloud cloud, String name, Duration window) {
    DescribeEndpointResponse ep = EndpointLookup.describeEndpoint(cloud.sageMaker(), name);
    var config = EndpointLookup.describeConfig(cloud.sageMaker(), ep.endpointConfigName());
    EndpointDescription d = EndpointLookup.describe(ep, config, EndpointLookup.meta(cloud.sageMaker(), ep.endpointArn()));
    List<HealthIssue> issues = new ArrayList<>();
    if (config == null) {
      issues.add(new HealthIssue(HealthIssue.NO_CONFIG, "endpoint config '" + ep.endpointConfigName() + "' does not exist"));
    }
    Duration inStatus = Duration.between(d.lastModified(), Instant.now());
    switch (d.status()) {
      case "Failed" -> issues.add(new HealthIssue(HealthIssue.FAILED,
          d.failureReason() == null ? "the endpoint is Failed" : d.failureReason()));
      case "Creating" -> stuck(issues, HealthIssue.STUCK_CREATING, "Creating", inStatus);
      case "Updating", "SystemUpdating" -> stuck(issues, HealthIssue.STUCK_UPDATING, d.status(), inStatus);
      default -> { }
    }
    if (d.inService() || d.status().equals("Updating") || d.status().equals("SystemUpdating")) {
      boolean async = d.kind() == EndpointKind.ASYNC;
      String errorsMetric = async ? "InvocationFailures" : "Invocation5XXErrors";
      String callsMetric = async ? "InvocationsProcesssed" : "Invocations";
      EndpointMetrics m = new MetricsReader(cloud.cloudWatch()).read(d.name(), d.variantName(), d.kind(),
          MetricsQuery.of(q -> q.since(window).metricNames(errorsMetric, callsMetric)));
      long errors = Math.round(m.sum(errorsMetric));
      if (errors > 5) {
        issues.add(new HealthIssue(HealthIssue.ERRORS, errors + " " + errorsMetric + " in the last " + window));
      } else if (errors > 0) {
        issues.add(new HealthIssue(HealthIssue.ERRORS_MIN, errors + " " + errorsMetric + " in the last " + window));
      }
      if (m.sum(callsMetric) == 0) {
        issues.add(new HealthIssue(HealthIssue.NO_ACTIVITY, "no " + callsMetric + " in the last " + window));
      }
    }
    return new EndpointHealth(d.name(), d.kind(), d.status(), window, issues);
  }

  private static void stuck(List<HealthIssue> issues, String code, String status, Duration inStatus) {
    if (inStatus.compareTo(STUCK_AFTER) > 0) {
      issues.add(new HealthIssue(code, status + " for " + inStatus.toMinutes() + " minutes"));
    }
  }
}
