package dev.workbench.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.api.Cloud;
import dev.workbench.api.Endpoint;
import dev.workbench.api.EndpointMetrics;
import dev.workbench.api.Frame;
import dev.workbench.api.MetricPoint;
import dev.workbench.local.junit.LocalCloudExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** CloudWatch metrics and data capture reflect what an inference did. */
class MetricsAndCaptureTest {
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
  void syncMetricsAndCaptureReflectTheRun() throws Exception {
    Endpoint ep = cloud.registerModel("metered", r -> r.image("local/latency").environment("LATENCY_MS_PER_ROW", "1"))
        .toEndpoint(d -> d.dataCapture(true));
    Frame input = numbered(250);
    Frame out = ep.inference(input, o -> o.batchSize(50).threads(2));
    assertEquals(250, out.rowCount());

    // 5 invocations of 50 rows each.
    awaitTrue(() -> ep.metrics(Duration.ofMinutes(10)).sum("Invocations") >= 5, "Invocations metric");
    EndpointMetrics m = ep.metrics(Duration.ofMinutes(10));
    assertFalse(m.async());
    assertEquals(Duration.ofMinutes(1), m.period());
    assertEquals(5.0, m.sum("Invocations"));
    assertEquals(0.0, m.sum("Invocation5XXErrors"));
    assertTrue(m.max("ModelLatency") > 0, "model latency recorded: " + m.get("ModelLatency"));
    for (MetricPoint p : m.get("Invocations")) {
      assertTrue(p.value() >= 0);
    }
    EndpointMetrics only = ep.metrics(q -> q.since(Duration.ofMinutes(10)).period(Duration.ofSeconds(60))
        .metricNames("Invocations"));
    assertEquals(1, only.series().size());

    awaitTrue(() -> ep.capture(Duration.ofMinutes(5)).rowCount() >= 5, "captured records");
    Frame captured = ep.capture(Duration.ofMinutes(5));
    assertEquals(5, captured.rowCount());
    assertEquals("text/csv", captured.get(0, "input_content_type"));
    String firstInput = captured.column("input").stream().filter(s -> s != null && s.contains("\n0,v0")).findFirst()
        .orElse(null);
    assertNotNull(firstInput, "the first batch's CSV was captured: " + captured.column("input"));
    assertTrue(firstInput.startsWith("id,value"), firstInput);
    assertTrue(captured.column("output").stream().allMatch(s -> s != null && s.contains("latency_ms")));
    assertNotNull(captured.get(0, "event_id"));
    ep.delete();
  }

  @Test
  void asyncEndpointsReportTheAsyncSet() throws Exception {
    Endpoint ep = cloud.registerModel("metered-async", r -> r.image("local/latency")
        .environment("LATENCY_MS_PER_ROW", "1")).toEndpoint(d -> d.async(true));
    assertEquals(40, ep.inference(numbered(40)).rowCount());
    awaitTrue(() -> ep.metrics(Duration.ofMinutes(10)).sum("InvocationsProcesssed") >= 4, "InvocationsProcesssed");
    EndpointMetrics m = ep.metrics(Duration.ofMinutes(10));
    assertTrue(m.async());
    assertTrue(m.series().containsKey("ApproximateBacklogSize"));
    assertTrue(m.series().containsKey("HasBacklogWithoutCapacity"));
    assertFalse(m.series().containsKey("Invocations"), "async endpoints publish no Invocations");
    assertEquals(0.0, m.sum("InvocationFailures"));
    ep.delete();
  }

  static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
      Thread.sleep(200);
    }
  }

  static Frame numbered(int n) {
    Frame.Builder b = Frame.builder("id", "value");
    for (int i = 0; i < n; i++) {
      b.row(Integer.toString(i), "v" + i);
    }
    return b.build();
  }
}
