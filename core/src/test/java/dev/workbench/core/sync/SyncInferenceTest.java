package dev.workbench.core.sync;

import dev.workbench.core.aws.Backoff;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.api.Cloud;
import dev.workbench.api.Endpoint;
import dev.workbench.api.EndpointNotFoundException;
import dev.workbench.api.Frame;
import dev.workbench.api.FrameException;
import dev.workbench.api.InferenceJob;
import dev.workbench.api.InferenceProgress;
import dev.workbench.local.junit.LocalCloudExtension;
import dev.workbench.local.spi.FaultSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The sync round trip against local-cloud with the real SDK clients. */
class SyncInferenceTest {
  @RegisterExtension
  static LocalCloudExtension local = LocalCloudExtension.fast();

  @TempDir
  static Path data;

  static Cloud cloud;
  static Endpoint descriptors;
  static Endpoint echo;
  static Endpoint failOnBad;

  @BeforeAll
  static void deploy() {
    cloud = Cloud.at(local.cloud().endpoint(), s -> s.dataDir(data));
    descriptors = cloud.registerModel("smiles-sync", r -> r.image("local/smiles-descriptors")).toEndpoint();
    echo = cloud.registerModel("echo-sync", r -> r.image("local/latency").environment("LATENCY_MS_PER_ROW", "0"))
        .toEndpoint();
    failOnBad = cloud.registerModel("bad-row-sync", r -> r.image("local/latency")
        .environment("LATENCY_MS_PER_ROW", "0").environment("FAIL_ON", "poison")).toEndpoint();
  }

  @AfterAll
  static void close() {
    cloud.close();
  }

  @Test
  void descriptorsComeBackForEachRowInOrder() {
    Frame input = Frame.builder("id", "smiles").row("a", "CCO").row("b", "c1ccccc1").row("c", "not a smiles")
        .row("d", "O").build();
    assertFalse(descriptors.isAsync());
    Frame out = descriptors.inference(input);

    assertEquals(4, out.rowCount());
    assertEquals(List.of("a", "b", "c", "d"), out.column("id"));
    assertEquals("C2H6O", out.get(0, "formula"));
    assertEquals(46.07, out.getDouble(0, "mw"), 0.05);
    assertEquals(78.11, out.getDouble(1, "mw"), 0.05);
    assertNull(out.get(0, Frame.ERROR_COLUMN));
    assertNotNull(out.get(2, Frame.ERROR_COLUMN), "an invalid SMILES fails its row only");
    assertNull(out.get(3, Frame.ERROR_COLUMN));
    assertEquals(1, out.errorCount());
  }

  @Test
  void manyBatchesOnManyThreadsKeepInputOrder() {
    Frame input = numbered(1_050);
    List<InferenceProgress> seen = new CopyOnWriteArrayList<>();
    InferenceJob job = echo.submit(input, o -> o.batchSize(100).threads(8).onProgress(seen::add));
    Frame out = job.join();

    assertEquals(1_050, out.rowCount());
    for (int i = 0; i < out.rowCount(); i++) {
      assertEquals(Integer.toString(i), out.get(i, "id"));
      assertEquals("v" + i, out.get(i, "value"));
    }
    assertEquals(0, out.errorCount());
    InferenceProgress last = job.progress();
    assertTrue(last.finished());
    assertEquals(11, last.batchesTotal());
    assertEquals(11, last.batchesDone());
    assertEquals(1_050, last.rowsDone());
    assertEquals(0, last.rowsInFlight());
    assertTrue(last.bytesUp() > 0 && last.bytesDown() > last.bytesUp(), last.toString());
    assertFalse(seen.isEmpty(), "progress events reached the listener");
  }

  @Test
  void aModelErrorIsBisectedDownToTheBadRow() {
    Frame clean = numbered(40);
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      rows.add(List.of(Integer.toString(i), i == 17 ? "poison" : "v" + i));
    }
    Frame input = Frame.of(clean.columns(), rows);
    long before = local.cloud().stats().get("runtime.InvokeEndpoint");
    InferenceJob job = failOnBad.submit(input, o -> o.batchSize(40).threads(2));
    Frame out = job.join();

    assertEquals(40, out.rowCount());
    assertEquals(1, out.errorCount());
    String error = out.get(17, Frame.ERROR_COLUMN);
    assertNotNull(error);
    assertTrue(error.contains("poison"), error);
    for (int i = 0; i < 40; i++) {
      assertEquals(Integer.toString(i), out.get(i, "id"));
      if (i != 17) {
        assertEquals("0", out.get(i, "latency_ms"), "row " + i + " was served");
      }
    }
    assertTrue(job.progress().splits() >= 5, "log2(40) splits to isolate one row: " + job.progress());
    long calls = local.cloud().stats().get("runtime.InvokeEndpoint") - before;
    assertTrue(calls <= 1 + 2 * 6, "bisection stays logarithmic, made " + calls + " calls");
  }

  @Test
  void throttlingIsRetriedWithBackoff() {
    local.cloud().faults().set(new FaultSettings(42, 0, 0.2, 0, Duration.ZERO));
    try {
      InferenceJob job = echo.submit(numbered(300), o -> o.batchSize(10).threads(4));
      Frame out = job.join();
      assertEquals(300, out.rowCount());
      assertEquals(0, out.errorCount(), "every throttled batch got through on a retry");
      assertTrue(job.progress().retries() > 0, "some invocations were throttled: " + job.progress());
    } finally {
      local.cloud().faults().set(FaultSettings.none());
    }
  }

  @Test
  void aRowOverThePayloadLimitFailsAloneNamingItsSize() {
    String huge = "x".repeat(SyncRoundTrip.MAX_BODY_BYTES + 10);
    Frame input = Frame.builder("id", "value").row("0", "small").row("1", huge).row("2", "also small").build();
    Frame out = echo.inference(input);

    assertEquals(3, out.rowCount());
    assertNull(out.get(0, Frame.ERROR_COLUMN));
    assertNull(out.get(2, Frame.ERROR_COLUMN));
    String error = out.get(1, Frame.ERROR_COLUMN);
    assertNotNull(error);
    assertTrue(error.contains("row 1") && error.contains("bytes") && error.contains("6291456"), error);
    assertEquals("also small", out.get(2, "value"));
  }

  @Test
  void oldErrorsAreNotSentAgain() {
    Frame input = Frame.builder("id", "value", Frame.ERROR_COLUMN).row("0", "v0", "earlier failure").build();
    Frame out = echo.inference(input);
    assertEquals(1, out.rowCount());
    assertNull(out.get(0, Frame.ERROR_COLUMN));
  }

  @Test
  void cancelStopsSubmitting() throws Exception {
    Endpoint slow = cloud.registerModel("slow-sync", r -> r.image("local/latency")
        .environment("LATENCY_MS_PER_ROW", "20")).toEndpoint();
    long before = local.cloud().stats().get("runtime.InvokeEndpoint");
    InferenceJob job = slow.submit(numbered(2_000), o -> o.batchSize(10).threads(1));
    while (job.progress().batchesDone() < 2) {
      TimeUnit.MILLISECONDS.sleep(20);
    }
    assertTrue(cloud.jobs().contains(job), "a running job is listed");
    job.cancel();
    assertThrows(CancellationException.class, job::join);
    assertFalse(cloud.jobs().contains(job), "a cancelled job is not");
    assertEquals(List.of(), cloud.journalBatches(), "sync inferences leave nothing in the async journal");
    TimeUnit.MILLISECONDS.sleep(500);
    long calls = local.cloud().stats().get("runtime.InvokeEndpoint") - before;
    assertTrue(calls < 10, "cancel stopped the batches: " + calls + " of 200 sent");
    slow.delete();
  }

  @Test
  void unknownEndpointAndEmptyFrameAreClearErrors() {
    EndpointNotFoundException missing = assertThrows(EndpointNotFoundException.class,
        () -> cloud.endpoint("no-such-endpoint").inference(numbered(1)));
    assertTrue(missing.getMessage().contains("no-such-endpoint"), missing.getMessage());

    FrameException empty = assertThrows(FrameException.class,
        () -> echo.inference(Frame.empty(List.of("id", "value"))));
    assertTrue(empty.getMessage().contains("echo-sync"), empty.getMessage());
  }

  static Frame numbered(int n) {
    Frame.Builder b = Frame.builder("id", "value");
    for (int i = 0; i < n; i++) {
      b.row(Integer.toString(i), "v" + i);
    }
    return b.build();
  }
}
