package dev.workbench.console.service;

import dev.workbench.api.EndpointKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Everything the console's detail pane shows of one endpoint, as SageMaker, Application Auto Scaling and CloudWatch
 * describe it at one moment: DescribeEndpoint, its config and model, its tags (raw and as Workbench meta), the
 * scaling target with its policies and recent activities, and the alarms of those policies.
 */
public record EndpointDetail(String name, String arn, String status, @Nullable String failureReason,
    EndpointKind kind, Instant created, Instant lastModified, String configName, @Nullable String modelName,
    @Nullable String image, List<Variant> variants, @Nullable Async async, @Nullable Capture capture,
    Map<String, String> tags, Map<String, String> meta, @Nullable Target target, List<Policy> policies,
    List<Alarm> alarms, List<Activity> activities) {

  public EndpointDetail {
    variants = List.copyOf(variants);
    tags = Map.copyOf(tags);
    meta = Map.copyOf(meta);
    policies = List.copyOf(policies);
    alarms = List.copyOf(alarms);
    activities = List.copyOf(activities);
  }

  /**
   * One production variant: instance type and counts, or (serverless) memory and concurrency.
   *
   * @param initialCount the config's InitialInstanceCount; null for a serverless variant
   */
  public record Variant(String name, @Nullable String instanceType, @Nullable Integer initialCount, int currentCount,
      int desiredCount, @Nullable Integer memoryMb, @Nullable Integer maxConcurrency,
      @Nullable Integer provisionedConcurrency) {}

  /** The config's AsyncInferenceConfig. */
  public record Async(String outputPath, @Nullable String failurePath, @Nullable Integer maxConcurrentPerInstance,
      @Nullable String kmsKey) {}

  /** The endpoint's DataCaptureConfig summary. */
  public record Capture(boolean enabled, @Nullable String status, int percent, @Nullable String destination) {}

  /** The variant's scalable target. */
  public record Target(String resource, int min, int max) {}

  /**
   * A scaling policy: target tracking (metric and target value, cooldowns) or step scaling (its alarm drives it).
   *
   * @param scaleInCooldownSeconds the idle window after which a target-tracking policy scales in
   */
  public record Policy(String name, String type, @Nullable String metric, @Nullable Double targetValue,
      @Nullable Integer scaleInCooldownSeconds, @Nullable Integer scaleOutCooldownSeconds, List<String> alarms) {
    public Policy {
      alarms = List.copyOf(alarms);
    }
  }

  /** A CloudWatch alarm of a policy, with its state and when it last changed. */
  public record Alarm(String name, String state, @Nullable String reason, @Nullable Instant updated) {}

  /** One DescribeScalingActivities entry. */
  public record Activity(Instant start, @Nullable Instant end, String status, String description, String cause) {}
}
