package dev.workbench.local.autoscaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.local.LocalCloud;
import dev.workbench.local.TestClients;
import dev.workbench.local.junit.LocalCloudExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.AdjustmentType;
import software.amazon.awssdk.services.applicationautoscaling.model.ApplicationAutoScalingException;
import software.amazon.awssdk.services.applicationautoscaling.model.MetricAggregationType;
import software.amazon.awssdk.services.applicationautoscaling.model.MetricStatistic;
import software.amazon.awssdk.services.applicationautoscaling.model.ObjectNotFoundException;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingActivityStatusCode;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.applicationautoscaling.model.StepAdjustment;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;

/** Scale to zero as a client sets it up on AWS: a scalable target, target tracking, and a step policy fired by an alarm. */
class AutoScalingApiTest {

    private static final String RESOURCE = "endpoint/scaled/variant/AllTraffic";

    @RegisterExtension
    static LocalCloudExtension cloud = LocalCloudExtension.fast();
    static TestClients aws;
    static ApplicationAutoScalingClient aas;

    @BeforeAll
    static void asyncEndpoint() throws InterruptedException {
        aws = new TestClients(cloud.cloud());
        aas = aws.autoScaling;
        SageMakerClient sm = aws.sageMaker;
        aws.s3.createBucket(b -> b.bucket("scaling"));
        sm.createModel(b -> b.modelName("echo").executionRoleArn("arn:aws:iam::000000000000:role/r")
                .primaryContainer(c -> c.image("local/latency").environment(Map.of("LATENCY_MS_PER_ROW", "0"))));
        sm.createEndpointConfig(b -> b.endpointConfigName("scaled-config")
                .productionVariants(v -> v.variantName("AllTraffic").modelName("echo").initialInstanceCount(1).instanceType("ml.m5.large"))
                .asyncInferenceConfig(a -> a.clientConfig(c -> c.maxConcurrentInvocationsPerInstance(1))
                        .outputConfig(o -> o.s3OutputPath("s3://scaling/out").s3FailurePath("s3://scaling/failed"))));
        sm.createEndpoint(b -> b.endpointName("scaled").endpointConfigName("scaled-config"));
        waitFor("endpoint InService", () -> sm.describeEndpoint(b -> b.endpointName("scaled")).endpointStatus() == EndpointStatus.IN_SERVICE ? 1 : 0, 1);
    }

    @AfterAll
    static void close() {
        aws.close();
    }

    @Test
    void targetsAndPoliciesCanBeRegisteredDescribedAndDeleted() {
        ApplicationAutoScalingException noVariant = assertThrows(ApplicationAutoScalingException.class, () -> aas.registerScalableTarget(b -> b
                .serviceNamespace(ServiceNamespace.SAGEMAKER).resourceId("endpoint/ghost/variant/AllTraffic")
                .scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT).minCapacity(0).maxCapacity(2)));
        assertEquals("ValidationException", noVariant.awsErrorDetails().errorCode());
        assertThrows(ObjectNotFoundException.class, () -> aas.putScalingPolicy(b -> b.policyName("p").serviceNamespace(ServiceNamespace.SAGEMAKER)
                .resourceId("endpoint/ghost/variant/AllTraffic").scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT)
                .policyType(PolicyType.STEP_SCALING).stepScalingPolicyConfiguration(s -> s.adjustmentType(AdjustmentType.CHANGE_IN_CAPACITY)
                        .stepAdjustments(StepAdjustment.builder().metricIntervalLowerBound(0.0).scalingAdjustment(1).build()))));
        assertThrows(ObjectNotFoundException.class, () -> aas.deleteScalingPolicy(b -> b.policyName("nope")
                .serviceNamespace(ServiceNamespace.SAGEMAKER).resourceId(RESOURCE)
                .scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT)));
    }

    @Test
    void scalesInToZeroWhenIdleAndBackOutWhenWorkArrives(LocalCloud local) throws InterruptedException {
        aas.registerScalableTarget(b -> b.serviceNamespace(ServiceNamespace.SAGEMAKER).resourceId(RESOURCE)
                .scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT).minCapacity(0).maxCapacity(3));
        var target = aas.describeScalableTargets(b -> b.serviceNamespace(ServiceNamespace.SAGEMAKER).resourceIds(RESOURCE))
                .scalableTargets().get(0);
        assertEquals(0, target.minCapacity());
        assertEquals(3, target.maxCapacity());

        String tracking = aas.putScalingPolicy(b -> b.policyName("backlog-tracking").serviceNamespace(ServiceNamespace.SAGEMAKER)
                .resourceId(RESOURCE).scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT)
                .policyType(PolicyType.TARGET_TRACKING_SCALING)
                .targetTrackingScalingPolicyConfiguration(t -> t.targetValue(5.0).scaleInCooldown(600).scaleOutCooldown(60)
                        .customizedMetricSpecification(m -> m.metricName("ApproximateBacklogSizePerInstance").namespace("AWS/SageMaker")
                                .dimensions(d -> d.name("EndpointName").value("scaled")).statistic(MetricStatistic.AVERAGE)))).policyARN();
        String step = aas.putScalingPolicy(b -> b.policyName("start-from-zero").serviceNamespace(ServiceNamespace.SAGEMAKER)
                .resourceId(RESOURCE).scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT)
                .policyType(PolicyType.STEP_SCALING).stepScalingPolicyConfiguration(s -> s.adjustmentType(AdjustmentType.CHANGE_IN_CAPACITY)
                        .cooldown(300).metricAggregationType(MetricAggregationType.MAXIMUM)
                        .stepAdjustments(StepAdjustment.builder().metricIntervalLowerBound(0.0).scalingAdjustment(1).build()))).policyARN();
        assertTrue(step.startsWith("arn:aws:autoscaling:us-east-1:000000000000:scalingPolicy:"), step);
        aws.cloudWatch.putMetricAlarm(b -> b.alarmName("scaled-has-backlog").namespace("AWS/SageMaker").metricName("HasBacklogWithoutCapacity")
                .dimensions(d -> d.name("EndpointName").value("scaled")).statistic(Statistic.AVERAGE).period(60).evaluationPeriods(1)
                .threshold(1.0).comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD).alarmActions(step));
        var policies = aas.describeScalingPolicies(b -> b.serviceNamespace(ServiceNamespace.SAGEMAKER).resourceId(RESOURCE)).scalingPolicies();
        assertEquals(2, policies.size());
        assertEquals(tracking, policies.stream().filter(p -> p.policyType() == PolicyType.TARGET_TRACKING_SCALING)
                .map(ScalingPolicy::policyARN).findFirst().orElseThrow());

        // Idle: the 2 s idle window of fast timing replaces the policy's 600 s ScaleInCooldown.
        SageMakerClient sm = aws.sageMaker;
        IntSupplier desired = () -> sm.describeEndpoint(b -> b.endpointName("scaled")).productionVariants().get(0).desiredInstanceCount();
        IntSupplier current = () -> sm.describeEndpoint(b -> b.endpointName("scaled")).productionVariants().get(0).currentInstanceCount();
        waitFor("scale in to zero", desired, 0);
        waitFor("instances stopped", current, 0);

        // Work arrives at zero instances: it queues, the alarm fires the step policy, an instance cold-starts and serves it.
        aws.s3.putObject(b -> b.bucket("scaling").key("in/one.csv"), RequestBody.fromString("smiles\nCCO\n"));
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        try (SageMakerRuntimeClient runtime = SageMakerRuntimeClient.builder().endpointOverride(local.endpoint())
                .credentialsProvider(credentials).region(Region.US_EAST_1).build()) {
            String output = runtime.invokeEndpointAsync(b -> b.endpointName("scaled").inputLocation("s3://scaling/in/one.csv")
                    .contentType("text/csv")).outputLocation();
            waitFor("scale out from zero", desired, 1);
            waitFor("instance serving", current, 1);
            String key = output.substring("s3://scaling/".length());
            waitFor("async output written", () -> {
                try {
                    aws.s3.headObject(b -> b.bucket("scaling").key(key));
                    return 1;
                } catch (RuntimeException e) {
                    return 0;
                }
            }, 1);
        }

        // the history a client reads to tell since when the endpoint idled and when the scale-out was asked for
        var activities = aas.describeScalingActivities(b -> b.serviceNamespace(ServiceNamespace.SAGEMAKER).resourceId(RESOURCE))
                .scalingActivities();
        assertTrue(activities.size() >= 2, activities.toString());
        assertEquals("Setting desired instance count to 1.", activities.get(0).description(), "newest first: the scale-out");
        assertTrue(activities.get(0).cause().contains("scaled-has-backlog"), activities.get(0).cause());
        assertEquals("Setting desired instance count to 0.", activities.get(1).description(), "then the scale-in");
        assertTrue(!activities.get(0).startTime().isBefore(activities.get(1).startTime()));
        assertEquals(ScalingActivityStatusCode.SUCCESSFUL, activities.get(0).statusCode());

        aas.deleteScalingPolicy(b -> b.policyName("start-from-zero").serviceNamespace(ServiceNamespace.SAGEMAKER).resourceId(RESOURCE)
                .scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT));
        aas.deregisterScalableTarget(b -> b.serviceNamespace(ServiceNamespace.SAGEMAKER).resourceId(RESOURCE)
                .scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT));
        assertTrue(aas.describeScalableTargets(b -> b.serviceNamespace(ServiceNamespace.SAGEMAKER)).scalableTargets().isEmpty());
        assertTrue(aas.describeScalingPolicies(b -> b.serviceNamespace(ServiceNamespace.SAGEMAKER)).scalingPolicies().isEmpty(),
                "deregistering removes the target's policies");
    }

    static void waitFor(String what, IntSupplier value, int expected) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(45));
        int last = -1;
        while (Instant.now().isBefore(deadline)) {
            last = value.getAsInt();
            if (last == expected) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(what + ": expected " + expected + " but was " + last);
    }
}
