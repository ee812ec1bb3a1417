package dev.workbench.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.api.Cloud;
import dev.workbench.api.Frame;
import dev.workbench.local.LocalCloud;
import dev.workbench.local.faults.SeededFaultInjector;
import dev.workbench.local.junit.LocalCloudExtension;
import dev.workbench.local.spi.FaultSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A re-run re-invokes what failed: the model fails on some rows (injected), is then fixed (faults cleared), and
 * the same inference run again with the same journal succeeds on every row, invoking only the batches that
 * failed the first time (the others' rows come from the journal).
 */
class RerunAfterFixTest {
    static final int ROWS = 200;
    static final int BATCH = 10;

    @RegisterExtension
    static LocalCloudExtension local = LocalCloudExtension.fast();

    @TempDir
    Path data;

    @Test
    void aRerunAfterTheModelWasFixedInvokesOnlyTheFailedBatchesAndSucceeds() {
        LocalCloud lc = local.cloud();
        Frame in = Rows.numbered(ROWS, "rerun");
        FaultSettings faults = faultsPoisoningAFewRows(in, Long.getLong("rerun.seed", System.nanoTime() & 0xffffL));
        SeededFaultInjector replay = new SeededFaultInjector(faults);
        Set<Integer> failedBatches = new HashSet<>();
        for (int i = 0; i < ROWS; i++) {
            if (replay.poisonedRow(Rows.line(in, i))) {
                failedBatches.add(i / BATCH);
            }
        }
        System.out.println("RERUN: seed " + faults.seed() + " poisons rows of batches " + failedBatches
                + " (replay: -Drerun.seed=" + faults.seed() + ")");

        String ep = "rerun";
        try (Cloud cloud = Cloud.at(lc.endpoint(), s -> s.dataDir(data))) {
            Clouds.deployLatency(cloud, ep, Map.of("LATENCY_MS_PER_ROW", "1"), d -> d.maxConcurrent(4).minInstances(1));
            lc.faults().set(faults);
            Frame first = cloud.endpoint(ep).inference(in, o -> o.batchSize(BATCH));
            Rows.assertSameRowsInOrder(in, first);
            assertTrue(first.errorCount() > 0, "the broken model failed some rows");
            for (int i = 0; i < ROWS; i++) {
                if (replay.poisonedRow(Rows.line(in, i))) {
                    String error = first.get(i, Frame.ERROR_COLUMN);
                    assertNotNull(error, "row " + i + " failed");
                    assertTrue(error.contains("injected fault"), error);
                }
            }
        } finally {
            lc.faults().set(FaultSettings.none());
        }

        long invokesBefore = lc.stats().get("runtime.InvokeEndpointAsync");
        try (Cloud cloud = Cloud.at(lc.endpoint(), s -> s.dataDir(data))) {
            Frame second = cloud.endpoint(ep).inference(in, o -> o.batchSize(BATCH));
            Rows.assertSameRowsInOrder(in, second);
            assertEquals(0, second.errorCount(), "the fixed model answers every row: no failure replayed from the journal");
            for (int i = 0; i < ROWS; i++) {
                assertEquals("1", second.get(i, "latency_ms"), "row " + i + " has the model's answer");
            }
            long invoked = lc.stats().get("runtime.InvokeEndpointAsync") - invokesBefore;
            assertEquals(failedBatches.size(), invoked, "only the batches that failed are invoked again");
            assertEquals(List.of(), Clouds.leftovers(cloud, ep, Duration.ofSeconds(10)), "nothing left behind in S3");
        }
    }

    /** The first seed from {@code start} whose poisoned rows touch 2 to 5 of the batches. */
    private static FaultSettings faultsPoisoningAFewRows(Frame in, long start) {
        for (long seed = start; ; seed++) {
            FaultSettings f = new FaultSettings(seed, 0, 0, 0.015, Duration.ZERO);
            SeededFaultInjector replay = new SeededFaultInjector(f);
            Set<Integer> batches = new HashSet<>();
            for (int i = 0; i < in.rowCount(); i++) {
                if (replay.poisonedRow(Rows.line(in, i))) {
                    batches.add(i / BATCH);
                }
            }
            if (batches.size() >= 2 && batches.size() <= 5) {
                return f;
            }
        }
    }
}
