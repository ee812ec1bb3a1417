package dev.workbench.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.local.spi.Timing;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;

/** A restart on the same data directory keeps buckets, objects, metrics, alarms, scaling targets and policies. */
class RestartTest {

    @Test
    void everythingSurvivesARestart(@TempDir Path dataDir) throws InterruptedException {
        Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        int port;
        try (LocalCloud cloud = LocalCloud.start(b -> b.dataDir(dataDir).timing(Timing.fast()));
             TestClients aws = new TestClients(cloud)) {
            port = cloud.port();
            aws.s3.createBucket(b -> b.bucket("kept"));
            aws.s3.putObject(b -> b.bucket("kept").key("a/b.csv"), RequestBody.fromString("x,y\n1,2\n"));
            aws.cloudWatch.putMetricData(b -> b.namespace("Test/Restart").metricData(d -> d.metricName("Rows").value(42.0).timestamp(minute)));
            aws.cloudWatch.putMetricAlarm(b -> b.alarmName("kept-alarm").namespace("Test/Restart").metricName("Rows")
                    .statistic(Statistic.SUM).period(60).evaluationPeriods(1).threshold(100.0)
                    .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD));
            aws.sageMaker.createModel(b -> b.modelName("echo").executionRoleArn("arn:aws:iam::000000000000:role/r")
                    .primaryContainer(c -> c.image("local/latency").environment(Map.of("LATENCY_MS_PER_ROW", "0"))));
            aws.sageMaker.createEndpointConfig(b -> b.endpointConfigName("kept-config").productionVariants(v -> v
                    .variantName("AllTraffic").modelName("echo").initialInstanceCount(1).instanceType("ml.m5.large")));
            aws.sageMaker.createEndpoint(b -> b.endpointName("kept").endpointConfigName("kept-config"));
            for (int i = 0; i < 300 && aws.sageMaker.describeEndpoint(b -> b.endpointName("kept")).endpointStatus() != EndpointStatus.IN_SERVICE; i++) {
                Thread.sleep(100);
            }
            aws.autoScaling.registerScalableTarget(b -> b.serviceNamespace(ServiceNamespace.SAGEMAKER).resourceId("endpoint/kept/variant/AllTraffic")
                    .scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT).minCapacity(1).maxCapacity(4));
            aws.autoScaling.putScalingPolicy(b -> b.policyName("kept-policy").serviceNamespace(ServiceNamespace.SAGEMAKER)
                    .resourceId("endpoint/kept/variant/AllTraffic").scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT)
                    .policyType("TargetTrackingScaling").targetTrackingScalingPolicyConfiguration(t -> t.targetValue(100.0)
                            .predefinedMetricSpecification(p -> p.predefinedMetricType("SageMakerVariantInvocationsPerInstance"))));
        }

        try (LocalCloud cloud = LocalCloud.start(b -> b.dataDir(dataDir).timing(Timing.fast()).port(port));
             TestClients aws = new TestClients(cloud)) {
            assertEquals(port, cloud.port());
            assertEquals("x,y\n1,2\n", aws.s3.getObjectAsBytes(b -> b.bucket("kept").key("a/b.csv")).asUtf8String());
            assertTrue(aws.s3.listBuckets().buckets().stream().anyMatch(bucket -> bucket.name().equals("kept")));
            var points = aws.cloudWatch.getMetricStatistics(b -> b.namespace("Test/Restart").metricName("Rows")
                    .startTime(minute.minus(Duration.ofMinutes(1))).endTime(minute.plus(Duration.ofMinutes(1))).period(60)
                    .statistics(Statistic.SUM)).datapoints();
            assertEquals(1, points.size());
            assertEquals(42.0, points.get(0).sum());
            assertEquals(1, aws.cloudWatch.listMetrics(b -> b.namespace("Test/Restart")).metrics().size());
            assertEquals("kept-alarm", aws.cloudWatch.describeAlarms(b -> b.alarmNames("kept-alarm")).metricAlarms().get(0).alarmName());
            var target = aws.autoScaling.describeScalableTargets(b -> b.serviceNamespace(ServiceNamespace.SAGEMAKER)).scalableTargets();
            assertEquals(1, target.size());
            assertEquals(4, target.get(0).maxCapacity());
            var policies = aws.autoScaling.describeScalingPolicies(b -> b.serviceNamespace(ServiceNamespace.SAGEMAKER)).scalingPolicies();
            assertEquals("kept-policy", policies.get(0).policyName());
            assertEquals("kept", aws.sageMaker.describeEndpoint(b -> b.endpointName("kept")).endpointName());
        }
    }
}
