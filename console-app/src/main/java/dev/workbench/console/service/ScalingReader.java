package dev.workbench.console.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingActivity;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;

/** Reads a variant's scaling history from Application Auto Scaling (DescribeScalingActivities and the policies). */
final class ScalingReader {
  // "Setting desired instance count to 1." is how AWS describes a SageMaker variant's capacity change
  private static final Pattern DESIRED = Pattern.compile("desired instance count to (\\d+)");

  private ScalingReader() {
  }

  static ScalingHistory read(ApplicationAutoScalingClient aas, String endpoint, String variant) {
    String resource = "endpoint/" + endpoint + "/variant/" + variant;
    List<ScalingPolicy> policies = aas.describeScalingPolicies(b -> b.serviceNamespace(ServiceNamespace.SAGEMAKER)
        .resourceId(resource).scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT))
        .scalingPolicies();
    if (policies.isEmpty()) {
      return ScalingHistory.NONE;
    }
    Duration idle = policies.stream().filter(p -> p.policyType() == PolicyType.TARGET_TRACKING_SCALING)
        .map(p -> p.targetTrackingScalingPolicyConfiguration().scaleInCooldown())
        .filter(s -> s != null).findFirst().map(Duration::ofSeconds).orElse(null);
    List<ScalingHistory.Change> changes = new ArrayList<>();
    for (ScalingActivity a : aas.describeScalingActivities(b -> b.serviceNamespace(ServiceNamespace.SAGEMAKER)
        .resourceId(resource).scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT)
        .maxResults(20)).scalingActivities()) {
      Integer desired = desired(a.description());
      if (desired != null && a.startTime() != null) {
        changes.add(new ScalingHistory.Change(a.startTime(), desired, a.cause() == null ? "" : a.cause()));
      }
    }
    return new ScalingHistory(List.copyOf(changes), idle);
  }

  private static @Nullable Integer desired(@Nullable String description) {
    if (description == null) {
      return null;
    }
    Matcher m = DESIRED.matcher(description);
    return m.find() ? Integer.valueOf(m.group(1)) : null;
  }
}
