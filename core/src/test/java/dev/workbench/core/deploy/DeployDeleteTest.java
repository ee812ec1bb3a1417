package dev.workbench.core.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.api.AsyncSettings;
import dev.workbench.api.Cloud;
import dev.workbench.api.DeployException;
import dev.workbench.api.DeployProgress;
import dev.workbench.api.Endpoint;
import dev.workbench.api.EndpointDescription;
import dev.workbench.api.EndpointMeta;
import dev.workbench.api.EndpointNotFoundException;
import dev.workbench.api.Model;
import dev.workbench.api.ModelNotFoundException;
import dev.workbench.local.junit.LocalCloudExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointConfigResponse;

/** Deploy with the async toggle and scale-to-zero, then delete, against local-cloud. */
class DeployDeleteTest {
  @RegisterExtension
  static LocalCloudExtension local = LocalCloudExtension.fast();

  @TempDir
  static Path data;

  static Cloud cloud;

  @BeforeAll
  static void connect() {
    cloud = Cloud.at(local.cloud().endpoint(), s -> s.dataDir(data));
  }

  @AfterAll
  static void close() {
    cloud.close();
  }

  @Test
  void asyncDeployRegistersScaleToZeroAndDeleteLeavesNothingBehind() {
    Model model = cloud.registerModel("descriptors-async", r -> r.image("local/smiles-descriptors")
        .environment("SMILES_COLUMN", "smiles"));
    assertTrue(model.exists());
    assertEquals("local/smiles-descriptors", model.describe().image());

    List<DeployProgress> steps = new CopyOnWriteArrayList<>();
    Endpoint ep = model.toEndpoint(d -> d.async(true).instance("ml.c7i.2xlarge").tags("smiles", "3d")
        .maxInstances(4).idleMinutes(5).maxConcurrent(2).dataCapture(true).onProgress(steps::add));

    List<String> stages = steps.stream().map(DeployProgress::stage).toList();
    assertTrue(stages.containsAll(List.of("model", "config", "endpoint", "autoscaling", "InService")), stages.toString());

    EndpointDescription d = ep.describe();
    assertTrue(d.inService());
    assertTrue(d.async());
    assertEquals("ml.c7i.2xlarge", d.instanceType());
    assertEquals("AllTraffic", d.variantName());
    assertEquals("descriptors-async", d.modelName());
    AsyncSettings async = d.asyncSettings();
    assertNotNull(async);
    assertEquals(2, async.maxConcurrentInvocationsPerInstance());
    String prefix = "s3://" + cloud.bucket() + "/endpoints/descriptors-async/";
    assertEquals(prefix + "async-output/", async.outputPath());
    assertEquals(prefix + "async-failures/", async.failurePath());
    DescribeEndpointConfigResponse config = cloud.sageMaker().describeEndpointConfig(b -> b.endpointConfigName("descriptors-async"));
    assertEquals(prefix + "data-capture", config.dataCaptureConfig().destinationS3Uri());

    EndpointMeta meta = ep.meta();
    assertTrue(meta.asyncEndpoint());
    assertEquals(List.of("smiles", "3d"), meta.tags());
    assertEquals(4, meta.maxInstances(0));
    assertEquals(5, meta.scaleInIdleMinutes(0));
    assertEquals(2, meta.asyncMaxConcurrent(0));
    assertTrue(ep.isAsync());

    String resourceId = "endpoint/descriptors-async/variant/AllTraffic";
    List<ScalableTarget> targets = cloud.autoScaling().describeScalableTargets(b -> b
        .serviceNamespace(ServiceNamespace.SAGEMAKER).resourceIds(resourceId)).scalableTargets();
    assertEquals(1, targets.size());
    assertEquals(0, targets.get(0).minCapacity());
    assertEquals(4, targets.get(0).maxCapacity());
    List<ScalingPolicy> policies = policies(resourceId);
    assertEquals(2, policies.size());
    ScalingPolicy tracking = policies.stream().filter(p -> p.policyType() == PolicyType.TARGET_TRACKING_SCALING)
        .findFirst().orElseThrow();
    var tt = tracking.targetTrackingScalingPolicyConfiguration();
    assertEquals("ApproximateBacklogSizePerInstance", tt.customizedMetricSpecification().metricName());
    assertEquals(300, tt.scaleInCooldown());
    ScalingPolicy step = policies.stream().filter(p -> p.policyType() == PolicyType.STEP_SCALING)
        .findFirst().orElseThrow();
    List<MetricAlarm> alarms = alarms();
    MetricAlarm backlog = alarms.stream().filter(a -> a.metricName().equals("HasBacklogWithoutCapacity"))
        .findFirst().orElseThrow();
    assertEquals(List.of(step.policyARN()), backlog.alarmActions());

    ep.delete();

    assertThrows(EndpointNotFoundException.class, ep::describe);
    assertFalse(model.exists());
    assertTrue(cloud.endpoints().stream().noneMatch(e -> e.name().equals("descriptors-async")));
    assertTrue(cloud.models().stream().noneMatch(m -> m.name().equals("descriptors-async")));
    assertTrue(cloud.sageMaker().listEndpointConfigs(b -> b.nameContains("descriptors-async")).endpointConfigs().isEmpty());
    assertTrue(cloud.autoScaling().describeScalableTargets(b -> b.serviceNamespace(ServiceNamespace.SAGEMAKER)
        .resourceIds(resourceId)).scalableTargets().isEmpty());
    assertTrue(policies(resourceId).isEmpty());
    assertTrue(alarms().stream().noneMatch(a -> a.alarmName().contains("descriptors-async")
        || a.dimensions().stream().anyMatch(dim -> dim.value().equals("descriptors-async"))), alarms().toString());
  }

  @Test
  void syncDeployUsesSyncDefaults() {
    Endpoint ep = cloud.registerModel("echo-deploy", r -> r.image("local/latency")).toEndpoint();
    EndpointDescription d = ep.describe();
    assertFalse(d.async());
    assertFalse(ep.isAsync());
    assertEquals("ml.t2.medium", d.instanceType());
    assertEquals(1, d.currentInstances());
    assertEquals(null, d.asyncSettings());
    assertTrue(cloud.autoScaling().describeScalableTargets(b -> b.serviceNamespace(ServiceNamespace.SAGEMAKER)
        .resourceIds("endpoint/echo-deploy/variant/AllTraffic")).scalableTargets().isEmpty());
    assertThrows(DeployException.class, () -> cloud.model("echo-deploy").toEndpoint(),
        "a second deploy under the same name is refused");
    ep.delete();
  }

  @Test
  void aContainerThatCannotStartFailsTheDeployWithItsReason() {
    Model broken = cloud.registerModel("broken", r -> r.image("false"));
    DeployException e = assertThrows(DeployException.class, broken::toEndpoint);
    assertTrue(e.getMessage().contains("Failed") && e.getMessage().contains("exited"), e.getMessage());

    Endpoint ep = cloud.endpoint("broken");
    dev.workbench.api.EndpointNotReadyException notReady = assertThrows(
        dev.workbench.api.EndpointNotReadyException.class, () -> ep.inference(
            dev.workbench.api.Frame.builder("a").row("1").build()));
    assertEquals("Failed", notReady.status());
    assertNotNull(notReady.failureReason());
    assertTrue(notReady.getMessage().contains("broken"), notReady.getMessage());
    ep.delete();
    assertFalse(broken.exists());
  }

  @Test
  void badOptionsAreRefusedBeforeAnyCall() {
    Model model = cloud.registerModel("validated", r -> r.image("local/latency"));
    long before = local.cloud().stats().get("sagemaker.CreateEndpointConfig");
    assertMessage("maxConcurrent", () -> model.toEndpoint(d -> d.async(true).maxConcurrent(0)));
    assertMessage("maxConcurrent", () -> model.toEndpoint(d -> d.async(true).maxConcurrent(1001)));
    assertMessage("idleMinutes", () -> model.toEndpoint(d -> d.async(true).idleMinutes(0)));
    assertMessage("maxInstances", () -> model.toEndpoint(d -> d.async(true).maxInstances(0)));
    assertMessage("endpointName", () -> model.toEndpoint(d -> d.endpointName("bad_name!")));
    assertMessage("instance", () -> model.toEndpoint(d -> d.instance("c7i.large")));
    assertEquals(before, local.cloud().stats().get("sagemaker.CreateEndpointConfig"));
    assertThrows(ModelNotFoundException.class, () -> cloud.model("never-registered").toEndpoint());
    model.delete();
  }

  private static void assertMessage(String field, org.junit.jupiter.api.function.Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().contains(field), e.getMessage());
  }

  private static List<ScalingPolicy> policies(String resourceId) {
    return cloud.autoScaling().describeScalingPolicies(b -> b.serviceNamespace(ServiceNamespace.SAGEMAKER)
        .resourceId(resourceId)).scalingPolicies();
  }

  private static List<MetricAlarm> alarms() {
    return cloud.cloudWatch().describeAlarms(b -> b.maxRecords(100)).metricAlarms();
  }
}
