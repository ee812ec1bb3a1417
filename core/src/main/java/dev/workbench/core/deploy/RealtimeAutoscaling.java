package dev.workbench.core.deploy;

import dev.workbench.api.RealtimeScaling;
import java.util.Optional;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.MetricStatistic;
import software.amazon.awssdk.services.applicationautoscaling.model.MetricType;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.applicationautoscaling.model.TargetTrackingScalingPolicyConfiguration;

/**
 * Target tracking for a sync endpoint: SageMaker's predefined SageMakerVariantInvocationsPerInstance, or the
 * instances' CPUUtilization (a customized metric in {@code /aws/sagemaker/Endpoints}, as SageMaker's guide has it).
 * Unlike scale to zero there is no step policy: a sync fleet never has 0 instances to start from.
 */
final class RealtimeAutoscaling {
  static final String CPU_NAMESPACE = "/aws/sagemaker/Endpoints";

  private final ApplicationAutoScalingClient autoScaling;

  RealtimeAutoscaling(ApplicationAutoScalingClient autoScaling) {
    this.autoScaling = autoScaling;
  }

  void register(String endpoint, RealtimeScaling s) {
    autoScaling.putScalingPolicy(b -> b.policyName(Names.realtimePolicy(endpoint))
        .serviceNamespace(ServiceNamespace.SAGEMAKER).resourceId(Names.resourceId(endpoint))
        .scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT)
        .policyType(PolicyType.TARGET_TRACKING_SCALING)
        .targetTrackingScalingPolicyConfiguration(t -> {
          t.targetValue(s.target()).scaleInCooldown(s.scaleInCooldownSeconds())
              .scaleOutCooldown(s.scaleOutCooldownSeconds());
          if (s.metric() == RealtimeScaling.Metric.CPU_UTILIZATION) {
            t.customizedMetricSpecification(m -> m.namespace(CPU_NAMESPACE).metricName("CPUUtilization")
                .statistic(MetricStatistic.AVERAGE).unit("Percent")
                .dimensions(d -> d.name("EndpointName").value(endpoint), d -> d.name("VariantName").value(Names.VARIANT)));
          } else {
            t.predefinedMetricSpecification(p -> p.predefinedMetricType(MetricType.SAGE_MAKER_VARIANT_INVOCATIONS_PER_INSTANCE));
          }
        }));
  }

  /** The policy this class put, read back (so an update keeps what it does not change). */
  static Optional<RealtimeScaling> read(ScalingPolicy policy) {
    TargetTrackingScalingPolicyConfiguration t = policy.targetTrackingScalingPolicyConfiguration();
    if (t == null || t.targetValue() == null) {
      return Optional.empty();
    }
    boolean cpu = t.customizedMetricSpecification() != null
        && "CPUUtilization".equals(t.customizedMetricSpecification().metricName());
    RealtimeScaling base = cpu ? RealtimeScaling.cpu(t.targetValue()) : RealtimeScaling.invocationsPerInstance(t.targetValue());
    return Optional.of(base.withCooldowns(
        t.scaleInCooldown() != null ? t.scaleInCooldown() : RealtimeScaling.DEFAULT_SCALE_IN_COOLDOWN_SECONDS,
        t.scaleOutCooldown() != null ? t.scaleOutCooldown() : RealtimeScaling.DEFAULT_SCALE_OUT_COOLDOWN_SECONDS));
  }
}
