package dev.workbench.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.api.BatchResult;
import dev.workbench.api.Cloud;
import dev.workbench.api.Endpoint;
import dev.workbench.api.Frame;
import dev.workbench.api.InferenceJob;
import dev.workbench.local.LocalCloud;
import dev.workbench.local.faults.SeededFaultInjector;
import dev.workbench.local.junit.LocalCloudExtension;
import dev.workbench.local.spi.FaultInjector;
import dev.workbench.local.spi.FaultSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded runs of a 2,000-row async inference under S3 503s, throttling, poisoned rows, added latency, a model
 * container crash and a scale-to-zero mid-run. {@code -Dsoak.runs=N} (20 with -Psoak), {@code -Dsoak.seed=S}
 * replays a run: run r uses seed S + r.
 */
class SoakTest {
    static final int ROWS = 2000;

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

    record RunFigures(long seed, int rows, long s3SlowDowns, int retries, int poisoned, boolean crashed,
            int minInstancesSeen, int splits, long millis) {}

    @Test
    void everyRowComesBackWithItsResultOrItsTrueErrorUnderFaults() throws Exception {
        int runs = Integer.getInteger("soak.runs", 3);
        long baseSeed = Long.getLong("soak.seed", System.nanoTime() & 0xffffffL);
        System.out.println("SOAK: " + runs + " runs, base seed " + baseSeed + " (replay: -Dsoak.seed=" + baseSeed + ")");
        LocalCloud lc = local.cloud();
        List<RunFigures> figures = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            figures.add(run(lc, r, baseSeed + r));
        }
        String summary = summary(baseSeed, figures);
        System.out.println(summary);
        Path out = Path.of(System.getProperty("reliability.out", "target"));
        Files.createDirectories(out);
        Files.writeString(out.resolve("soak-summary.txt"), summary, StandardCharsets.UTF_8);
    }

    private RunFigures run(LocalCloud lc, int r, long seed) throws Exception {
        String ep = "soak-" + r;
        System.out.println("SOAK run " + r + ": seed " + seed + ", endpoint " + ep);
        long start = System.nanoTime();
        lc.faults().set(FaultSettings.none());
        Endpoint endpoint = Clouds.deployLatency(cloud, ep, Map.of("LATENCY_MS_PER_ROW", "1"), d -> { });
        FaultSettings faults = new FaultSettings(seed, 0.05, 0.05, 0.01, Duration.ofMillis(3));
        long slowDownsBefore = lc.stats().get("s3.SlowDown");
        lc.faults().set(faults);

        Frame in = Rows.numbered(ROWS, "soak" + r);
        AtomicReferenceArray<Integer> seen = new AtomicReferenceArray<>(ROWS);
        AtomicInteger duplicates = new AtomicInteger();
        InferenceJob job = endpoint.submit(in, o -> o.batchSize(10));
        job.onBatch((BatchResult b) -> {
            for (int i = 0; i < b.rows().rowCount(); i++) {
                int row = b.firstRow() + i;
                if (seen.getAndSet(row, row) != null) {
                    duplicates.incrementAndGet();
                }
            }
        });
        // The chaos: one container crash at ~10% done, desired count 0 at ~35% done (the deploy's
        // scale-from-zero alarm and step policy must bring an instance back).
        boolean crashRequested = false;
        boolean scaledToZero = false;
        int minInstances = Integer.MAX_VALUE;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (!job.isDone() && System.nanoTime() < deadline) {
            int done = job.progress().rowsDone();
            if (!crashRequested && done >= ROWS / 10) {
                lc.faults().crashContainer(ep);
                crashRequested = true;
            }
            if (!scaledToZero && done >= ROWS * 35 / 100) {
                cloud.sageMaker().updateEndpointWeightsAndCapacities(u -> u.endpointName(ep)
                        .desiredWeightsAndCapacities(w -> w.variantName("AllTraffic").desiredInstanceCount(0)));
                scaledToZero = true;
            }
            if (scaledToZero) {
                try {
                    minInstances = Math.min(minInstances, endpoint.describe().currentInstances());
                } catch (RuntimeException e) {
                    // A 503 or throttle on the describe call is one of the faults; the next poll sees it.
                }
            }
            Thread.sleep(50);
        }
        Frame out;
        try {
            out = job.future().get(1, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("run " + r + " (seed " + seed + ") failed: " + e.getCause(), e.getCause());
        }
        assertTrue(crashRequested && scaledToZero, "run " + r + ": the chaos happened mid-run");
        boolean crashed = !lc.faults().takeContainerCrash(ep);
        lc.faults().set(FaultSettings.none());

        Rows.assertSameRowsInOrder(in, out);
        FaultInjector replay = new SeededFaultInjector(faults);
        int poisoned = 0;
        for (int i = 0; i < ROWS; i++) {
            String line = Rows.line(in, i);
            boolean isPoisoned = replay.poisonedRow(line);
            String error = out.get(i, Frame.ERROR_COLUMN);
            if (isPoisoned) {
                poisoned++;
                assertNotNull(error, "run " + r + " seed " + seed + ": poisoned row " + i + " must carry its error");
                assertTrue(error.contains("injected fault"), "row " + i + " carries the model's own message: " + error);
                assertNull(out.get(i, "latency_ms"), "a failed row has no result: row " + i);
            } else {
                assertNull(error, "run " + r + " seed " + seed + ": row " + i + " is not poisoned but failed: " + error);
                assertEquals("1", out.get(i, "latency_ms"), "row " + i + " has its result");
            }
        }
        assertEquals(poisoned, out.errorCount(), "only the poisoned rows failed");
        assertTrue(poisoned > 0, "1% of 2,000 rows are poisoned: some must be");
        // Batch listeners run off the caller's thread: the last may be delivered just after the future completes.
        long listenersDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (int i = 0; i < ROWS; i++) {
            while (seen.get(i) == null && System.nanoTime() < listenersDeadline) {
                Thread.sleep(20);
            }
        }
        assertEquals(0, duplicates.get(), "no row reported by two batches");
        for (int i = 0; i < ROWS; i++) {
            assertNotNull(seen.get(i), "row " + i + " reported by a batch");
        }
        assertTrue(crashed, "the injected container crash happened");
        assertEquals(List.of(), Clouds.leftovers(cloud, ep, Duration.ofSeconds(10)), "async objects deleted after the run");

        var figures = new RunFigures(seed, ROWS, lc.stats().get("s3.SlowDown") - slowDownsBefore, job.progress().retries(),
                poisoned, crashed, minInstances, job.progress().splits(), (System.nanoTime() - start) / 1_000_000);
        System.out.println("SOAK run " + r + ": " + figures);
        endpoint.delete();
        return figures;
    }

    private static String summary(long baseSeed, List<RunFigures> runs) {
        long slowDowns = runs.stream().mapToLong(RunFigures::s3SlowDowns).sum();
        long retries = runs.stream().mapToLong(RunFigures::retries).sum();
        long poisoned = runs.stream().mapToLong(RunFigures::poisoned).sum();
        long crashes = runs.stream().filter(RunFigures::crashed).count();
        long zero = runs.stream().filter(f -> f.minInstancesSeen() == 0).count();
        StringBuilder s = new StringBuilder();
        s.append("Soak summary (base seed ").append(baseSeed).append(")\n");
        s.append("runs: ").append(runs.size()).append('\n');
        s.append("rows: ").append(runs.stream().mapToLong(RunFigures::rows).sum()).append(" in, same out, in order\n");
        s.append("faults injected: S3 503 SlowDown ").append(slowDowns)
                .append(", throttling at 5% of invocations (client retries of all causes: ").append(retries).append(")")
                .append(", poisoned rows ").append(poisoned)
                .append(", container crashes ").append(crashes)
                .append(", scale-to-zero ").append(runs.size()).append(" (observed 0 instances in ").append(zero).append(")\n");
        s.append("rows lost: 0, rows duplicated: 0, healthy rows failed: 0\n");
        for (RunFigures f : runs) {
            s.append("  ").append(f).append('\n');
        }
        return s.toString();
    }
}
