package dev.workbench.core.async;

import dev.workbench.api.BatchPhase;
import dev.workbench.api.BatchState;
import dev.workbench.api.Frame;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * One async invocation of a slice of a job's rows: where its input was put, the locations SageMaker returned,
 * and the watcher's bookkeeping. Fields are written by one stage at a time (upload, invoke, watch, collect),
 * each handing over to the next through an executor, so volatile suffices.
 */
final class Batch {
    final AsyncJobRun run;
    final Slice slice;
    final Frame rows;
    final String csv;
    final String contentKey;
    volatile String inferenceId = "";
    volatile int generation;
    volatile @Nullable S3Location input;
    volatile boolean uploaded;
    volatile @Nullable S3Location output;
    volatile @Nullable S3Location failure;
    volatile Instant submittedAt = Instant.now();
    /** Order of submission to the endpoint's queue (for estimating when processing can start). */
    volatile long sequence;
    /** When the endpoint could start on it (0 = not yet): the deadline counts from here. */
    volatile long processingStartNanos;
    /** After a cancel or an expiry: the watcher only deletes what shows up, until {@link #reapUntilNanos}. */
    volatile boolean reap;
    volatile long reapUntilNanos;
    /** When the listing showed the output landed (S3 LastModified), for the completion-latency figures. */
    volatile @Nullable Instant landedAt;
    /** When InvokeEndpointAsync accepted it (null when an earlier run invoked it). */
    volatile @Nullable Instant invokedAt;
    /** This run holds the lease (created the input object, or took over a dead holder's): it collects and cleans up. */
    volatile boolean led;
    /** Taking over a dead holder's lease: the input is written over instead of created. */
    volatile boolean takeover;
    /** Written into the input's metadata: tells our own retried create-if-absent from someone else's. */
    final String claimToken = Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong());
    /** Batches submitted after it to the same endpoint whose results were found first (the watcher's). */
    volatile int overtaken;
    /** Flagged by the watcher as waiting far longer than its peers. */
    volatile boolean stalled;
    /** When the watcher began waiting for it: after its invocation was accepted. */
    volatile @Nullable Instant watchedSince;
    /** Set once the batch's place among the job's invocations in flight has been given back. */
    final AtomicBoolean slotReleased = new AtomicBoolean();

    Batch(AsyncJobRun run, Slice slice, Frame rows, String csv, String contentKey) {
        this.run = run;
        this.slice = slice;
        this.rows = rows;
        this.csv = csv;
        this.contentKey = contentKey;
    }

    int firstRow() {
        return slice.firstRow();
    }

    int rowCount() {
        return slice.rowCount();
    }

    String endpointName() {
        return run.endpointName();
    }

    BatchState state(BatchPhase phase, @Nullable String error) {
        return new BatchState(inferenceId, slice.firstRow(), slice.rowCount(), slice.depth() + 1, phase,
                str(input), str(output), str(failure), submittedAt, error);
    }

    private static @Nullable String str(@Nullable S3Location l) {
        return l == null ? null : l.toString();
    }

    @Override
    public String toString() {
        return "Batch[" + inferenceId + " rows " + slice.firstRow() + "+" + slice.rowCount() + "]";
    }
}
