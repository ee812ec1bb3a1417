package dev.workbench.core.deploy;

import dev.workbench.api.RealtimeScaling;
import dev.workbench.core.aws.AwsErrors;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.Alarm;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/**
 * An endpoint variant's registration with Application Auto Scaling, as a whole: register a {@link ScalingPlan}
 * (target, then scale to zero or target tracking), read back what is registered, and remove it (policies, whose
 * target-tracking alarms go with them, then the target).
 */
final class EndpointScaling {
  private final ApplicationAutoScalingClient autoScaling;
  private final CloudWatchClient cloudWatch;

  EndpointScaling(ApplicationAutoScalingClient autoScaling, CloudWatchClient cloudWatch) {
    this.autoScaling = autoScaling;
    this.cloudWatch = cloudWatch;
  }

  void register(String endpoint, ScalingPlan plan) {
    autoScaling.registerScalableTarget(b -> b.serviceNamespace(ServiceNamespace.SAGEMAKER)
        .resourceId(Names.resourceId(endpoint))
        .scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT)
        .minCapacity(plan.min()).maxCapacity(plan.max()));
    RealtimeScaling realtime = plan.realtime();
    if (plan.async()) {
      new ScaleToZero(autoScaling, cloudWatch).register(endpoint, plan.idleMinutes());
    } else if (realtime != null) {
      new RealtimeAutoscaling(autoScaling).register(endpoint, realtime);
    }
  }

  /** What is registered for the endpoint now, empty when nothing is. */
  Optional<ScalingPlan> read(String endpoint, boolean async, int idleMinutesIfUnknown) {
    String resourceId = Names.resourceId(endpoint);
    List<ScalableTarget> targets = autoScaling.describeScalableTargets(b -> b.serviceNamespace(ServiceNamespace.SAGEMAKER)
        .resourceIds(resourceId).scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT))
        .scalableTargets();
    if (targets.isEmpty()) {
      return Optional.empty();
    }
    ScalableTarget target = targets.get(0);
    int idle = idleMinutesIfUnknown;
    @Nullable RealtimeScaling realtime = null;
    for (ScalingPolicy p : policies(resourceId)) {
      if (p.policyName().equals(Names.targetTrackingPolicy(endpoint)) && p.targetTrackingScalingPolicyConfiguration() != null
          && p.targetTrackingScalingPolicyConfiguration().scaleInCooldown() != null) {
        idle = Math.max(1, p.targetTrackingScalingPolicyConfiguration().scaleInCooldown() / 60);
      } else if (p.policyName().equals(Names.realtimePolicy(endpoint))) {
        realtime = RealtimeAutoscaling.read(p).orElse(null);
      }
    }
    return Optional.of(new ScalingPlan(async, target.minCapacity(), target.maxCapacity(), idle, realtime));
  }

  /** Removes every policy on the variant ({@code endpoint/<ep>/variant/<v>}) and its target; returns their alarms' names. */
  Set<String> remove(String resourceId) {
    Set<String> alarms = new LinkedHashSet<>();
    List<ScalingPolicy> policies;
    try {
      policies = policies(resourceId);
    } catch (AwsServiceException e) {
      if (AwsErrors.isNotFound(e)) {
        return alarms;
      }
      throw e;
    }
    for (ScalingPolicy p : policies) {
      p.alarms().stream().map(Alarm::alarmName).forEach(alarms::add);
      ignoreMissing(() -> autoScaling.deleteScalingPolicy(b -> b.policyName(p.policyName())
          .serviceNamespace(ServiceNamespace.SAGEMAKER).resourceId(resourceId)
          .scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT)));
    }
    ignoreMissing(() -> autoScaling.deregisterScalableTarget(b -> b.serviceNamespace(ServiceNamespace.SAGEMAKER)
        .resourceId(resourceId).scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT)));
    return alarms;
  }

  private List<ScalingPolicy> policies(String resourceId) {
    return autoScaling.describeScalingPolicies(b -> b.serviceNamespace(ServiceNamespace.SAGEMAKER)
        .resourceId(resourceId).scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT))
        .scalingPolicies();
  }

  static void ignoreMissing(Runnable call) {
    try {
      call.run();
    } catch (AwsServiceException e) {
      if (!AwsErrors.isNotFound(e)) {
        throw e;
      }
    }
  }
}
