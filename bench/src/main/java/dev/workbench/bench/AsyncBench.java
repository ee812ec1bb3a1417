package dev.workbench.bench;

import dev.workbench.api.Endpoint;
import dev.workbench.api.Frame;
import dev.workbench.api.InferenceOptions;
import dev.workbench.core.async.AsyncRoundTrip;
import dev.workbench.core.async.LatencyFigures;
import java.lang.management.ManagementFactory;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The async round trip on the latency model: efficiency against the physical limit, the reference strategy side
 * by side, S3 requests per batch, completion latency, and what the client costs in threads and heap.
 */
final class AsyncBench {
    static final int MS_PER_ROW = 20;
    static final int INSTANCES = 2;
    static final int CONCURRENCY = 8;
    static final int BATCH = 10;
    static final int MAX_IN_FLIGHT = 64;

    /** One run of our client. */
    record Run(int rows, double seconds, double ideal, long s3Requests, int batches, LatencyFigures latency,
               int peakThreads, int peakClientThreads, long peakHeapBytes) {
        double efficiency() {
            return ideal / seconds;
        }

        double s3PerBatch() {
            return (double) s3Requests / batches;
        }
    }

    /** One run of the reference strategy. */
    record BaselineRun(int rows, double seconds, long s3Requests, int batches) {
        double s3PerBatch() {
            return (double) s3Requests / batches;
        }
    }

    private final BenchCloud bench;
    private final Endpoint endpoint;

    AsyncBench(BenchCloud bench) {
        this.bench = bench;
        this.endpoint = bench.asyncLatencyEndpoint("bench-async-latency", INSTANCES, CONCURRENCY, MS_PER_ROW);
    }

    /** The time the fleet needs at best: ceil(N/b)/(I*C) rounds of b rows at the model's delay. */
    static double idealSeconds(int rows) {
        int batches = (rows + BATCH - 1) / BATCH;
        return (double) batches / (INSTANCES * CONCURRENCY) * BATCH * MS_PER_ROW / 1000.0;
    }

    Run ours(int rows) {
        Frame input = Inputs.rows(rows);
        try (AsyncRoundTrip roundTrip = new AsyncRoundTrip(bench.cloud);
             Sampler sampler = new Sampler()) {
            long s3Before = bench.s3Requests();
            long start = System.nanoTime();
            Frame out = roundTrip.submit(endpoint.name(), input,
                    InferenceOptions.of(o -> o.batchSize(BATCH).maxInFlight(MAX_IN_FLIGHT).useJournal(true)),
                    endpoint.meta()).join();
            double seconds = (System.nanoTime() - start) / 1e9;
            check(input, out);
            int batches = (rows + BATCH - 1) / BATCH;
            return new Run(rows, seconds, idealSeconds(rows), bench.s3Requests() - s3Before, batches,
                    roundTrip.completionLatency(), sampler.peakThreads.get(), sampler.peakClientThreads.get(),
                    sampler.peakHeap.get());
        }
    }

    BaselineRun baseline(int rows) {
        Frame input = Inputs.rows(rows);
        var client = new BaselineClient(bench.cloud.s3(), bench.cloud.runtime(), bench.cloud.bucket());
        long s3Before = bench.s3Requests();
        long start = System.nanoTime();
        int received = client.run(endpoint.name(), input, BATCH, MAX_IN_FLIGHT);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (received != rows) {
            throw new IllegalStateException("baseline received " + received + " rows of " + rows);
        }
        return new BaselineRun(rows, seconds, bench.s3Requests() - s3Before, (rows + BATCH - 1) / BATCH);
    }

    private static void check(Frame input, Frame out) {
        if (out.rowCount() != input.rowCount()) {
            throw new IllegalStateException(out.rowCount() + " rows out for " + input.rowCount() + " in");
        }
        for (int i = 0; i < input.rowCount(); i += Math.max(1, input.rowCount() / 100)) {
            if (!input.get(i, "id").equals(out.get(i, "id")) || out.get(i, Frame.ERROR_COLUMN) != null) {
                throw new IllegalStateException("row " + i + " came back wrong: " + out.get(i).toMap());
            }
        }
        if (out.errorCount() != 0) {
            throw new IllegalStateException(out.errorCount() + " rows failed");
        }
    }

    /** Warms the JIT, the connection pool and the bucket so the first measured run is not a cold start. */
    void warmUp() {
        ours(20 * BATCH);
    }

    /**
     * Samples live threads and used heap every 100 ms while a run goes. The local cloud shares the JVM, so the
     * client's own threads are told apart by name: the round trips' executors are all named {@code workbench-*}
     * and the SDK's are named {@code sdk-*} or are the connection reaper.
     */
    private static final class Sampler implements AutoCloseable {
        final AtomicInteger peakThreads = new AtomicInteger();
        final AtomicInteger peakClientThreads = new AtomicInteger();
        final AtomicLong peakHeap = new AtomicLong();
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-sampler");
            t.setDaemon(true);
            return t;
        });

        Sampler() {
            var threads = ManagementFactory.getThreadMXBean();
            var memory = ManagementFactory.getMemoryMXBean();
            timer.scheduleAtFixedRate(() -> {
                peakThreads.accumulateAndGet(threads.getThreadCount(), Math::max);
                peakClientThreads.accumulateAndGet(clientThreads(threads), Math::max);
                peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
            }, 0, 100, TimeUnit.MILLISECONDS);
        }

        private static int clientThreads(java.lang.management.ThreadMXBean threads) {
            int n = 0;
            for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (info != null && isClient(info.getThreadName())) {
                    n++;
                }
            }
            return n;
        }

        static boolean isClient(String name) {
            return name.startsWith("workbench-") || name.startsWith("sdk-") || name.contains("idle-connection-reaper");
        }

        @Override
        public void close() {
            timer.shutdownNow();
        }
    }
}
