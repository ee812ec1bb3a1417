package dev.workbench.core.async;

import dev.workbench.api.Cloud;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.AdjustmentType;
import software.amazon.awssdk.services.applicationautoscaling.model.MetricAggregationType;
import software.amazon.awssdk.services.applicationautoscaling.model.MetricStatistic;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.PutScalingPolicyResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/**
 * Deploys the bundled {@code latency} model as an async endpoint straight through the SageMaker SDK (as a user
 * of the AWS console would), so these tests depend only on the AWS APIs and local-cloud.
 */
final class LatencyEndpoints {
    private LatencyEndpoints() {}

    static void deploy(Cloud cloud, String name, Map<String, String> environment, int maxConcurrent) {
        SageMakerClient sm = cloud.sageMaker();
        String bucket = cloud.bucket();
        sm.createModel(m -> m.modelName(name)
                .primaryContainer(c -> c.image("local/latency").environment(environment))
                .executionRoleArn("arn:aws:iam::000000000000:role/workbench-test"));
        sm.createEndpointConfig(c -> c.endpointConfigName(name)
                .productionVariants(v -> v.variantName("AllTraffic").modelName(name).initialInstanceCount(1)
                        .instanceType("ml.c7i.xlarge"))
                .asyncInferenceConfig(a -> a
                        .clientConfig(cc -> cc.maxConcurrentInvocationsPerInstance(maxConcurrent))
                        .outputConfig(o -> o
                                .s3OutputPath("s3://" + bucket + "/endpoints/" + name + "/async-output")
                                .s3FailurePath("s3://" + bucket + "/endpoints/" + name + "/async-failures"))));
        sm.createEndpoint(e -> e.endpointName(name).endpointConfigName(name)
                .tags(Tag.builder().key("async_endpoint").value("true").build()));
        await(cloud, name, d -> d.endpointStatus() == EndpointStatus.IN_SERVICE, Duration.ofSeconds(60));
    }

    /**
     * Registers scale-to-zero the way Workbench's deploy does: MinCapacity 0, target tracking on the backlog
     * per instance (scales in when idle), and a step policy fired by an alarm on HasBacklogWithoutCapacity
     * (starts an instance from zero).
     */
    static void scaleToZero(Cloud cloud, String name) {
        ApplicationAutoScalingClient aas = cloud.autoScaling();
        String resource = "endpoint/" + name + "/variant/AllTraffic";
        aas.registerScalableTarget(r -> r.serviceNamespace(ServiceNamespace.SAGEMAKER).resourceId(resource)
                .scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT)
                .minCapacity(0).maxCapacity(1));
        aas.putScalingPolicy(p -> p.policyName(name + "-backlog").serviceNamespace(ServiceNamespace.SAGEMAKER)
                .resourceId(resource).scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT)
                .policyType(PolicyType.TARGET_TRACKING_SCALING)
                .targetTrackingScalingPolicyConfiguration(t -> t.targetValue(5.0)
                        .customizedMetricSpecification(m -> m.metricName("ApproximateBacklogSizePerInstance")
                                .namespace("AWS/SageMaker")
                                .dimensions(d -> d.name("EndpointName").value(name))
                                .statistic(MetricStatistic.AVERAGE))
                        .scaleInCooldown(2).scaleOutCooldown(1)));
        PutScalingPolicyResponse step = aas.putScalingPolicy(p -> p.policyName(name + "-from-zero")
                .serviceNamespace(ServiceNamespace.SAGEMAKER).resourceId(resource)
                .scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT)
                .policyType(PolicyType.STEP_SCALING)
                .stepScalingPolicyConfiguration(s -> s.adjustmentType(AdjustmentType.CHANGE_IN_CAPACITY)
                        .metricAggregationType(MetricAggregationType.AVERAGE).cooldown(1)
                        .stepAdjustments(a -> a.metricIntervalLowerBound(0.0).scalingAdjustment(1))));
        cloud.cloudWatch().putMetricAlarm(a -> a.alarmName(name + "-has-backlog-without-capacity")
                .namespace("AWS/SageMaker").metricName("HasBacklogWithoutCapacity")
                .dimensions(Dimension.builder().name("EndpointName").value(name).build())
                .statistic(Statistic.AVERAGE).period(60).evaluationPeriods(1).datapointsToAlarm(1)
                .threshold(1.0).comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .treatMissingData("missing").alarmActions(step.policyARN()));
    }

    static int currentInstances(Cloud cloud, String name) {
        DescribeEndpointResponse d = cloud.sageMaker().describeEndpoint(b -> b.endpointName(name));
        Integer n = d.productionVariants().get(0).currentInstanceCount();
        return n == null ? 0 : n;
    }

    static void await(Cloud cloud, String name, java.util.function.Predicate<DescribeEndpointResponse> condition,
            Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            DescribeEndpointResponse d = cloud.sageMaker().describeEndpoint(b -> b.endpointName(name));
            if (condition.test(d)) {
                return;
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("Endpoint " + name + " did not get there in " + timeout + ": " + d);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
