package dev.workbench.local.autoscaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.local.ModelMembers;
import dev.workbench.local.TestClients;
import dev.workbench.local.junit.LocalCloudExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.AdjustmentType;
import software.amazon.awssdk.services.applicationautoscaling.model.Alarm;
import software.amazon.awssdk.services.applicationautoscaling.model.ApplicationAutoScalingException;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalingPoliciesResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.MetricType;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.PutScalingPolicyResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.applicationautoscaling.model.StepAdjustment;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;

/**
 * Target-tracking policies own their CloudWatch alarms as in Application Auto Scaling, DescribeScalingPolicies lists
 * a policy's alarms, and string lengths are checked as the service model says.
 */
class AutoScalingAlarmsTest {

    private static final String RESOURCE = "endpoint/alarmed/variant/AllTraffic";
    private static final String HIGH = "TargetTracking-" + RESOURCE + "-AlarmHigh-[0-9a-f-]{36}";
    private static final String LOW = "TargetTracking-" + RESOURCE + "-AlarmLow-[0-9a-f-]{36}";

    @RegisterExtension
    static LocalCloudExtension cloud = LocalCloudExtension.fast();
    static TestClients aws;
    static ApplicationAutoScalingClient aas;

    @BeforeAll
    static void endpoint() throws InterruptedException {
        aws = new TestClients(cloud.cloud());
        aas = aws.autoScaling;
        var sm = aws.sageMaker;
        sm.createModel(b -> b.modelName("alarmed").executionRoleArn("arn:aws:iam::000000000000:role/r")
                .primaryContainer(c -> c.image("local/latency").environment(Map.of("LATENCY_MS_PER_ROW", "0"))));
        sm.createEndpointConfig(b -> b.endpointConfigName("alarmed").productionVariants(v -> v.variantName("AllTraffic")
                .modelName("alarmed").initialInstanceCount(1).instanceType("ml.m5.large")));
        sm.createEndpoint(b -> b.endpointName("alarmed").endpointConfigName("alarmed"));
        long end = System.nanoTime() + 60_000_000_000L;
        while (sm.describeEndpoint(b -> b.endpointName("alarmed")).endpointStatus() != EndpointStatus.IN_SERVICE
                && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        aas.registerScalableTarget(b -> b.serviceNamespace(ServiceNamespace.SAGEMAKER).resourceId(RESOURCE)
                .scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT).minCapacity(1).maxCapacity(4));
    }

    @AfterAll
    static void close() {
        aws.close();
    }

    private static PutScalingPolicyResponse tracking(String name, double target, boolean disableScaleIn) {
        return aas.putScalingPolicy(b -> b.policyName(name).serviceNamespace(ServiceNamespace.SAGEMAKER).resourceId(RESOURCE)
                .scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT)
                .policyType(PolicyType.TARGET_TRACKING_SCALING)
                .targetTrackingScalingPolicyConfiguration(t -> t.targetValue(target).disableScaleIn(disableScaleIn)
                        .predefinedMetricSpecification(m -> m.predefinedMetricType(MetricType.SAGE_MAKER_VARIANT_INVOCATIONS_PER_INSTANCE))));
    }

    private static ScalingPolicy policy(String name) {
        return aas.describeScalingPolicies(b -> b.serviceNamespace(ServiceNamespace.SAGEMAKER).policyNames(name))
                .scalingPolicies().get(0);
    }

    private static MetricAlarm alarm(String name) {
        List<MetricAlarm> found = aws.cloudWatch.describeAlarms(b -> b.alarmNames(name)).metricAlarms();
        assertEquals(1, found.size(), name);
        return found.get(0);
    }

    private static boolean exists(String name) {
        return !aws.cloudWatch.describeAlarms(b -> b.alarmNames(name)).metricAlarms().isEmpty();
    }

    @Test
    void targetTrackingCreatesItsHighAndLowAlarmsAndListsThem() {
        PutScalingPolicyResponse put = tracking("invocations", 70, false);
        assertEquals(2, put.alarms().size(), put.toString());
        Alarm high = put.alarms().stream().filter(a -> a.alarmName().contains("AlarmHigh")).findFirst().orElseThrow();
        Alarm low = put.alarms().stream().filter(a -> a.alarmName().contains("AlarmLow")).findFirst().orElseThrow();
        assertTrue(high.alarmName().matches(HIGH), high.alarmName());
        assertTrue(low.alarmName().matches(LOW), low.alarmName());
        assertEquals("arn:aws:cloudwatch:us-east-1:000000000000:alarm:" + high.alarmName(), high.alarmARN());

        MetricAlarm h = alarm(high.alarmName());
        assertEquals("InvocationsPerInstance", h.metricName());
        assertEquals("AWS/SageMaker", h.namespace());
        assertEquals(Statistic.SUM, h.statistic());
        assertEquals(ComparisonOperator.GREATER_THAN_THRESHOLD, h.comparisonOperator());
        assertEquals(70.0, h.threshold());
        assertEquals(3, h.evaluationPeriods());
        assertEquals(List.of(put.policyARN()), h.alarmActions());
        assertEquals(Map.of("EndpointName", "alarmed", "VariantName", "AllTraffic"),
                Map.of(h.dimensions().get(0).name(), h.dimensions().get(0).value(), h.dimensions().get(1).name(),
                        h.dimensions().get(1).value()));
        MetricAlarm l = alarm(low.alarmName());
        assertEquals(ComparisonOperator.LESS_THAN_THRESHOLD, l.comparisonOperator());
        assertEquals(63.0, l.threshold(), 1e-9);
        assertEquals(15, l.evaluationPeriods());

        assertEquals(List.of(high.alarmName(), low.alarmName()).stream().sorted().toList(),
                policy("invocations").alarms().stream().map(Alarm::alarmName).sorted().toList());
        if (TestClients.awsCliInstalled()) {
            TestClients.CliResult cli = TestClients.awsCli(cloud.cloud().endpoint(), "--output", "json",
                    "application-autoscaling", "describe-scaling-policies", "--service-namespace", "sagemaker",
                    "--policy-names", "invocations");
            assertEquals(0, cli.exit(), cli.output());
            assertTrue(cli.output().contains(high.alarmName()) && cli.output().contains(low.alarmName()), cli.output());
        }

        // A changed policy gets new alarms; the old ones go.
        PutScalingPolicyResponse changed = tracking("invocations", 50, true);
        assertEquals(1, changed.alarms().size(), "no AlarmLow when scale-in is disabled");
        assertEquals(put.policyARN(), changed.policyARN());
        assertTrue(!exists(high.alarmName()) && !exists(low.alarmName()), "old alarms removed");
        assertEquals(50.0, alarm(changed.alarms().get(0).alarmName()).threshold());
        assertEquals(List.of(changed.alarms().get(0).alarmName()),
                policy("invocations").alarms().stream().map(Alarm::alarmName).toList());

        aas.deleteScalingPolicy(b -> b.policyName("invocations").serviceNamespace(ServiceNamespace.SAGEMAKER)
                .resourceId(RESOURCE).scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT));
        assertTrue(!exists(changed.alarms().get(0).alarmName()), "the policy's alarms go with it");
    }

    @Test
    void aStepPolicyListsTheAlarmThatTriggersItAndKeepsItsAlarm() {
        String step = aas.putScalingPolicy(b -> b.policyName("step-out").serviceNamespace(ServiceNamespace.SAGEMAKER)
                .resourceId(RESOURCE).scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT)
                .policyType(PolicyType.STEP_SCALING).stepScalingPolicyConfiguration(s -> s
                        .adjustmentType(AdjustmentType.CHANGE_IN_CAPACITY)
                        .stepAdjustments(StepAdjustment.builder().metricIntervalLowerBound(0.0).scalingAdjustment(1).build())))
                .policyARN();
        assertEquals(List.of(), policy("step-out").alarms(), "no alarm names the policy yet");
        aws.cloudWatch.putMetricAlarm(b -> b.alarmName("alarmed-errors").namespace("AWS/SageMaker")
                .metricName("Invocation5XXErrors").dimensions(d -> d.name("EndpointName").value("alarmed"))
                .statistic(Statistic.SUM).period(60).evaluationPeriods(1).threshold(10.0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD).alarmActions(step));
        List<Alarm> listed = policy("step-out").alarms();
        assertEquals(1, listed.size());
        assertEquals("alarmed-errors", listed.get(0).alarmName());
        assertEquals("arn:aws:cloudwatch:us-east-1:000000000000:alarm:alarmed-errors", listed.get(0).alarmARN());

        var raw = ModelMembers.call(cloud.cloud(), "application-autoscaling",
                "AnyScaleFrontendService.DescribeScalingPolicies", "{\"ServiceNamespace\":\"sagemaker\"}");
        assertEquals(List.of(), ModelMembers.unknown(raw, DescribeScalingPoliciesResponse.builder().build()), raw.toString());

        aas.deleteScalingPolicy(b -> b.policyName("step-out").serviceNamespace(ServiceNamespace.SAGEMAKER)
                .resourceId(RESOURCE).scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT));
        assertTrue(exists("alarmed-errors"), "the user's alarm is the user's");
    }

    @Test
    void stringLengthsAreCheckedAsTheServiceModelSays() {
        ApplicationAutoScalingException longName = assertThrows(ApplicationAutoScalingException.class,
                () -> tracking("p".repeat(257), 10, false));
        assertEquals("ValidationException", longName.awsErrorDetails().errorCode());
        assertTrue(longName.getMessage().contains("at 'policyName' failed to satisfy constraint: Member must have length"
                + " less than or equal to 256"), longName.getMessage());
        tracking("q".repeat(256), 10, false); // the limit itself is fine

        String tooLong = "endpoint/" + "e".repeat(1600) + "/variant/AllTraffic";
        ApplicationAutoScalingException longId = assertThrows(ApplicationAutoScalingException.class,
                () -> aas.registerScalableTarget(b -> b.serviceNamespace(ServiceNamespace.SAGEMAKER).resourceId(tooLong)
                        .scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT).minCapacity(0).maxCapacity(1)));
        assertEquals("ValidationException", longId.awsErrorDetails().errorCode());
        assertTrue(longId.getMessage().contains("at 'resourceId' failed to satisfy constraint: Member must have length less"
                + " than or equal to 1600"), longId.getMessage());

        ApplicationAutoScalingException empty = assertThrows(ApplicationAutoScalingException.class,
                () -> aas.deregisterScalableTarget(b -> b.serviceNamespace(ServiceNamespace.SAGEMAKER).resourceId("")
                        .scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT)));
        assertTrue(empty.getMessage().contains("greater than or equal to 1"), empty.getMessage());

        ApplicationAutoScalingException many = assertThrows(ApplicationAutoScalingException.class,
                () -> aas.describeScalableTargets(b -> b.serviceNamespace(ServiceNamespace.SAGEMAKER)
                        .resourceIds(java.util.stream.IntStream.range(0, 51).mapToObj(i -> "endpoint/e" + i + "/variant/v").toList())));
        assertTrue(many.getMessage().contains("at 'resourceIds' failed to satisfy constraint: Member must have length less"
                + " than or equal to 50"), many.getMessage());
        aas.deleteScalingPolicy(b -> b.policyName("q".repeat(256)).serviceNamespace(ServiceNamespace.SAGEMAKER)
                .resourceId(RESOURCE).scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT));
    }
}
