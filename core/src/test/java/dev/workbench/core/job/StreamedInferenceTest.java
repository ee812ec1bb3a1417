package dev.workbench.core.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.api.Cloud;
import dev.workbench.api.Endpoint;
import dev.workbench.api.Frame;
import dev.workbench.api.InferenceJob;
import dev.workbench.api.StreamResult;
import dev.workbench.api.StreamingJob;
import dev.workbench.api.WorkbenchException;
import dev.workbench.core.csv.ResumableCsvFile;
import dev.workbench.core.csv.RowSink;
import dev.workbench.local.junit.LocalCloudExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Streamed inference as a user runs it: a file (or S3 object) of more rows than one chunk through an async
 * endpoint, every row back in input order; cancel leaves nothing; a run that died is continued by the next.
 */
class StreamedInferenceTest {
  @RegisterExtension
  static LocalCloudExtension local = LocalCloudExtension.fast();

  @TempDir
  static Path data;

  static Cloud cloud;
  static Endpoint echo;
  static Endpoint slow;

  @BeforeAll
  static void deploy() {
    cloud = Cloud.at(local.cloud().endpoint(), s -> s.dataDir(data.resolve("client")));
    echo = cloud.registerModel("stream-echo", r -> r.image("local/latency")
            .environment(Map.of("LATENCY_MS_PER_ROW", "0", "FAIL_ON", "poison")))
        .toEndpoint(d -> d.async(true).minInstances(1).maxConcurrent(8));
    slow = cloud.registerModel("stream-slow", r -> r.image("local/latency")
            .environment(Map.of("LATENCY_MS_PER_ROW", "5")))
        .toEndpoint(d -> d.async(true).minInstances(1).maxConcurrent(2));
  }

  @AfterAll
  static void close() {
    cloud.close();
  }

  static Path input(Path dir, int rows, int poisonEvery) throws IOException {
    StringBuilder csv = new StringBuilder("id,text\n");
    for (int i = 0; i < rows; i++) {
      csv.append(i).append(',').append(poisonEvery > 0 && i % poisonEvery == 7 ? "poison" : "t" + (i * 31 % 997))
          .append('\n');
    }
    Path p = dir.resolve("in-" + rows + ".csv");
    Files.writeString(p, csv, StandardCharsets.UTF_8);
    return p;
  }

  /** Row i of the output is input row i; the poisoned ones carry an error, the rest none. */
  static void assertEcho(Frame out, int rows, int poisonEvery) {
    assertEquals(rows, out.rowCount(), "N rows in, N rows out");
    for (int i = 0; i < rows; i++) {
      assertEquals(Integer.toString(i), out.get(i, "id"), "row " + i + " in input order");
      boolean poisoned = poisonEvery > 0 && i % poisonEvery == 7;
      assertEquals(poisoned ? "poison" : "t" + (i * 31 % 997), out.get(i, "text"));
      if (poisoned) {
        assertNotNull(out.get(i, Frame.ERROR_COLUMN), "row " + i + " failed");
      } else {
        assertNull(out.get(i, Frame.ERROR_COLUMN), "row " + i + " succeeded");
      }
    }
  }

  static List<String> leftovers(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
    }
  }

  @Test
  void aFileOfManyChunksComesBackWholeInOrderWithItsFailedRows(@TempDir Path dir) throws IOException {
    int rows = 25_000; // three chunks of at least 10,000
    Path in = input(dir, rows, 5_000);
    Path out = dir.resolve("out.csv");

    StreamResult result = echo.inferenceFile(in.toString(), out.toString(), o -> o.batchSize(500).maxInFlight(8));

    assertEquals(rows, result.rows());
    assertEquals(5, result.rowsFailed(), "one poisoned row in each 5,000");
    assertEcho(Frame.readCsv(out), rows, 5_000);
    assertEquals(List.of(), leftovers(dir), "no partial file or checkpoint stays behind");
  }

  @Test
  void cancelLeavesNoOutputAndNoPartialFile(@TempDir Path dir) throws Exception {
    Path in = input(dir, 30_000, 0);
    Path out = dir.resolve("out.csv");
    StreamingJob job = slow.submitFile(in.toString(), out.toString(), o -> o.batchSize(100).maxInFlight(2));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (job.progress().rowsDone() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertTrue(job.progress().rowsDone() > 0, "some rows were done before the cancel");
    job.cancel();
    assertThrows(CancellationException.class, job::join);
    assertFalse(Files.exists(out), "a cancelled run writes no output");
    assertEquals(List.of(), leftovers(dir));
  }

  @Test
  void aRunThatDiedIsContinuedFromItsCheckpoint(@TempDir Path dir) throws IOException {
    int rows = 30_000;
    Path in = input(dir, rows, 0);
    Path out = dir.resolve("out.csv");
    StreamInput input = StreamEnds.input(in.toString(), cloud.s3());
    // As the endpoint names it, so the next run through the endpoint recognises the checkpoint.
    String identity = echo.name() + "#" + input.identity();

    // The first run's process "dies" when its third chunk is read: two chunks written and checkpointed.
    AtomicInteger chunks = new AtomicInteger();
    RowSink sink = ResumableCsvFile.open(out, identity);
    StreamedRun died = new StreamedRun(echo.name(), input, sink, 10_000, 1, rows2 -> {
      if (chunks.incrementAndGet() == 3) {
        throw new WorkbenchException("the process died");
      }
      return echo.submit(rows2, o -> o.batchSize(1_000));
    }, null).start();
    assertThrows(WorkbenchException.class, died::join);
    assertFalse(Files.exists(out), "nothing at the output's name yet");

    AtomicInteger sent = new AtomicInteger();
    StreamResult result = echo.inferenceFile(in.toString(), out.toString(), o -> o.batchSize(1_000)
        .onProgress(p -> sent.accumulateAndGet(p.rowsDone(), Math::max)));

    assertEquals(20_000, result.rowsResumed(), "the two checkpointed chunks are kept, not run again");
    assertEquals(rows, result.rows());
    assertEcho(Frame.readCsv(out), rows, 0);
    assertEquals(List.of(), leftovers(dir));
  }

  @Test
  void s3InputStreamsToAnS3OutputAndAFailedUploadLeavesNoObject() {
    String bucket = cloud.bucket();
    StringBuilder csv = new StringBuilder("id,text\n");
    int rows = 12_000;
    for (int i = 0; i < rows; i++) {
      csv.append(i).append(",t").append(i * 31 % 997).append('\n');
    }
    cloud.s3().putObject(b -> b.bucket(bucket).key("stream/in.csv"), RequestBody.fromString(csv.toString()));

    StreamResult result = echo.inferenceFile("s3://" + bucket + "/stream/in.csv", "s3://" + bucket + "/stream/out.csv",
        o -> o.batchSize(1_000));

    assertEquals(rows, result.rows());
    Frame out = Frame.parseCsv(cloud.s3().getObjectAsBytes(b -> b.bucket(bucket).key("stream/out.csv")).asUtf8String());
    assertEcho(out, rows, 0);

    // A run that fails after its first chunk: the multipart upload is aborted, no object appears.
    StreamInput input = StreamEnds.input("s3://" + bucket + "/stream/in.csv", cloud.s3());
    RowSink sink = StreamEnds.output("s3://" + bucket + "/stream/failed.csv", "x", cloud.s3());
    AtomicInteger chunks = new AtomicInteger();
    StreamedRun failed = new StreamedRun(echo.name(), input, sink, 10_000, 1, rows2 -> {
      if (chunks.incrementAndGet() == 2) {
        throw new WorkbenchException("the endpoint went away");
      }
      InferenceJob job = echo.submit(rows2, o -> o.batchSize(1_000));
      return job;
    }, null).start();
    assertThrows(WorkbenchException.class, failed::join);
    assertTrue(cloud.s3().listObjectsV2(b -> b.bucket(bucket).prefix("stream/failed")).contents().isEmpty(),
        "no half-written object");
    assertTrue(cloud.s3().listMultipartUploads(b -> b.bucket(bucket).prefix("stream/")).uploads().isEmpty(),
        "the upload was aborted, no parts kept");
  }
}
