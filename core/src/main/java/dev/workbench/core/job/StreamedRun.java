package dev.workbench.core.job;

import dev.workbench.api.EndpointState;
import dev.workbench.api.Frame;
import dev.workbench.api.FrameException;
import dev.workbench.api.InferenceFailedException;
import dev.workbench.api.InferenceJob;
import dev.workbench.api.InferenceProgress;
import dev.workbench.api.StreamResult;
import dev.workbench.api.StreamingJob;
import dev.workbench.core.csv.CsvBatch;
import dev.workbench.core.csv.CsvBatches;
import dev.workbench.core.csv.RowSink;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A streamed inference: the input is read in chunks, each chunk is one ordinary job (the same round trip, journal
 * and content keys as {@code submit}), and at most {@code window} chunks are held at once. The window is the
 * reorder buffer: chunks finish in any order, but only the oldest is written, then the next chunk is read and
 * submitted, so the endpoint stays fed while memory holds {@code window} chunks whatever the input's size.
 *
 * <p>After each chunk is written the sink is checkpointed; a run of the same input after a crash continues after
 * the checkpointed rows (earlier rows are skipped unread by the endpoint). Cancel discards the partial output; a
 * failure keeps the checkpointed part for a re-run, never at the output's name.
 */
public final class StreamedRun implements StreamingJob {
    private final String endpointName;
    private final StreamInput input;
    private final RowSink sink;
    private final int chunkRows;
    private final int window;
    private final Function<Frame, InferenceJob> submit;
    private final @Nullable Consumer<InferenceProgress> onProgress;
    private final Instant startedAt = Instant.now();
    private final long startNanos = System.nanoTime();
    private final CompletableFuture<StreamResult> future = new CompletableFuture<>();
    private final Deque<InferenceJob> inFlight = new ArrayDeque<>(); // guarded by this
    private volatile boolean cancelled;
    private volatile long rowsWritten;
    private volatile long rowsFailedWritten;
    private volatile long rowsRead;
    private final Tally written = new Tally(); // guarded by this: the batches of the chunks already written
    private volatile EndpointState lastState = EndpointState.RUNNING;
    private volatile long finishedNanos = -1;

    /**
     * @param submit starts one chunk's job (its rows numbered from 0; the journal's content keys do not depend on
     *               the chunk's place, so a chunk re-read by a resumed run finds what was collected for it)
     */
    public StreamedRun(String endpointName, StreamInput input, RowSink sink, int chunkRows, int window,
            Function<Frame, InferenceJob> submit, @Nullable Consumer<InferenceProgress> onProgress) {
        if (chunkRows < 1 || window < 1) {
            throw new IllegalArgumentException("chunkRows and window must be at least 1");
        }
        this.endpointName = endpointName;
        this.input = input;
        this.sink = sink;
        this.chunkRows = chunkRows;
        this.window = window;
        this.submit = submit;
        this.onProgress = onProgress;
    }

    /** Runs the stream on its own thread; the result is {@link #future()}. */
    public StreamedRun start() {
        Thread t = new Thread(this::run, "workbench-stream-" + endpointName);
        t.setDaemon(true);
        t.start();
        return this;
    }

    private void run() {
        long resumedRows = 0;
        try (sink; CsvBatches chunks = input.open().apply(chunkRows)) {
            List<String> resumedHeader = null;
            if (sink.resumed().isPresent()) {
                RowSink.Resumed r = sink.resumed().get();
                if (chunks.skip(Math.toIntExact(r.rows())) != r.rows()) {
                    throw new FrameException(input.name() + " has fewer rows than the " + r.rows()
                            + " its interrupted run wrote; it is not the same input");
                }
                resumedRows = r.rows();
                rowsWritten = r.rows();
                rowsFailedWritten = r.failed();
                rowsRead = r.rows();
                resumedHeader = r.columns();
            }
            try (OutputShape shape = new OutputShape(sink, chunkRows, chunks.columns(), resumedHeader)) {
                stream(chunks, shape);
                if (cancelled) {
                    throw new CancellationException("cancelled");
                }
                if (rowsWritten == 0 && rowsRead == 0) {
                    throw new FrameException("Nothing to send to endpoint '" + endpointName + "': " + input.name()
                            + " has no rows (columns " + chunks.columns() + ")");
                }
                shape.finish();
                sink.commit();
            }
            finishedNanos = System.nanoTime();
            future.complete(new StreamResult(sink.target(), rowsWritten, rowsFailedWritten, resumedRows,
                    Duration.ofNanos(finishedNanos - startNanos)));
        } catch (Throwable e) {
            finishedNanos = System.nanoTime();
            cancelAll();
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            if (cancelled || cause instanceof CancellationException) {
                sink.discard();
                future.completeExceptionally(new CancellationException("streamed inference on " + endpointName
                        + " cancelled after " + rowsWritten + " rows written"));
            } else {
                future.completeExceptionally(cause);
            }
        } finally {
            notifyProgress();
        }
    }

    private void stream(CsvBatches chunks, OutputShape shape) {
        while (!cancelled) {
            fill(chunks);
            InferenceJob head;
            synchronized (this) {
                head = inFlight.peekFirst();
            }
            if (head == null) {
                return;
            }
            Frame rows = await(head);
            if (rows.rowCount() != head.totalRows()) {
                throw new IllegalStateException("a chunk of " + head.totalRows() + " rows came back with "
                        + rows.rowCount());
            }
            long failed = shape.accept(rows);
            InferenceProgress p = head.progress();
            synchronized (this) {
                inFlight.pollFirst();
                written.add(p, false);
                lastState = p.endpointState();
                rowsWritten += rows.rowCount();
                rowsFailedWritten += failed;
            }
            if (shape.settled()) {
                sink.checkpoint(rowsWritten, rowsFailedWritten);
            }
            notifyProgress();
        }
    }

    /** Reads and submits chunks until the window is full or the input ends. */
    private void fill(CsvBatches chunks) {
        while (!cancelled) {
            synchronized (this) {
                if (inFlight.size() >= window) {
                    return;
                }
            }
            if (!chunks.hasNext()) {
                return;
            }
            CsvBatch chunk = chunks.next();
            InferenceJob job = submit.apply(chunk.rows());
            job.onProgress(p -> notifyProgress());
            synchronized (this) {
                inFlight.addLast(job);
                rowsRead += chunk.rows().rowCount();
            }
            if (cancelled) {
                job.cancel();
            }
        }
    }

    /** The chunk's rows, failed ones with their error (a chunk whose every row failed is still written). */
    private static Frame await(InferenceJob job) {
        try {
            return job.join();
        } catch (InferenceFailedException e) {
            return e.result();
        } catch (CompletionException e) {
            if (e.getCause() instanceof InferenceFailedException f) {
                return f.result();
            }
            throw e;
        }
    }

    private void cancelAll() {
        List<InferenceJob> jobs;
        synchronized (this) {
            jobs = List.copyOf(inFlight);
        }
        for (InferenceJob j : jobs) {
            j.cancel();
        }
    }

    private void notifyProgress() {
        Consumer<InferenceProgress> l = onProgress;
        if (l != null) {
            l.accept(progress());
        }
    }

    @Override
    public String endpointName() {
        return endpointName;
    }

    @Override
    public String input() {
        return input.name();
    }

    @Override
    public String output() {
        return sink.target();
    }

    @Override
    public Instant startedAt() {
        return startedAt;
    }

    @Override
    public synchronized InferenceProgress progress() {
        Tally t = new Tally();
        t.addAll(written);
        t.rows = rowsWritten;
        t.failed = rowsFailedWritten;
        EndpointState state = lastState;
        Duration warming = null;
        InferenceJob head = inFlight.peekFirst();
        for (InferenceJob j : inFlight) {
            InferenceProgress p = j.progress();
            t.add(p, true);
            if (j == head) {
                state = p.endpointState();
                warming = p.warmingFor();
            }
        }
        Integer known = input.totalRows();
        long total = known != null ? known : Math.max(rowsRead, t.rows);
        if (future.isDone() && !future.isCompletedExceptionally()) {
            total = t.rows;
        }
        long end = finishedNanos >= 0 ? finishedNanos : System.nanoTime();
        int totalRows = clamp(total);
        int rowsDone = clamp(t.rows);
        int queued = Math.max(0, totalRows - rowsDone - t.inFlightRows);
        return new InferenceProgress(totalRows, rowsDone, clamp(t.failed), t.inFlightRows, queued, t.batches,
                t.batchesDone, t.batchesFailed, t.batchesInFlight, t.retries, t.splits, t.up, t.down, state,
                Duration.ofNanos(end - startNanos), warming, t.stalled);
    }

    /** Progress counts summed over chunks. */
    private static final class Tally {
        long rows;
        long failed;
        int inFlightRows;
        int batches;
        int batchesDone;
        int batchesFailed;
        int batchesInFlight;
        int retries;
        int splits;
        int stalled;
        long up;
        long down;

        /** A chunk's counts; its rows only while it is in flight (written rows are counted as written). */
        void add(InferenceProgress p, boolean rowsToo) {
            if (rowsToo) {
                rows += p.rowsDone();
                failed += p.rowsFailed();
                inFlightRows += p.rowsInFlight();
                batchesInFlight += p.batchesInFlight();
                stalled += p.batchesStalled();
            }
            batches += p.batchesTotal();
            batchesDone += p.batchesDone();
            batchesFailed += p.batchesFailed();
            retries += p.retries();
            splits += p.splits();
            up += p.bytesUp();
            down += p.bytesDown();
        }

        void addAll(Tally o) {
            batches += o.batches;
            batchesDone += o.batchesDone;
            batchesFailed += o.batchesFailed;
            retries += o.retries;
            splits += o.splits;
            up += o.up;
            down += o.down;
        }
    }

    private static int clamp(long n) {
        return (int) Math.min(Integer.MAX_VALUE, n);
    }

    @Override
    public void cancel() {
        cancelled = true;
        cancelAll();
    }

    @Override
    public StreamResult join() {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    @Override
    public CompletableFuture<StreamResult> future() {
        return future;
    }

    @Override
    public boolean isDone() {
        return future.isDone();
    }
}
