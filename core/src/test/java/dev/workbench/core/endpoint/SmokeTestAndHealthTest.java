package dev.workbench.core.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.api.Cloud;
import dev.workbench.api.Endpoint;
import dev.workbench.api.EndpointHealth;
import dev.workbench.api.EndpointKind;
import dev.workbench.api.Frame;
import dev.workbench.api.HealthIssue;
import dev.workbench.api.Model;
import dev.workbench.api.TestInferenceResult;
import dev.workbench.api.WorkbenchException;
import dev.workbench.local.junit.LocalCloudExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** endpoint.testInference and endpoint.health against local-cloud, through the real SDK clients. */
class SmokeTestAndHealthTest {
  @RegisterExtension
  static LocalCloudExtension local = LocalCloudExtension.fast();

  @TempDir
  static Path data;

  static Cloud cloud;
  static Model picky;

  @BeforeAll
  static void connect() {
    cloud = Cloud.at(local.cloud().endpoint(), s -> s.dataDir(data));
    picky = cloud.registerModel("smoke-picky", r -> r.image("local/latency").environment("LATENCY_MS_PER_ROW", "0")
        .environment("FAIL_ON", "poison"));
    picky.sample(Frame.builder("id", "smiles").row("a", "CCO").row("b", "O").row("c", "C").row("d", "N").build());
  }

  @AfterAll
  static void close() {
    cloud.close();
  }

  @Test
  void theSampleIsKeptWithTheModel() {
    Frame sample = picky.sample();
    assertNotNull(sample);
    assertEquals(List.of("id", "smiles"), sample.columns());
    assertEquals(4, sample.rowCount());
    assertNull(cloud.registerModel("smoke-no-sample", r -> r.image("local/latency")).sample());
  }

  @Test
  void aSyncSmokeTestIsOneCallOfTheSampleRows() {
    Endpoint ep = picky.toEndpoint(d -> d.endpointName("smoke-sync"));
    long calls = local.cloud().stats().get("runtime.InvokeEndpoint");
    TestInferenceResult r = ep.testInference(3);
    assertTrue(r.success(), String.valueOf(r.firstError()));
    assertEquals(EndpointKind.SYNC, r.kind());
    assertEquals(3, r.rows());
    assertEquals(0, r.failedRows());
    assertTrue(r.columns().containsAll(List.of("id", "smiles", "latency_ms")), r.columns().toString());
    assertTrue(r.latency().toNanos() > 0);
    assertEquals(List.of("a", "b", "c"), r.output().column("id"));
    assertEquals(calls + 1, local.cloud().stats().get("runtime.InvokeEndpoint"), "one InvokeEndpoint");

    TestInferenceResult bad = ep.testInference(Frame.builder("id").row("poison").build());
    assertFalse(bad.success());
    assertEquals(1, bad.failedRows());
    assertNotNull(bad.firstError());
    assertTrue(bad.firstError().contains("FAIL_ON"), bad.firstError());

    IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> ep.testInference(0));
    assertTrue(zero.getMessage().contains("rows"));
  }

  @Test
  void anAsyncSmokeTestIsOneBatch() {
    Endpoint ep = picky.toEndpoint(d -> d.endpointName("smoke-async").async(true).maxInstances(1));
    long calls = local.cloud().stats().get("runtime.InvokeEndpointAsync");
    TestInferenceResult r = ep.testInference(4);
    assertTrue(r.success(), String.valueOf(r.firstError()));
    assertEquals(EndpointKind.ASYNC, r.kind());
    assertEquals(4, r.rows());
    assertEquals(calls + 1, local.cloud().stats().get("runtime.InvokeEndpointAsync"), "one async batch");
  }

  @Test
  void withoutASampleTheSmokeTestSaysWhatToDo() {
    Endpoint ep = cloud.registerModel("smoke-bare", r -> r.image("local/latency")).toEndpoint();
    WorkbenchException e = assertThrows(WorkbenchException.class, () -> ep.testInference(5));
    assertTrue(e.getMessage().contains("has no sample") && e.getMessage().contains("--sample"), e.getMessage());
    assertTrue(ep.testInference(Frame.builder("id").row("x").build()).success());
  }

  @Test
  void healthFollowsActivityAndServerErrors() throws Exception {
    Endpoint ep = cloud.registerModel("smoke-health", r -> r.image("local/latency")
        .environment("LATENCY_MS_PER_ROW", "0")).toEndpoint();
    EndpointHealth idle = ep.health();
    assertEquals(List.of(HealthIssue.NO_ACTIVITY), idle.codes(), idle.toString());
    assertFalse(idle.healthy());

    assertEquals(0, ep.inference(Frame.builder("id").row("x").build()).errorCount());
    EndpointHealth busy = await(ep, h -> !h.codes().contains(HealthIssue.NO_ACTIVITY));
    assertTrue(busy.healthy(), busy.toString());

    local.cloud().faults().crashContainer("smoke-health"); // the next invocation dies with a 500
    assertThrows(dev.workbench.api.InferenceFailedException.class, () -> ep.inference(Frame.builder("id").row("y").build()));
    EndpointHealth errors = await(ep, h -> h.codes().contains(HealthIssue.ERRORS_MIN));
    assertEquals(List.of(HealthIssue.ERRORS_MIN), errors.codes(), errors.toString());
    assertTrue(errors.issues().get(0).detail().contains("Invocation5XXErrors"), errors.toString());

    cloud.sageMaker().deleteEndpointConfig(b -> b.endpointConfigName("smoke-health"));
    assertTrue(ep.health().codes().contains(HealthIssue.NO_CONFIG));
  }

  static EndpointHealth await(Endpoint ep, Predicate<EndpointHealth> done) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    EndpointHealth h = ep.health();
    while (!done.test(h) && System.nanoTime() < deadline) {
      Thread.sleep(200);
      h = ep.health();
    }
    assertTrue(done.test(h), h.toString());
    return h;
  }
}
