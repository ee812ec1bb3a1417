package dev.workbench.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.api.Cloud;
import dev.workbench.api.Endpoint;
import dev.workbench.api.Frame;
import dev.workbench.local.LocalCloud;
import dev.workbench.local.junit.LocalCloudExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A client JVM killed with SIGKILL mid-run; the re-run with the same data directory finishes the job. */
class CrashAndResumeTest {
    static final int ROWS = 400;
    static final int BATCHES = ROWS / 10;

    @RegisterExtension
    static LocalCloudExtension local = LocalCloudExtension.fast();

    @TempDir
    Path data;

    @Test
    void aKilledClientsRerunFinishesWithoutInvokingASubmittedBatchTwice() throws Exception {
        LocalCloud lc = local.cloud();
        long t0 = System.nanoTime();
        String ep = "crash-resume";
        try (Cloud cloud = Cloud.at(lc.endpoint(), s -> s.dataDir(data))) {
            Clouds.deployLatency(cloud, ep, Map.of("LATENCY_MS_PER_ROW", "20"), d -> d.maxConcurrent(2).minInstances(1));
        }
        long invokesBefore = lc.stats().get("runtime.InvokeEndpointAsync");
        System.out.println("deployed in " + (System.nanoTime() - t0) / 1_000_000 + " ms");

        Path log = data.resolve("child.log");
        Process child = Children.start(ChildInference.class, log, List.of(lc.endpoint().toString(), data.toString(), ep,
                Integer.toString(ROWS), "resume", data.resolve("child-out.csv").toString()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (modelRuns(lc) < 6 && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(child.isAlive(), "the child was still running when killed: " + Files.readString(log));
        child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no cleanup
        assertTrue(child.waitFor(10, TimeUnit.SECONDS));
        assertEquals(137, child.exitValue(), "killed by SIGKILL");
        long submittedByChild = lc.stats().get("runtime.InvokeEndpointAsync") - invokesBefore;
        long ranAtKill = modelRuns(lc);
        System.out.println("child killed after " + submittedByChild + " submitted batches, " + ranAtKill + " run");
        assertTrue(submittedByChild > 0 && ranAtKill < BATCHES, "killed mid-run: " + ranAtKill + " of " + BATCHES + " ran");
        assertFalse(Files.exists(data.resolve("child-out.csv")));

        System.out.println("killed at " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        Frame in = Rows.numbered(ROWS, "resume");
        Frame out;
        try (Cloud cloud = Cloud.at(lc.endpoint(), s -> s.dataDir(data))) {
            Endpoint endpoint = cloud.endpoint(ep);
            out = endpoint.inference(in, o -> o.batchSize(10));
            Rows.assertSameRowsInOrder(in, out);
            assertEquals(0, out.errorCount());
            assertEquals(List.of(), cloud.journalBatches(), "the journal has nothing left to collect");
            assertEquals(List.of(), Clouds.leftovers(cloud, ep, Duration.ofSeconds(10)), "nothing left behind in S3");
        }
        Map<String, Long> runs = lc.stats().snapshot();
        long total = 0;
        for (var e : runs.entrySet()) {
            if (e.getKey().startsWith("invocation:")) {
                assertTrue(e.getValue() <= 1, e.getKey() + " ran " + e.getValue() + " times");
                total += e.getValue();
            }
        }
        long submitted = lc.stats().get("runtime.InvokeEndpointAsync") - invokesBefore;
        System.out.println("over both processes: " + submitted + " InvokeEndpointAsync, " + total + " model runs for "
                + BATCHES + " batches");
        assertEquals(BATCHES, total, "every batch ran once over both processes");
        assertEquals(BATCHES, submitted, "no batch the killed client submitted was submitted again");
    }

    private static long modelRuns(LocalCloud lc) {
        return lc.stats().snapshot().entrySet().stream().filter(e -> e.getKey().startsWith("invocation:"))
                .mapToLong(Map.Entry::getValue).sum();
    }
}
