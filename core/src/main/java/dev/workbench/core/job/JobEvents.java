package dev.workbench.core.job;

import dev.workbench.api.BatchResult;
import dev.workbench.api.InferenceProgress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers a job's progress snapshots and finished batches to its listeners on one shared daemon thread, so
 * the workers that report never wait for a listener. Progress is coalesced: a burst of changes becomes one
 * snapshot at most every {@link #MIN_INTERVAL_NANOS}; the final snapshot is always delivered. Batches are
 * delivered in the order they finished, and a listener added late first receives the batches it missed.
 */
final class JobEvents {
    private static final Logger LOG = LoggerFactory.getLogger(JobEvents.class);
    private static final long MIN_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final ScheduledExecutorService THREAD = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "workbench-job-events");
        t.setDaemon(true);
        return t;
    });

    private final Supplier<InferenceProgress> snapshot;
    private final CopyOnWriteArrayList<Consumer<InferenceProgress>> progressListeners = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Consumer<BatchResult>> newBatchListeners = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<BatchResult> pendingBatches = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    // Touched only on the events thread.
    private final List<Consumer<BatchResult>> batchListeners = new ArrayList<>();
    private final List<BatchResult> delivered = new ArrayList<>();
    private volatile boolean progressDirty;
    private long lastProgressNanos = System.nanoTime() - MIN_INTERVAL_NANOS;

    JobEvents(Supplier<InferenceProgress> snapshot) {
        this.snapshot = snapshot;
    }

    void addProgressListener(Consumer<InferenceProgress> listener) {
        progressListeners.add(listener);
        changed();
    }

    void addBatchListener(Consumer<BatchResult> listener) {
        newBatchListeners.add(listener);
        schedule(0);
    }

    void batch(BatchResult result) {
        pendingBatches.add(result);
        schedule(0);
    }

    void changed() {
        progressDirty = true;
        schedule(0);
    }

    private void schedule(long delayNanos) {
        if (scheduled.compareAndSet(false, true)) {
            THREAD.schedule(this::drain, delayNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void drain() {
        scheduled.set(false);
        Consumer<BatchResult> listener;
        while ((listener = newBatchListeners.poll()) != null) {
            for (BatchResult old : delivered) {
                deliver(listener, old);
            }
            batchListeners.add(listener);
        }
        BatchResult result;
        while ((result = pendingBatches.poll()) != null) {
            delivered.add(result);
            for (Consumer<BatchResult> l : batchListeners) {
                deliver(l, result);
            }
        }
        if (progressDirty) {
            long now = System.nanoTime();
            InferenceProgress progress = snapshot.get();
            boolean last = progress.finished();
            long wait = lastProgressNanos + MIN_INTERVAL_NANOS - now;
            if (wait > 0 && !last) {
                schedule(wait);
                return;
            }
            progressDirty = false;
            lastProgressNanos = now;
            for (Consumer<InferenceProgress> l : progressListeners) {
                try {
                    l.accept(progress);
                } catch (RuntimeException e) {
                    LOG.warn("A progress listener failed", e);
                }
            }
        }
    }

    private static void deliver(Consumer<BatchResult> listener, BatchResult result) {
        try {
            listener.accept(result);
        } catch (RuntimeException e) {
            LOG.warn("A batch listener failed", e);
        }
    }
}
