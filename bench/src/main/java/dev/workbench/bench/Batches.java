package dev.workbench.bench;

import dev.workbench.api.Frame;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs a frame through a per-batch function on a fixed pool, the way the measured clients fan out. */
final class Batches {
    interface RowsOf {
        int apply(Frame batch) throws Exception;
    }

    private Batches() {
    }

    /** Calls {@code work} on each {@code batchSize}-row slice with {@code threads} threads; returns the rows it counted. */
    static int run(Frame input, int batchSize, int threads, RowsOf work) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> parts = new ArrayList<>();
            for (int from = 0; from < input.rowCount(); from += batchSize) {
                Frame batch = input.slice(from, Math.min(input.rowCount(), from + batchSize));
                parts.add(pool.submit(() -> work.apply(batch)));
            }
            int rows = 0;
            for (Future<Integer> part : parts) {
                rows += part.get();
            }
            return rows;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
