package dev.workbench.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.api.Cloud;
import dev.workbench.api.Frame;
import dev.workbench.api.InferenceFailedException;
import dev.workbench.api.InferenceJob;
import dev.workbench.api.InferenceProgress;
import dev.workbench.local.LocalCloud;
import dev.workbench.local.spi.Timing;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch whose result takes far longer than its peers' is shown as stalled in the progress while it waits (the
 * CLI's progress line and `workbench jobs` read the same count), and the flag clears when it ends.
 */
class StalledBatchTest {
    static final int ROWS = 200;
    static final int BATCH = 10;
    static final int SLOW_ROW = 5;

    @TempDir
    Path dir;

    @Test
    void aBatchWaitingFarLongerThanItsPeersIsFlaggedStalledUntilItEnds() throws Exception {
        String classes = Path.of(MisbehavingModel.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        try (LocalCloud lc = LocalCloud.start(c -> c.port(0).dataDir(dir.resolve("cloud")).timing(Timing.fast()));
                Cloud cloud = Cloud.at(lc.endpoint(), s -> s.dataDir(dir.resolve("client")))) {
            // The row holding the value sleeps 25 s; every other batch answers in milliseconds.
            cloud.registerModel("stalls", r -> r
                    .image(java + " -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx48m " + MisbehavingModel.class.getName())
                    .environment(Map.of("CLASSPATH", classes, "MISBEHAVE_VALUE", "slow", "MISBEHAVE_SLEEP_MS", "25000")))
                    .toEndpoint(d -> d.endpointName("stalls").async(true).minInstances(1).maxInstances(1).maxConcurrent(4));
            Frame.Builder b = Frame.builder("id", "code", MisbehavingModel.MODE_COLUMN);
            for (int i = 0; i < ROWS; i++) {
                b.row(Integer.toString(i), i == SLOW_ROW ? "slow-" + i : String.format("c%06d", i),
                        MisbehavingModel.Mode.SLEEP_VALUE.label());
            }
            Frame in = b.build();

            InferenceJob job = cloud.endpoint("stalls").submit(in, o -> o.batchSize(BATCH).maxInFlight(4)
                    .invocationTimeout(Duration.ofSeconds(60)));
            InferenceProgress flagged = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!job.isDone() && System.nanoTime() < deadline) {
                InferenceProgress p = job.progress();
                if (p.batchesStalled() > 0 && flagged == null) {
                    flagged = p;
                }
                Thread.sleep(50);
            }
            assertNotNull(flagged, "the slow batch was shown as stalled while the others finished: " + job.progress());
            assertEquals(1, flagged.batchesStalled(), "only the slow batch: " + flagged);
            assertTrue(flagged.rowsDone() >= ROWS - BATCH, "flagged once its peers were done: " + flagged);

            Frame out;
            try {
                out = job.future().get(120, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                out = ((InferenceFailedException) e.getCause()).result();
            }
            Rows.assertSameRowsInOrder(in, out);
            assertEquals(0, job.progress().batchesStalled(), "no batch shown stalled once the job ended");
            System.out.println("STALLED: flagged at " + flagged + "; ended with " + out.errorCount() + " failed rows");
        }
    }
}
