package dev.workbench.core.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.api.Cloud;
import dev.workbench.api.DeployOptions;
import dev.workbench.api.Endpoint;
import dev.workbench.api.EndpointDescription;
import dev.workbench.api.Model;
import dev.workbench.local.junit.LocalCloudExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.applicationautoscaling.model.TargetTrackingScalingPolicyConfiguration;

/** Sync (realtime) endpoints deployed with target tracking, scaled by the local cloud from their metric. */
class RealtimeAutoscalingTest {
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
    return cloud.registerModel(name, r -> r.image("local/latency").environment("LATENCY_MS_PER_ROW", "2"));
  }

  @Test
  void aLoadedSyncEndpointScalesOutAndBackIn() throws Exception {
    Endpoint ep = latency("rt-scale").toEndpoint(d -> d.minInstances(1).maxInstances(3).autoscaleOnInvocations(5)
        .tags("rt"));
    ScalableTarget target = target("rt-scale");
    assertEquals(1, target.minCapacity());
    assertEquals(3, target.maxCapacity());
    ScalingPolicy policy = policies("rt-scale").get(0);
    TargetTrackingScalingPolicyConfiguration tt = policy.targetTrackingScalingPolicyConfiguration();
    assertEquals("SageMakerVariantInvocationsPerInstance", tt.predefinedMetricSpecification().predefinedMetricTypeAsString());
    assertEquals(5.0, tt.targetValue());
    assertEquals(300, tt.scaleInCooldown());
    assertEquals(60, tt.scaleOutCooldown());
    assertEquals(2, policy.alarms().size(), "AlarmHigh and AlarmLow: " + policy.alarms());
    assertEquals("1", ep.meta().get("min_instances"));
    assertEquals("3", ep.meta().get("max_instances"));
    assertEquals(1, ep.describe().currentInstances());

    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger failures = new AtomicInteger();
    List<Thread> load = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Thread t = new Thread(() -> {
        while (!stop.get()) {
          try {
            cloud.runtime().invokeEndpoint(b -> b.endpointName("rt-scale").contentType("text/csv")
                .body(SdkBytes.fromString("id\na\n", StandardCharsets.UTF_8)));
          } catch (RuntimeException e) {
            failures.incrementAndGet();
          }
        }
      }, "rt-load-" + i);
      t.start();
      load.add(t);
    }
    EndpointDescription out;
    try {
      out = await(ep, d -> d.currentInstances() == 3);
    } finally {
      stop.set(true);
      for (Thread t : load) {
        t.join();
      }
    }
    assertEquals(3, out.desiredInstances(), "scaled out to max and no further");
    assertEquals(0, failures.get(), "no invocation failed while the fleet grew");
    EndpointDescription idle = await(ep, d -> d.desiredInstances() == 1 && d.currentInstances() == 1);
    assertTrue(idle.inService());
    assertFalse(cloud.autoScaling().describeScalingActivities(b -> b.serviceNamespace(ServiceNamespace.SAGEMAKER)
        .resourceId(Names.resourceId("rt-scale"))).scalingActivities().isEmpty());
  }

  @Test
  void cpuTrackingUsesTheInstancesCpuMetric() {
    latency("rt-cpu").toEndpoint(d -> d.minInstances(1).maxInstances(2)
        .autoscaling(dev.workbench.api.RealtimeScaling.cpu(60).withCooldowns(600, 120)));
    TargetTrackingScalingPolicyConfiguration tt = policies("rt-cpu").get(0).targetTrackingScalingPolicyConfiguration();
    assertEquals("CPUUtilization", tt.customizedMetricSpecification().metricName());
    assertEquals("/aws/sagemaker/Endpoints", tt.customizedMetricSpecification().namespace());
    assertEquals(60.0, tt.targetValue());
    assertEquals(600, tt.scaleInCooldown());
    assertEquals(120, tt.scaleOutCooldown());
  }

  @Test
  void badValuesAreRefusedNamingTheValueBeforeAnyCall() {
    Model model = latency("rt-bad");
    assertRefused(model, d -> d.minInstances(0).maxInstances(2).autoscaleOnInvocations(5), "minInstances must be >= 1");
    assertRefused(model, d -> d.minInstances(3).maxInstances(2).autoscaleOnInvocations(5), "was 3");
    assertRefused(model, d -> d.maxInstances(2).autoscaleOnInvocations(0), "target must be a number greater than 0");
    assertRefused(model, d -> d.maxInstances(2).autoscaling(dev.workbench.api.RealtimeScaling.cpu(50).withCooldowns(-1, 60)),
        "scaleInCooldown");
    assertRefused(model, d -> d.async(true).autoscaleOnInvocations(5), "for sync endpoints");
    assertTrue(cloud.sageMaker().listEndpoints(b -> b.nameContains("rt-bad")).endpoints().isEmpty());
  }

  @Test
  void aSyncEndpointWithoutAutoscalingRegistersNothing() {
    latency("rt-fixed").toEndpoint(d -> d.maxInstances(4));
    assertTrue(cloud.autoScaling().describeScalableTargets(b -> b.serviceNamespace(ServiceNamespace.SAGEMAKER)
        .resourceIds(Names.resourceId("rt-fixed"))).scalableTargets().isEmpty());
  }

  static void assertRefused(Model model, Consumer<DeployOptions.Builder> options, String text) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.toEndpoint(options));
    assertTrue(e.getMessage().contains(text), e.getMessage());
  }

  static ScalableTarget target(String endpoint) {
    return targetOf(cloud, endpoint);
  }

  static List<ScalingPolicy> policies(String endpoint) {
    return policiesOf(cloud, endpoint);
  }

  static ScalableTarget targetOf(Cloud cloud, String endpoint) {
    List<ScalableTarget> targets = cloud.autoScaling().describeScalableTargets(b -> b.serviceNamespace(ServiceNamespace.SAGEMAKER)
        .resourceIds(Names.resourceId(endpoint))).scalableTargets();
    assertEquals(1, targets.size(), targets.toString());
    return targets.get(0);
  }

  static List<ScalingPolicy> policiesOf(Cloud cloud, String endpoint) {
    return cloud.autoScaling().describeScalingPolicies(b -> b.serviceNamespace(ServiceNamespace.SAGEMAKER)
        .resourceId(Names.resourceId(endpoint))).scalingPolicies();
  }

  static EndpointDescription await(Endpoint ep, Predicate<EndpointDescription> done) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    EndpointDescription d = ep.describe();
    while (!done.test(d) && System.nanoTime() < deadline) {
      Thread.sleep(100);
      d = ep.describe();
    }
    assertTrue(done.test(d), "timed out; last " + d);
    return d;
  }
}
