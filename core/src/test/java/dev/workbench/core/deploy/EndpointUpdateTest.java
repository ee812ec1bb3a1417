package dev.workbench.core.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workbench.api.Cloud;
import dev.workbench.api.DeployException;
import dev.workbench.api.DeployProgress;
import dev.workbench.api.Endpoint;
import dev.workbench.api.EndpointDescription;
import dev.workbench.api.Frame;
import dev.workbench.api.Model;
import dev.workbench.core.metrics.EndpointLogsTest;
import dev.workbench.local.junit.LocalCloudExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

/** Endpoints changed in place: a new config and UpdateEndpoint, serving throughout, rolled back when the new fleet fails. */
class EndpointUpdateTest {
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

  static Model latency(String name) {
    return cloud.registerModel(name, r -> r.image("local/latency").environment("LATENCY_MS_PER_ROW", "1"));
  }

  static DescribeEndpointResponse raw(String endpoint) {
    return cloud.sageMaker().describeEndpoint(b -> b.endpointName(endpoint));
  }

  static ProductionVariant configVariant(String endpoint) {
    return cloud.sageMaker().describeEndpointConfig(b -> b.endpointConfigName(raw(endpoint).endpointConfigName()))
        .productionVariants().get(0);
  }

  @Test
  void anUpdateChangesCountAndTypeWhileTheEndpointKeepsAnswering() throws Exception {
    Endpoint ep = latency("upd-serving").toEndpoint(d -> d.instance("ml.t2.medium"));
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger calls = new AtomicInteger();
    List<String> failures = new CopyOnWriteArrayList<>();
    Thread load = new Thread(() -> {
      while (!stop.get()) {
        try {
          cloud.runtime().invokeEndpoint(b -> b.endpointName("upd-serving").contentType("text/csv")
              .body(SdkBytes.fromString("id\na\n", StandardCharsets.UTF_8)));
          calls.incrementAndGet();
        } catch (RuntimeException e) {
          failures.add(e.toString());
        }
      }
    }, "upd-load");
    load.start();
    List<DeployProgress> progress = new CopyOnWriteArrayList<>();
    EndpointDescription after;
    int before;
    try {
      while (calls.get() < 5) {
        Thread.sleep(10);
      }
      before = calls.get();
      after = ep.update(u -> u.instance("ml.m5.large").instances(2).onProgress(progress::add));
      Thread.sleep(200);
    } finally {
      stop.set(true);
      load.join();
    }
    assertEquals(0, failures.size(), "invocations failed during the update, first: "
        + (failures.isEmpty() ? "" : failures.get(0)));
    assertTrue(calls.get() > before, "the endpoint answered during the update");
    assertTrue(after.inService());
    assertEquals(2, after.currentInstances());
    assertEquals(2, after.desiredInstances());
    assertEquals("ml.m5.large", after.instanceType());
    assertEquals("ml.m5.large", configVariant("upd-serving").instanceTypeAsString());
    String config = raw("upd-serving").endpointConfigName();
    assertTrue(config.startsWith("upd-serving-u"), config);
    assertEquals("ml.m5.large", ep.meta().get("instance"));
    List<String> stages = progress.stream().map(DeployProgress::stage).toList();
    assertTrue(stages.contains("Updating") && stages.get(stages.size() - 1).equals("InService"), stages.toString());
    // The deploy's own config is replaced, not left behind.
    assertThrows(SageMakerException.class, () -> cloud.sageMaker().describeEndpointConfig(b -> b.endpointConfigName("upd-serving")));
    assertEquals(0, ep.inference(Frame.builder("id").row("x").row("y").build()).errorCount());
    awsCliAndBoto3ReadTheUpdatedEndpoint("upd-serving", config);
  }

  /** Independent clients see the new config too, when installed. */
  static void awsCliAndBoto3ReadTheUpdatedEndpoint(String endpoint, String config) throws Exception {
    String url = local.cloud().endpoint().toString();
    // One CLI is enough here (EndpointLogsTest runs every one installed); each start costs seconds.
    for (Path aws : EndpointLogsTest.awsClis().stream().limit(1).toList()) {
      EndpointLogsTest.Result r = EndpointLogsTest.run(List.of(aws.toString(), "--endpoint-url", url, "--output", "json",
          "sagemaker", "describe-endpoint", "--endpoint-name", endpoint));
      assertEquals(0, r.exit(), aws + ": " + r.output());
      JsonNode json = new ObjectMapper().readTree(r.output());
      assertEquals(config, json.path("EndpointConfigName").asText(), r.output());
      assertEquals("InService", json.path("EndpointStatus").asText(), r.output());
      assertEquals(2, json.path("ProductionVariants").get(0).path("CurrentInstanceCount").asInt(), r.output());
    }
    if (EndpointLogsTest.onPath("python3") && EndpointLogsTest.run(List.of("python3", "-c", "import boto3")).exit() == 0) {
      String script = String.join("\n",
          "import boto3, sys",
          "sm = boto3.client('sagemaker', endpoint_url=sys.argv[1], region_name='us-east-1',",
          "                  aws_access_key_id='test', aws_secret_access_key='test')",
          "ep = sm.describe_endpoint(EndpointName=sys.argv[2])",
          "cfg = sm.describe_endpoint_config(EndpointConfigName=ep['EndpointConfigName'])",
          "print(ep['EndpointConfigName'], ep['EndpointStatus'], cfg['ProductionVariants'][0]['InstanceType'])");
      EndpointLogsTest.Result r = EndpointLogsTest.run(List.of("python3", "-c", script, url, endpoint));
      assertEquals(0, r.exit(), r.output());
      assertEquals(config + " InService ml.m5.large", r.output().trim());
    }
  }

  @Test
  void aNewConfigThatFailsIsRolledBackAndTheOldOneKeepsServing() {
    Endpoint ep = latency("upd-rollback").toEndpoint(d -> d.minInstances(1).maxInstances(2).autoscaleOnInvocations(50));
    String oldConfig = raw("upd-rollback").endpointConfigName();
    cloud.registerModel("upd-broken", r -> r.image("false"));

    DeployException e = assertThrows(DeployException.class, () -> ep.update(u -> u.model("upd-broken")));
    assertTrue(e.getMessage().contains("rolled back") && e.getMessage().contains(oldConfig), e.getMessage());

    DescribeEndpointResponse d = raw("upd-rollback");
    assertEquals("InService", d.endpointStatusAsString());
    assertEquals(oldConfig, d.endpointConfigName());
    assertNotNull(d.failureReason());
    assertEquals("upd-rollback", configVariant("upd-rollback").modelName());
    assertEquals(0, ep.inference(Frame.builder("id").row("still").build()).errorCount());
    ScalableTarget target = RealtimeAutoscalingTest.targetOf(cloud, "upd-rollback");
    assertEquals(2, target.maxCapacity(), "the old scaling is registered again");
    assertEquals(1, RealtimeAutoscalingTest.policiesOf(cloud, "upd-rollback").size());
    assertTrue(cloud.sageMaker().listEndpointConfigs(b -> b.nameContains("upd-rollback-u")).endpointConfigs().isEmpty(),
        "the failed config is deleted");
  }

  @Test
  void autoscalingBoundsFollowTheUpdate() {
    Endpoint ep = latency("upd-bounds").toEndpoint(d -> d.minInstances(1).maxInstances(2).autoscaleOnInvocations(40));
    ep.update(u -> u.minInstances(2).maxInstances(4));
    ScalableTarget target = RealtimeAutoscalingTest.targetOf(cloud, "upd-bounds");
    assertEquals(2, target.minCapacity());
    assertEquals(4, target.maxCapacity());
    var policy = RealtimeAutoscalingTest.policiesOf(cloud, "upd-bounds").get(0).targetTrackingScalingPolicyConfiguration();
    assertEquals(40.0, policy.targetValue(), "the policy is kept as it was");
    assertEquals(2, ep.describe().desiredInstances(), "the fleet moved inside the new bounds");
    assertEquals("2", ep.meta().get("min_instances"));
    assertEquals("4", ep.meta().get("max_instances"));
  }

  @Test
  void anAsyncEndpointKeepsScalingToZeroWithItsNewBoundsAndIdleWindow() {
    Endpoint ep = latency("upd-async").toEndpoint(d -> d.async(true).maxInstances(2).idleMinutes(30));
    ep.update(u -> u.maxInstances(3).idleMinutes(5));
    ScalableTarget target = RealtimeAutoscalingTest.targetOf(cloud, "upd-async");
    assertEquals(0, target.minCapacity());
    assertEquals(3, target.maxCapacity());
    var policies = RealtimeAutoscalingTest.policiesOf(cloud, "upd-async");
    var backlog = policies.stream().filter(p -> p.policyName().equals(Names.targetTrackingPolicy("upd-async"))).findFirst()
        .orElseThrow().targetTrackingScalingPolicyConfiguration();
    assertEquals(300, backlog.scaleInCooldown());
    String step = policies.stream().filter(p -> p.policyName().equals(Names.stepPolicy("upd-async"))).findFirst()
        .orElseThrow().policyARN();
    var alarm = cloud.cloudWatch().describeAlarms(b -> b.alarmNames(Names.backlogAlarm("upd-async"))).metricAlarms().get(0);
    assertEquals(List.of(step), alarm.alarmActions(), "the start-from-zero alarm fires the re-registered step policy");
    assertEquals("5", ep.meta().get("scale_in_idle_minutes"));
    assertEquals("3", ep.meta().get("max_instances"));
    assertEquals(0, ep.inference(Frame.builder("id").row("a").build()).errorCount());
  }

  @Test
  void dataCaptureGoesOffAndOnOnALiveEndpoint() {
    Endpoint ep = latency("upd-capture").toEndpoint(d -> d.dataCapture(true));
    assertTrue(raw("upd-capture").dataCaptureConfig().enableCapture());

    ep.update(u -> u.dataCapture(false));
    var off = raw("upd-capture").dataCaptureConfig();
    assertFalse(off.enableCapture());
    assertEquals("Stopped", off.captureStatusAsString());

    ep.update(u -> u.dataCapture(true, 40));
    var on = raw("upd-capture").dataCaptureConfig();
    assertTrue(on.enableCapture());
    assertEquals(40, on.currentSamplingPercentage());
    assertTrue(on.destinationS3Uri().endsWith("/endpoints/upd-capture/data-capture"), on.destinationS3Uri());

    Endpoint plain = latency("upd-capture-new").toEndpoint();
    assertEquals(null, raw("upd-capture-new").dataCaptureConfig());
    plain.update(u -> u.dataCapture(true));
    assertEquals(100, raw("upd-capture-new").dataCaptureConfig().currentSamplingPercentage());
  }

  @Test
  void badUpdatesAreRefusedNamingTheValue() {
    Endpoint ep = latency("upd-bad").toEndpoint();
    String config = raw("upd-bad").endpointConfigName();
    assertRefused(ep, "instances must be >= 1", () -> ep.update(u -> u.instances(0)));
    assertRefused(ep, "was 3", () -> ep.update(u -> u.minInstances(3).maxInstances(2)));
    assertRefused(ep, "minInstances must be >= 1 for a sync endpoint", () -> ep.update(u -> u.minInstances(0).maxInstances(2)));
    assertRefused(ep, "idleMinutes applies to async", () -> ep.update(u -> u.idleMinutes(5)));
    assertRefused(ep, "not a SageMaker instance type", () -> ep.update(u -> u.instance("m5.large")));
    assertRefused(ep, "captureSamplePercent", () -> ep.update(u -> u.dataCapture(true, 0)));
    assertRefused(ep, "Nothing to update", () -> ep.update(u -> { }));
    assertEquals(config, raw("upd-bad").endpointConfigName(), "nothing changed");
    assertNotEquals(null, ep.describe());
  }

  static void assertRefused(Endpoint ep, String text, Runnable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
    assertTrue(e.getMessage().contains(text), e.getMessage());
  }
}
