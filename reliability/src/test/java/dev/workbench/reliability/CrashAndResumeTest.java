package dev.workbench.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.api.Cloud;
import dev.workbench.api.Endpoint;
import dev.workbench.api.Frame;
import dev.workbench.api.JournalBatch;
import dev.workbench.local.LocalCloud;
import dev.workbench.local.junit.LocalCloudExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
        // A batch killed between its journal entry (SUBMITTING) and the record of the invocation's answer may or may
        // not have reached SageMaker, and nothing can tell: the re-run invokes it under the same InferenceId. Every
        // batch recorded as submitted must not be invoked again.
        Set<String> inDoubt = new HashSet<>();
        try (Cloud cloud = Cloud.at(lc.endpoint(), s -> s.dataDir(data))) {
            for (JournalBatch b : cloud.journalBatches()) {
                if (b.state().equals("SUBMITTING")) {
                    inDoubt.add("invocation:" + b.inferenceId());
                }
            }
        }
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
        long again = 0;
        for (var e : runs.entrySet()) {
            if (e.getKey().startsWith("invocation:")) {
                long allowed = inDoubt.contains(e.getKey()) ? 2 : 1;
                assertTrue(e.getValue() <= allowed, e.getKey() + " ran " + e.getValue() + " times"
                        + (allowed == 2 ? " (it was in doubt)" : " (recorded as submitted before the kill)"));
                total += e.getValue();
                again += e.getValue() - 1;
            }
        }
        long submitted = lc.stats().get("runtime.InvokeEndpointAsync") - invokesBefore;
        System.out.println("over both processes: " + submitted + " InvokeEndpointAsync, " + total + " model runs for "
                + BATCHES + " batches; " + inDoubt.size() + " in doubt at the kill, " + again + " of them ran twice");
        assertEquals(BATCHES + again, total, "every batch ran once over both processes (an in-doubt one at most twice)");
        assertEquals(BATCHES + again, submitted, "no batch the killed client recorded as submitted was submitted again");
    }

    private static long modelRuns(LocalCloud lc) {
        return lc.stats().snapshot().entrySet().stream().filter(e -> e.getKey().startsWith("invocation:"))
                .mapToLong(Map.Entry::getValue).sum();
    }
}
