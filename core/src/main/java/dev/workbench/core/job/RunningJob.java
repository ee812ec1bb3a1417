package dev.workbench.core.job;

import dev.workbench.api.BatchPhase;
import dev.workbench.api.BatchResult;
import dev.workbench.api.BatchState;
import dev.workbench.api.EndpointState;
import dev.workbench.api.Frame;
import dev.workbench.api.InferenceFailedException;
import dev.workbench.api.InferenceJob;
import dev.workbench.api.InferenceProgress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One inference in progress, shared by the sync and async round trips. The round trips report what they do
 * through the thread-safe methods below; callers watch progress, receive batches as they finish, cancel, and
 * get the assembled result from {@link #future()} or {@link #join()}.
 *
 * <p>Accounting: {@code rowsDone} counts every finished row, failed or not; {@code rowsFailed} those with an
 * {@code inference_error}. {@link #batchDone} does not touch rows in flight: round trips report that with
 * {@link #rowsInFlight(int)}. Listeners run on the shared {@code workbench-job-events} thread.
 */
public final class RunningJob implements InferenceJob {
    private static final Logger LOG = LoggerFactory.getLogger(RunningJob.class);

    private final String id = "job-" + UUID.randomUUID().toString().substring(0, 8);
    private final String endpointName;
    private final boolean async;
    private final Frame input;
    private final int totalRows;
    private final Instant startedAt = Instant.now();
    private final long startNanos = System.nanoTime();

    private final AtomicInteger rowsDone = new AtomicInteger();
    private final AtomicInteger rowsFailed = new AtomicInteger();
    private final AtomicInteger rowsInFlight = new AtomicInteger();
    private final AtomicInteger batchesTotal = new AtomicInteger();
    private final AtomicInteger batchesDone = new AtomicInteger();
    private final AtomicInteger batchesFailed = new AtomicInteger();
    private final AtomicInteger retries = new AtomicInteger();
    private final AtomicInteger splits = new AtomicInteger();
    private final AtomicInteger batchesStalled = new AtomicInteger();
    private final AtomicLong bytesUp = new AtomicLong();
    private final AtomicLong bytesDown = new AtomicLong();
    private volatile EndpointState endpointState = EndpointState.RUNNING;
    private volatile @Nullable Instant warmingSince;
    private volatile long finishedNanos = -1;

    private final ConcurrentHashMap<String, BatchState> batchStates = new ConcurrentHashMap<>();
    private final AtomicInteger batchesInFlight = new AtomicInteger();
    private final ConcurrentSkipListMap<Integer, Frame> parts = new ConcurrentSkipListMap<>();
    private final CompletableFuture<Frame> future = new CompletableFuture<>();
    private final List<Runnable> cancelActions = new ArrayList<>();
    private boolean cancelled; // guarded by this
    private final JobEvents events = new JobEvents(this::progress);

    public RunningJob(String endpointName, boolean async, Frame input, @Nullable Consumer<InferenceProgress> onProgress) {
        this.endpointName = endpointName;
        this.async = async;
        this.input = input;
        this.totalRows = input.rowCount();
        if (onProgress != null) {
            events.addProgressListener(onProgress);
        }
        // future().cancel(...) by a caller cancels the job itself (stops the work, cleans up).
        future.whenComplete((frame, error) -> {
            finishedNanos = System.nanoTime();
            if (error instanceof CancellationException) {
                cancel();
            }
            events.changed();
        });
    }

    // ---- what the round trips report (thread-safe) ----

    /** Adds planned batches (initial plan, and the extra batch each split creates). */
    public void batchesPlanned(int batches) {
        batchesTotal.addAndGet(batches);
        events.changed();
    }

    public void rowsInFlight(int delta) {
        rowsInFlight.addAndGet(delta);
        events.changed();
    }

    /** A finished batch: its rows in input order, starting at input row {@code firstRow}; may hold row errors. */
    public void batchDone(int firstRow, Frame rows) {
        if (parts.putIfAbsent(firstRow, rows) != null) {
            LOG.warn("Job {}: batch at row {} reported twice; keeping the first", id, firstRow);
            return;
        }
        long errors = rows.errorCount();
        rowsDone.addAndGet(rows.rowCount());
        rowsFailed.addAndGet((int) errors);
        batchesDone.incrementAndGet();
        if (errors > 0) {
            batchesFailed.incrementAndGet();
        }
        events.batch(new BatchResult(firstRow, rows));
        events.changed();
    }

    /** A batch began (true) or stopped (false) waiting far longer than the batches submitted after it. */
    public void batchStalled(boolean stalled) {
        batchesStalled.addAndGet(stalled ? 1 : -1);
        events.changed();
    }

    public void retried() {
        retries.incrementAndGet();
        events.changed();
    }

    /** A batch was split in two: one more batch planned. */
    public void split() {
        splits.incrementAndGet();
        batchesTotal.incrementAndGet();
        events.changed();
    }

    public void bytesUp(long n) {
        bytesUp.addAndGet(n);
        events.changed();
    }

    public void bytesDown(long n) {
        bytesDown.addAndGet(n);
        events.changed();
    }

    /** The endpoint's capacity as the round trip sees it; {@code warmingSince} is when waiting for capacity began. */
    public void endpointState(EndpointState state, @Nullable Instant warmingSince) {
        this.endpointState = state;
        this.warmingSince = state == EndpointState.RUNNING ? null : warmingSince;
        events.changed();
    }

    /** Upserts the in-flight view entry for this batch, keyed by its InferenceId. */
    public void batchState(BatchState state) {
        // A running count, so progress() stays O(1) however many batches the job has seen.
        BatchState before = batchStates.put(state.inferenceId(), state);
        int change = (inFlight(state) ? 1 : 0) - (before != null && inFlight(before) ? 1 : 0);
        if (change != 0) {
            batchesInFlight.addAndGet(change);
        }
        events.changed();
    }

    private static boolean inFlight(BatchState state) {
        return state.phase() == BatchPhase.UPLOADING || state.phase() == BatchPhase.SUBMITTED;
    }

    /** Runs once when the job is cancelled (immediately when it already was). */
    public void onCancel(Runnable action) {
        synchronized (this) {
            if (!cancelled) {
                cancelActions.add(action);
                return;
            }
        }
        runQuietly(action);
    }

    public synchronized boolean isCancelled() {
        return cancelled;
    }

    /**
     * Assembles the N result rows in input order and completes the future; when every row failed the future
     * fails with {@link InferenceFailedException} carrying the assembled frame.
     */
    public void complete() {
        if (future.isDone()) {
            return;
        }
        Frame result;
        try {
            result = ResultAssembler.assemble(input, parts, totalRows);
        } catch (RuntimeException e) {
            fail(e);
            return;
        }
        if (totalRows > 0 && result.errorCount() == totalRows) {
            future.completeExceptionally(new InferenceFailedException(
                    "Every row of the inference on " + endpointName + " failed; first error: "
                            + firstError(result), result));
        } else {
            future.complete(result);
        }
    }

    public void fail(Throwable error) {
        future.completeExceptionally(error);
    }

    // ---- InferenceJob ----

    @Override
    public String id() {
        return id;
    }

    @Override
    public String endpointName() {
        return endpointName;
    }

    @Override
    public boolean isAsync() {
        return async;
    }

    @Override
    public int totalRows() {
        return totalRows;
    }

    @Override
    public Instant startedAt() {
        return startedAt;
    }

    @Override
    public InferenceProgress progress() {
        int done = rowsDone.get();
        int inFlight = Math.max(0, rowsInFlight.get());
        int queued = Math.max(0, totalRows - done - inFlight);
        long end = finishedNanos >= 0 ? finishedNanos : System.nanoTime();
        Duration elapsed = Duration.ofNanos(end - startNanos);
        Instant since = warmingSince;
        EndpointState state = endpointState;
        Duration warming = state == EndpointState.RUNNING || since == null
                ? null : Duration.between(since, Instant.now());
        int inFlightBatches = Math.max(0, batchesInFlight.get());
        return new InferenceProgress(totalRows, done, rowsFailed.get(), inFlight, queued,
                batchesTotal.get(), batchesDone.get(), batchesFailed.get(), inFlightBatches,
                retries.get(), splits.get(), bytesUp.get(), bytesDown.get(), state, elapsed, warming,
                Math.max(0, batchesStalled.get()));
    }

    @Override
    public void onProgress(Consumer<InferenceProgress> listener) {
        events.addProgressListener(listener);
    }

    @Override
    public void onBatch(Consumer<BatchResult> listener) {
        events.addBatchListener(listener);
    }

    @Override
    public List<BatchState> batches() {
        List<BatchState> view = new ArrayList<>(batchStates.values());
        view.sort(Comparator.comparingInt(BatchState::firstRow).thenComparing(BatchState::submittedAt));
        return view;
    }

    @Override
    public void cancel() {
        List<Runnable> actions;
        synchronized (this) {
            if (cancelled || (future.isDone() && !future.isCancelled())) {
                return;
            }
            cancelled = true;
            actions = List.copyOf(cancelActions);
            cancelActions.clear();
        }
        for (Runnable action : actions) {
            runQuietly(action);
        }
        future.cancel(false);
        events.changed();
    }

    @Override
    public Frame join() {
        try {
            return future.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    @Override
    public CompletableFuture<Frame> future() {
        return future;
    }

    @Override
    public boolean isDone() {
        return future.isDone();
    }

    @Override
    public String toString() {
        return "RunningJob[" + id + " " + endpointName + (async ? " async " : " sync ") + totalRows + " rows]";
    }

    private static @Nullable String firstError(Frame result) {
        int col = result.columnIndex(Frame.ERROR_COLUMN);
        for (Frame.Row row : result) {
            String e = row.get(col);
            if (e != null) {
                return e;
            }
        }
        return null;
    }

    private void runQuietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.warn("Job {}: a cancel action failed", id, e);
        }
    }
}
