package dev.workbench.core.deploy;

import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.AdjustmentType;
import software.amazon.awssdk.services.applicationautoscaling.model.MetricAggregationType;
import software.amazon.awssdk.services.applicationautoscaling.model.MetricStatistic;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.PutScalingPolicyResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/**
 * Scale to zero for an async endpoint whose scalable target runs from min (0) to max: target tracking on
 * ApproximateBacklogSizePerInstance so the fleet grows with the backlog (instead of jumping to max) and scales in
 * after the idle window; and, because target tracking cannot start a fleet from zero, a step policy (+1 instance)
 * fired by a CloudWatch alarm on HasBacklogWithoutCapacity >= 1.
 */
final class ScaleToZero {
  /** Backlog per instance the fleet aims at: two queued requests per instance. */
  static final double TARGET_BACKLOG_PER_INSTANCE = 2.0;
  /** Scale out quickly when the backlog grows. */
  static final int SCALE_OUT_COOLDOWN_SECONDS = 60;
  /** Cooldown of the start-from-zero step (a cold start takes minutes on SageMaker). */
  static final int STEP_COOLDOWN_SECONDS = 150;

  private final ApplicationAutoScalingClient autoScaling;
  private final CloudWatchClient cloudWatch;

  ScaleToZero(ApplicationAutoScalingClient autoScaling, CloudWatchClient cloudWatch) {
    this.autoScaling = autoScaling;
    this.cloudWatch = cloudWatch;
  }

  /** The policies and the alarm; the scalable target is registered already. */
  void register(String endpoint, int idleMinutes) {
    String resourceId = Names.resourceId(endpoint);
    autoScaling.putScalingPolicy(b -> b.policyName(Names.targetTrackingPolicy(endpoint))
        .serviceNamespace(ServiceNamespace.SAGEMAKER).resourceId(resourceId)
        .scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT)
        .policyType(PolicyType.TARGET_TRACKING_SCALING)
        .targetTrackingScalingPolicyConfiguration(t -> t.targetValue(TARGET_BACKLOG_PER_INSTANCE)
            .customizedMetricSpecification(m -> m.metricName("ApproximateBacklogSizePerInstance")
                .namespace("AWS/SageMaker").statistic(MetricStatistic.AVERAGE)
                .dimensions(d -> d.name("EndpointName").value(endpoint)))
            .scaleInCooldown(idleMinutes * 60)
            .scaleOutCooldown(SCALE_OUT_COOLDOWN_SECONDS)));

    PutScalingPolicyResponse step = autoScaling.putScalingPolicy(b -> b.policyName(Names.stepPolicy(endpoint))
        .serviceNamespace(ServiceNamespace.SAGEMAKER).resourceId(resourceId)
        .scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT)
        .policyType(PolicyType.STEP_SCALING)
        .stepScalingPolicyConfiguration(s -> s.adjustmentType(AdjustmentType.CHANGE_IN_CAPACITY)
            .cooldown(STEP_COOLDOWN_SECONDS)
            .metricAggregationType(MetricAggregationType.MAXIMUM)
            .stepAdjustments(a -> a.metricIntervalLowerBound(0.0).scalingAdjustment(1))));

    cloudWatch.putMetricAlarm(b -> b.alarmName(Names.backlogAlarm(endpoint))
        .alarmDescription("Start " + endpoint + " from zero instances when requests wait")
        .namespace("AWS/SageMaker").metricName("HasBacklogWithoutCapacity")
        .dimensions(d -> d.name("EndpointName").value(endpoint))
        .statistic(Statistic.MAXIMUM).period(60).evaluationPeriods(1).datapointsToAlarm(1)
        .threshold(1.0).comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
        .treatMissingData("missing")
        .alarmActions(step.policyARN()));
  }
}
