package dev.workbench.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.api.Cloud;
import dev.workbench.api.Endpoint;
import dev.workbench.api.Frame;
import dev.workbench.api.InferenceJob;
import dev.workbench.api.ServiceUnreachableException;
import dev.workbench.local.LocalCloud;
import dev.workbench.local.spi.Timing;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * local-cloud stopped mid-run and started again on the same port and data directory: an outage shorter than
 * the outage window is ridden out (async and sync); a longer one stops the run with a clear error, and the
 * re-run collects the rows that had finished without invoking them again and leaves no object behind.
 */
class CloudOutageTest {
    static final int ROWS = 300;
    static final int BATCH = 10;
    static final int BATCHES = ROWS / BATCH;
    static final Duration OUTAGE = Duration.ofSeconds(20);

    @TempDir
    Path cloudDir;

    @TempDir
    Path data;

    @Test
    void anAsyncRunRidesOutTheCloudBeingDownFor20Seconds() throws Exception {
        ridesOut(true);
    }

    @Test
    void aSyncRunRidesOutTheCloudBeingDownFor20Seconds() throws Exception {
        ridesOut(false);
    }

    private void ridesOut(boolean async) throws Exception {
        LocalCloud lc = start(0);
        int port = lc.port();
        String name = async ? "outage-async" : "outage-sync";
        try (Cloud cloud = Cloud.at(lc.endpoint(), s -> s.dataDir(data))) {
            Endpoint endpoint = deploy(cloud, name, async);
            Frame in = Rows.numbered(ROWS, name);
            // Few batches in flight, so submitting goes on around the outage, not only waiting for results.
            InferenceJob job = endpoint.submit(in, o -> o.batchSize(BATCH).threads(2).maxInFlight(4));
            awaitRows(job, 50);
            int doneAtStop = job.progress().rowsDone();
            lc.close();
            Thread.sleep(OUTAGE.toMillis());
            lc = start(port);
            System.out.println((async ? "async" : "sync") + ": local-cloud back after " + OUTAGE.toSeconds() + " s with "
                    + doneAtStop + "/" + ROWS + " rows done");

            Frame out;
            try {
                out = job.future().get(120, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                throw new AssertionError("the inference did not survive a " + OUTAGE.toSeconds() + " s outage: "
                        + e.getCause(), e.getCause());
            }
            Rows.assertSameRowsInOrder(in, out);
            assertEquals(0, out.errorCount(), "no row failed because of the outage");
            if (!async) {
                assertTrue(job.progress().retries() > 0, "invocations were retried during the outage: " + job.progress());
            } else {
                assertEquals(List.of(), Clouds.leftovers(cloud, name, Duration.ofSeconds(10)));
            }
        } finally {
            lc.close();
        }
    }

    @Test
    void aRunStartedWhileTheCloudIsDownWaitsForItAndFinishes() throws Exception {
        LocalCloud lc = start(0);
        int port = lc.port();
        try (Cloud cloud = Cloud.at(lc.endpoint(), s -> s.dataDir(data))) {
            Endpoint endpoint = deploy(cloud, "outage-start", true);
            Frame in = Rows.numbered(40, "start");
            lc.close();
            // The endpoint lookup before the first batch meets the outage, not a batch's request.
            CompletableFuture<InferenceJob> submitted =
                    CompletableFuture.supplyAsync(() -> endpoint.submit(in, o -> o.batchSize(BATCH)));
            Thread.sleep(5_000);
            assertFalse(submitted.isDone(), "still waiting for the cloud, not failed: " + submitted);
            lc = start(port);
            Frame out = submitted.get(60, TimeUnit.SECONDS).future().get(120, TimeUnit.SECONDS);
            Rows.assertSameRowsInOrder(in, out);
            assertEquals(0, out.errorCount());
        } finally {
            lc.close();
        }
    }

    @Test
    void anAsyncOutageLongerThanTheWindowStopsTheRunAndTheRerunCollectsWhatFinishedWithoutInvokingIt()
            throws Exception {
        Duration window = Duration.ofSeconds(4);
        String name = "long-outage";
        Frame in = Rows.numbered(ROWS, name);
        LocalCloud lc = start(0);
        int port = lc.port();
        int finishedBatches;
        try (Cloud cloud = Cloud.at(lc.endpoint(), s -> s.dataDir(data))) {
            Endpoint endpoint = deploy(cloud, name, true);
            InferenceJob job = endpoint.submit(in, o -> o.batchSize(BATCH).maxInFlight(4).outageWindow(window));
            String message = stopsForGood(job, lc, window);
            assertTrue(message.contains("could not be reached for 4 s") && message.contains("Run the same inference again"),
                    message);
            int rowsDone = job.progress().rowsDone();
            assertEquals(0, job.progress().rowsFailed(), "no row failed because of the outage");
            assertEquals(0, rowsDone % BATCH);
            finishedBatches = rowsDone / BATCH;
            assertTrue(finishedBatches > 0 && finishedBatches < BATCHES, "stopped mid-run: " + rowsDone + " rows done");
        }

        lc = start(port);
        try (Cloud cloud = Cloud.at(lc.endpoint(), s -> s.dataDir(data))) {
            Frame out = cloud.endpoint(name).inference(in, o -> o.batchSize(BATCH));
            Rows.assertSameRowsInOrder(in, out);
            assertEquals(0, out.errorCount());
            long invoked = lc.stats().get("runtime.InvokeEndpointAsync");
            System.out.println("re-run invoked " + invoked + " of " + BATCHES + " batches; " + finishedBatches
                    + " had finished before the outage");
            assertTrue(invoked <= BATCHES - finishedBatches,
                    "the " + finishedBatches + " finished batches came from the journal, not a new invocation: " + invoked);
            assertEquals(List.of(), Clouds.leftovers(cloud, name, Duration.ofSeconds(10)), "nothing left in S3");
        } finally {
            lc.close();
        }
    }

    @Test
    void aSyncOutageLongerThanTheWindowFailsTheJobWithAClearError() throws Exception {
        Duration window = Duration.ofSeconds(3);
        String name = "long-outage-sync";
        LocalCloud lc = start(0);
        try (Cloud cloud = Cloud.at(lc.endpoint(), s -> s.dataDir(data))) {
            Endpoint endpoint = deploy(cloud, name, false);
            InferenceJob job = endpoint.submit(Rows.numbered(ROWS, name), o -> o.batchSize(BATCH).threads(2)
                    .outageWindow(window));
            String message = stopsForGood(job, lc, window);
            assertTrue(message.contains("Sync inference on " + name) && message.contains("could not be reached for 3 s"),
                    message);
        } finally {
            lc.close();
        }
    }

    @Test
    void workbenchInferStopsOnALongOutageWithExitOneAndTheSameCommandFinishesOnceTheCloudIsBack() throws Exception {
        String name = "cli-outage";
        Path input = data.resolve("cli-outage.csv");
        Path output = data.resolve("cli-outage-out.csv");
        Frame in = Rows.numbered(ROWS, name);
        in.writeCsv(input);
        LocalCloud lc = start(0);
        int port = lc.port();
        try (Cloud cloud = Cloud.at(lc.endpoint(), s -> s.dataDir(data.resolve("deployer")))) {
            deploy(cloud, name, true);
        }
        List<String> args = List.of("infer", name, "--input", input.toString(), "--output", output.toString(),
                "--batch-size", Integer.toString(BATCH), "--max-in-flight", "4", "--progress", "none",
                "--endpoint-url", lc.endpoint().toString(), "--data-dir", data.resolve("cli").toString());
        List<String> withWindow = new ArrayList<>(args);
        withWindow.addAll(List.of("--outage-window", "3s"));
        Process first = Children.workbench(withWindow);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (lc.stats().get("runtime.InvokeEndpointAsync") < 8 && first.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        lc.close();
        String printed = new String(first.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(first.waitFor(60, TimeUnit.SECONDS), printed);
        System.out.println("workbench infer --outage-window 3s, cloud down -> exit " + first.exitValue() + "\n" + printed);
        assertEquals(1, first.exitValue(), printed);
        assertTrue(printed.contains("could not be reached for 3 s") && printed.contains("Run the same inference again"),
                printed);
        assertFalse(Files.exists(output), "nothing written");

        lc = start(port);
        try {
            Process again = Children.workbench(args);
            String printedAgain = new String(again.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(again.waitFor(90, TimeUnit.SECONDS), printedAgain);
            System.out.println("the same command, cloud back -> exit " + again.exitValue() + "\n" + printedAgain);
            assertEquals(0, again.exitValue(), printedAgain);
            Frame out = Frame.readCsv(output);
            Rows.assertSameRowsInOrder(in, out);
            assertEquals(0, out.errorCount());
            try (Cloud cloud = Cloud.at(lc.endpoint(), s -> s.dataDir(data.resolve("deployer")))) {
                assertEquals(List.of(), Clouds.leftovers(cloud, name, Duration.ofSeconds(10)), "nothing left in S3");
            }
        } finally {
            lc.close();
        }
    }

    /** Stops the cloud mid-run for good: the job must fail soon after the window with a clear error (returned). */
    private static String stopsForGood(InferenceJob job, LocalCloud lc, Duration window) throws InterruptedException {
        awaitRows(job, 50);
        lc.close();
        long t0 = System.nanoTime();
        ExecutionException failed = assertThrows(ExecutionException.class, () -> job.future().get(90, TimeUnit.SECONDS));
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertTrue(failed.getCause() instanceof ServiceUnreachableException, "a clear error: " + failed.getCause());
        String message = failed.getCause().getMessage();
        System.out.println("stopped " + took.toMillis() + " ms after the cloud went down: " + message);
        assertTrue(took.compareTo(window.plusSeconds(30)) < 0, "stopped within the window and a back-off: " + took);
        return message;
    }

    private LocalCloud start(int port) {
        return LocalCloud.start(c -> c.port(port).dataDir(cloudDir).timing(Timing.fast()));
    }

    private static Endpoint deploy(Cloud cloud, String name, boolean async) {
        Map<String, String> env = Map.of("LATENCY_MS_PER_ROW", "20");
        if (async) {
            return Clouds.deployLatency(cloud, name, env, d -> d.maxConcurrent(2).minInstances(1));
        }
        return cloud.registerModel(name, r -> r.image("local/latency").environment(env)).toEndpoint(d -> d.async(false));
    }

    private static void awaitRows(InferenceJob job, int rows) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (job.progress().rowsDone() < rows && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(job.progress().rowsDone() >= rows && !job.isDone(), "mid-run: " + job.progress());
    }
}
