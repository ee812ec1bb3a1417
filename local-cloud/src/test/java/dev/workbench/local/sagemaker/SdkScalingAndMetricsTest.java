package dev.workbench.local.sagemaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.local.junit.LocalCloudExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.applicationautoscaling.model.AdjustmentType;
import software.amazon.awssdk.services.applicationautoscaling.model.MetricAggregationType;
import software.amazon.awssdk.services.applicationautoscaling.model.MetricStatistic;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantSummary;

/**
 * Scale to zero and back as a client sets it up (Application Auto Scaling target tracking on
 * ApproximateBacklogSizePerInstance, a step policy fired by a CloudWatch alarm on HasBacklogWithoutCapacity),
 * and the SageMaker metrics read back with GetMetricData.
 */
class SdkScalingAndMetricsTest {

    @RegisterExtension
    static LocalCloudExtension cloud = LocalCloudExtension.fast();
    static SdkClients aws;

    @BeforeAll
    static void setUp() {
        aws = new SdkClients(cloud.cloud());
        aws.s3.createBucket(b -> b.bucket("work"));
    }

    @AfterAll
    static void tearDown() {
        aws.close();
    }

    private static ProductionVariantSummary variant(String endpoint) {
        return aws.sageMaker.describeEndpoint(b -> b.endpointName(endpoint)).productionVariants().get(0);
    }

    private static double sum(String namespace, String metric, Statistic stat, Map<String, String> dims) {
        List<Dimension> dimensions = dims.entrySet().stream()
                .map(e -> Dimension.builder().name(e.getKey()).value(e.getValue()).build()).toList();
        Instant now = Instant.now();
        MetricDataResult result = aws.cloudWatch.getMetricData(b -> b.startTime(now.minus(Duration.ofMinutes(10)))
                .endTime(now.plus(Duration.ofMinutes(1)))
                .metricDataQueries(q -> q.id("m").metricStat(s -> s.period(60).stat(stat.toString())
                        .metric(m -> m.namespace(namespace).metricName(metric).dimensions(dimensions)))))
                .metricDataResults().get(0);
        return result.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    private static boolean exists(String key) {
        try {
            aws.s3.headObject(b -> b.bucket("work").key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    @Test
    void scalesInToZeroThenColdStartsForABacklog() {
        String ep = "scaler";
        aws.deploy(ep, "local/latency", Map.of("LATENCY_MS_PER_ROW", "1"), c -> c.asyncInferenceConfig(a -> a
                .clientConfig(cc -> cc.maxConcurrentInvocationsPerInstance(1))
                .outputConfig(o -> o.s3OutputPath("s3://work/out").s3FailurePath("s3://work/failed"))));
        String resourceId = "endpoint/" + ep + "/variant/AllTraffic";
        aws.autoScaling.registerScalableTarget(b -> b.serviceNamespace(ServiceNamespace.SAGEMAKER).resourceId(resourceId)
                .scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT).minCapacity(0).maxCapacity(2));
        aws.autoScaling.putScalingPolicy(b -> b.policyName("backlog-tracking").serviceNamespace(ServiceNamespace.SAGEMAKER)
                .resourceId(resourceId).scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT)
                .policyType(PolicyType.TARGET_TRACKING_SCALING)
                .targetTrackingScalingPolicyConfiguration(t -> t.targetValue(5.0).scaleInCooldown(2).scaleOutCooldown(1)
                        .customizedMetricSpecification(m -> m.metricName("ApproximateBacklogSizePerInstance")
                                .namespace("AWS/SageMaker").statistic(MetricStatistic.AVERAGE)
                                .dimensions(d -> d.name("EndpointName").value(ep)))));
        String stepPolicy = aws.autoScaling.putScalingPolicy(b -> b.policyName("start-from-zero")
                .serviceNamespace(ServiceNamespace.SAGEMAKER).resourceId(resourceId)
                .scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT)
                .policyType(PolicyType.STEP_SCALING)
                .stepScalingPolicyConfiguration(s -> s.adjustmentType(AdjustmentType.CHANGE_IN_CAPACITY).cooldown(1)
                        .metricAggregationType(MetricAggregationType.MAXIMUM)
                        .stepAdjustments(a -> a.metricIntervalLowerBound(0.0).scalingAdjustment(1)))).policyARN();
        aws.cloudWatch.putMetricAlarm(b -> b.alarmName(ep + "-has-backlog-without-capacity").namespace("AWS/SageMaker")
                .metricName("HasBacklogWithoutCapacity").dimensions(d -> d.name("EndpointName").value(ep))
                .statistic(Statistic.MAXIMUM).period(60).evaluationPeriods(1).threshold(1.0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD).alarmActions(stepPolicy));

        SdkClients.await(() -> variant(ep).currentInstanceCount() == 0 && variant(ep).desiredInstanceCount() == 0,
                Duration.ofSeconds(30));

        aws.s3.putObject(b -> b.bucket("work").key("in/cold.csv"), RequestBody.fromString("id,x\n1,a\n"));
        aws.runtime.invokeEndpointAsync(b -> b.endpointName(ep).inputLocation("s3://work/in/cold.csv").contentType("text/csv")
                .inferenceId("cold-1"));
        SdkClients.await(() -> exists("out/cold-1.out"), Duration.ofSeconds(30));
        assertTrue(variant(ep).currentInstanceCount() >= 1, "an instance came up for the backlog");
        assertTrue(sum("AWS/SageMaker", "HasBacklogWithoutCapacity", Statistic.MAXIMUM, Map.of("EndpointName", ep)) >= 1,
                "the backlog without capacity was published");
        SdkClients.await(() -> sum("AWS/SageMaker", "InvocationsProcesssed", Statistic.SUM,
                Map.of("EndpointName", ep, "VariantName", "AllTraffic")) == 1, Duration.ofSeconds(10));
        assertEquals(1, cloud.cloud().stats().inferenceCount("cold-1"));
    }

    @Test
    void syncMetricsReflectTheInvocationsMade() {
        String ep = "counted";
        aws.deploy(ep, "local/latency", Map.of("LATENCY_MS_PER_ROW", "2"), c -> { });
        for (int i = 0; i < 3; i++) {
            aws.runtime.invokeEndpoint(b -> b.endpointName(ep).contentType("text/csv").body(SdkBytes.fromUtf8String("id\n1\n")));
        }
        Map<String, String> dims = Map.of("EndpointName", ep, "VariantName", "AllTraffic");
        SdkClients.await(() -> sum("AWS/SageMaker", "Invocations", Statistic.SUM, dims) == 3, Duration.ofSeconds(10));
        SdkClients.await(() -> sum("AWS/SageMaker", "ModelLatency", Statistic.SAMPLE_COUNT, dims) == 3, Duration.ofSeconds(10));
        assertTrue(sum("AWS/SageMaker", "ModelLatency", Statistic.MINIMUM, dims) >= 2000, "at least 2 ms, in microseconds");
        assertEquals(0, sum("AWS/SageMaker", "Invocation5XXErrors", Statistic.SUM, dims));
        SdkClients.await(() -> sum("/aws/sagemaker/Endpoints", "MemoryUtilization", Statistic.MAXIMUM, dims) > 0,
                Duration.ofSeconds(10));
    }
}
