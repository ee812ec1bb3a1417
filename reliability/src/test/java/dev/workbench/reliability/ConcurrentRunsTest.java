package dev.workbench.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.workbench.api.Cloud;
import dev.workbench.api.Frame;
import dev.workbench.local.LocalCloud;
import dev.workbench.local.junit.LocalCloudExtension;
import dev.workbench.local.spi.FaultSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many processes, one truth: 2 and 8 client processes on one machine (one journal file, one bucket) run the same
 * or overlapping inputs at once, started up to a second apart, {@code -Dconcurrency.reps} times (20 by default).
 * Every process must finish each repetition within {@link #BOUND_SECONDS} with every row present, in order,
 * holding its own values and the model's answer; batches with the same content share one invocation where
 * their runs overlap in time. {@code -Dconcurrency.seed=S} replays the start offsets.
 */
class ConcurrentRunsTest {
    static final int ROWS = Integer.getInteger("concurrency.rows", 200);
    static final String LATENCY = System.getProperty("concurrency.latency", "5");
    static final int STAGGER_MS = Integer.getInteger("concurrency.stagger", 1000);
    static final long BOUND_SECONDS = 60;
    static final String EP = "concurrent";

    @RegisterExtension
    static LocalCloudExtension local = LocalCloudExtension.fast();

    @TempDir
    static Path dir;

    static Workers workers;
    static long seed;
    static int reps;

    @BeforeAll
    static void start() throws Exception {
        LocalCloud lc = local.cloud();
        Path journalDir = Files.createDirectories(dir.resolve("one-machine"));
        try (Cloud cloud = Cloud.at(lc.endpoint(), s -> s.dataDir(journalDir))) {
            Clouds.deployLatency(cloud, EP, Map.of("LATENCY_MS_PER_ROW", LATENCY), d -> d.maxConcurrent(4).minInstances(1));
        }
        seed = Long.getLong("concurrency.seed", System.nanoTime() & 0xffffffL);
        reps = Integer.getInteger("concurrency.reps", 20);
        System.out.println("CONCURRENCY: " + reps + " repetitions, seed " + seed + " (replay: -Dconcurrency.seed=" + seed + ")");
        workers = new Workers(lc.endpoint(), EP, Collections.nCopies(8, journalDir), dir);
    }

    @AfterAll
    static void stop() throws Exception {
        if (workers != null) {
            workers.close();
        }
    }

    @Test
    void twoProcessesOnTheSameFile() throws Exception {
        repeat("2-same", 2, k -> 0);
    }

    @Test
    void twoProcessesOnOverlappingFiles() throws Exception {
        repeat("2-overlap", 2, k -> k * ROWS / 2);
    }

    @Test
    void eightProcessesOnTheSameFile() throws Exception {
        repeat("8-same", 8, k -> 0);
    }

    @Test
    void eightProcessesOnOverlappingFiles() throws Exception {
        repeat("8-overlap", 8, k -> (k % 2) * ROWS / 2);
    }

    /**
     * The concurrent soak: 4 processes on the same file under 3% S3 503 SlowDown and 3% invocation throttling
     * (seeded), {@code -Dconcurrency.faultReps} times (3 by default, 20 with -Psoak).
     */
    @Test
    void fourProcessesOnTheSameFileUnderFaults() throws Exception {
        LocalCloud lc = local.cloud();
        lc.faults().set(new FaultSettings(seed, 0.03, 0.03, 0, Duration.ZERO));
        try {
            repeat("4-faults", workers, 4, Integer.getInteger("concurrency.faultReps", 3), k -> 0);
        } finally {
            lc.faults().set(FaultSettings.none());
        }
    }

    /**
     * Several machines share only the bucket: each process has its own journal and names a host of its own, so
     * leases, results and liveness go through S3 alone (the registrations' heartbeats, the published results).
     * One of them is killed with SIGKILL mid-run in the last repetition: the others notice from its stale
     * registration alone and still finish with every row.
     */
    @Test
    void threeProcessesOnSeveralMachinesSharingOnlyTheBucket() throws Exception {
        List<Path> dataDirs = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            dataDirs.add(Files.createDirectories(dir.resolve("machine-" + k)));
        }
        try (Workers machines = new Workers(local.cloud().endpoint(), EP, dataDirs,
                Files.createDirectories(dir.resolve("machines")), true)) {
            repeat("3-machines", machines, 3, Math.max(1, reps / 2), k -> 0);
            killOneMidRun("3-machines-killed", machines);
        }
    }

    /** One process killed with SIGKILL mid-run: the others, following its leases, still finish with every row. */
    @Test
    void aProcessKilledMidRunLeavesTheOthersCorrect() throws Exception {
        try (Workers victims = new Workers(local.cloud().endpoint(), EP, List.of(dir.resolve("one-machine")),
                Files.createDirectories(dir.resolve("victim")))) {
            killOneMidRun("killed", victims, workers, 3);
        }
    }

    /** Kills the last of {@code machines} mid-run; the others run the same file and must finish correctly. */
    private void killOneMidRun(String tag, Workers machines) throws Exception {
        killOneMidRun(tag, machines, machines, machines.size() - 1);
    }

    private void killOneMidRun(String tag, Workers victims, Workers survivors, int count) throws Exception {
        LocalCloud lc = local.cloud();
        int rows = ROWS * 2;
        Workers.Worker victim = victims.get(victims.size() - 1);
        long runsBefore = modelRuns(lc);
        victim.send("run 0 " + rows + " " + tag + " 0 " + dir.resolve(tag + "-victim.csv"));
        List<Path> outputs = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            Path out = dir.resolve(tag + "-" + k + ".csv");
            outputs.add(out);
            survivors.get(k).send("run 0 " + rows + " " + tag + " 200 " + out);
        }
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (modelRuns(lc) - runsBefore < 6 && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        victim.process.destroyForcibly(); // SIGKILL: no shutdown hook, no clean-up, its leases left behind
        assertTrue(victim.process.waitFor(10, TimeUnit.SECONDS));
        assertEquals(137, victim.process.exitValue(), "killed by SIGKILL");
        System.out.println("CONCURRENCY " + tag + ": victim killed after " + (modelRuns(lc) - runsBefore) + " model runs");
        assertTrue(Files.notExists(dir.resolve(tag + "-victim.csv")), "killed mid-run, before writing its output");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_SECONDS);
        for (int k = 0; k < count; k++) {
            String answer = survivors.get(k).await(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            assertTrue(answer != null && answer.startsWith("done "), tag + ": survivor " + k + " after the kill: " + answer
                    + " (see " + survivors.get(k).log + ")");
            Frame out = Frame.readCsv(outputs.get(k));
            assertEquals(rows, out.rowCount(), "survivor " + k + ": N rows in, N rows out");
            assertCompleteAndCorrect(out.slice(0, ROWS), 0, tag, "survivor " + k);
            assertCompleteAndCorrect(out.slice(ROWS, rows), ROWS, tag, "survivor " + k);
        }
    }

    interface FirstRow {
        int of(int worker);
    }

    private void repeat(String name, int processes, FirstRow first) throws Exception {
        repeat(name, workers, processes, reps, first);
    }

    private void repeat(String name, Workers workers, int processes, int reps, FirstRow first) throws Exception {
        LocalCloud lc = local.cloud();
        Random random = new Random(seed ^ name.hashCode());
        long runsBefore = modelRuns(lc);
        long slowest = 0;
        long started = System.nanoTime();
        for (int rep = 0; rep < reps; rep++) {
            String tag = name + "-" + rep;
            List<Path> outputs = new ArrayList<>();
            for (int k = 0; k < processes; k++) {
                Path out = dir.resolve(tag + "-" + k + ".csv");
                outputs.add(out);
                workers.get(k).send("run " + first.of(k) + " " + ROWS + " " + tag + " " + random.nextInt(STAGGER_MS) + " " + out);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_SECONDS);
            for (int k = 0; k < processes; k++) {
                long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
                String answer = workers.get(k).await(left);
                if (answer == null) {
                    fail(name + " rep " + rep + " (seed " + seed + "): process " + k + " did not finish within "
                            + BOUND_SECONDS + " s (see " + workers.get(k).log + ")");
                }
                assertTrue(answer.startsWith("done "), name + " rep " + rep + " (seed " + seed + "): process " + k + ": " + answer);
                slowest = Math.max(slowest, Long.parseLong(answer.substring(5)));
                assertCompleteAndCorrect(Frame.readCsv(outputs.get(k)), first.of(k), tag, name + " rep " + rep + " process " + k);
            }
        }
        long runs = modelRuns(lc) - runsBefore;
        long batchesAsked = (long) reps * processes * (ROWS / 10);
        System.out.println("CONCURRENCY " + name + ": " + reps + " reps x " + processes + " processes, all rows correct, "
                + "slowest run " + slowest + " ms, all in " + (System.nanoTime() - started) / 1_000_000 + " ms, " + runs + " model invocations for " + batchesAsked + " batches asked");
        assertTrue(runs <= batchesAsked, "no more invocations than batches asked: " + runs);
    }

    /** Every row there, in order, with its own values and the model's answer, no error. */
    static void assertCompleteAndCorrect(Frame out, int first, String tag, String what) {
        assertEquals(ROWS, out.rowCount(), what + ": N rows in, N rows out");
        boolean errors = out.hasColumn(Frame.ERROR_COLUMN);
        for (int j = 0; j < ROWS; j++) {
            int id = first + j;
            assertEquals(Integer.toString(id), out.get(j, "id"), what + ": row " + j + " in input order");
            assertEquals(String.format("c%06d", id), out.get(j, "code"), what + ": row " + j + " kept exactly");
            assertEquals(tag, out.get(j, "tag"), what + ": row " + j + " of this run's input");
            assertEquals(LATENCY, out.get(j, "latency_ms"), what + ": row " + j + " has the model's answer");
            if (errors) {
                String error = out.get(j, Frame.ERROR_COLUMN);
                assertTrue(error == null || error.isEmpty(), what + ": row " + j + " failed: " + error);
            }
        }
    }

    static long modelRuns(LocalCloud lc) {
        return lc.stats().snapshot().entrySet().stream().filter(e -> e.getKey().startsWith("invocation:"))
                .mapToLong(Map.Entry::getValue).sum();
    }
}
