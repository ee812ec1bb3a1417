package dev.workbench.core.async;

import dev.workbench.api.BatchPhase;
import dev.workbench.api.Frame;
import dev.workbench.api.InferenceOptions;
import dev.workbench.api.ServiceUnreachableException;
import dev.workbench.api.WorkbenchException;
import dev.workbench.core.job.Answer;
import dev.workbench.core.job.AnswerCheck;
import dev.workbench.core.job.RunningJob;
import dev.workbench.core.journal.Journal;
import dev.workbench.core.journal.JournalEntry;
import dev.workbench.core.journal.JournalState;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointAsyncResponse;

/**
 * One async inference: slices the input into batches, keeps at most {@code maxInFlight} invocations out at a
 * time, and takes each batch through upload, journal, InvokeEndpointAsync, the shared watcher, collection and
 * clean-up. A failed batch is split in halves (the halves go to the front of the queue) until single rows
 * remain; a single row that still fails keeps the model's message in {@code inference_error}.
 */
final class AsyncJobRun {
    private static final Logger LOG = LoggerFactory.getLogger(AsyncJobRun.class);
    private static final Duration REAP_FOR = Duration.ofMinutes(10);
    /** Input object metadata: the participant holding the lease, and the claim of the batch that wrote it. */
    static final String OWNER_METADATA = "workbench-owner";
    static final String CLAIM_METADATA = "workbench-claim";

    private final AsyncRoundTrip trip;
    private final RunningJob job;
    private final String endpointName;
    private final Frame input;
    // What is sent: a re-run of an output file must not send its old errors (the model adds its own column).
    private final Frame payload;
    private final AnswerCheck check = new AnswerCheck();
    private final InferenceOptions options;
    private final @Nullable Journal journal;
    private final int maxInFlight;
    private final long deadlineNanos;
    private final Deque<Slice> queue = new ArrayDeque<>(); // guarded by this
    private final BatchPlaces places;
    private int inFlight; // guarded by this
    private final AtomicInteger rowsFinished = new AtomicInteger();
    private final AtomicInteger rowsFailed = new AtomicInteger();
    private final Set<Batch> live = ConcurrentHashMap.newKeySet();
    private final List<String> collectedIds = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean stopped;
    /** Stopped because the cloud could not be reached: what is open stays in the journal for a re-run. */
    private volatile boolean suspended;
    private volatile boolean coordinated;

    AsyncJobRun(AsyncRoundTrip trip, RunningJob job, Frame input, InferenceOptions options, int batchSize,
            int maxInFlight, @Nullable Journal journal) {
        this.trip = trip;
        this.job = job;
        this.endpointName = job.endpointName();
        this.input = input;
        this.payload = input.drop(Frame.ERROR_COLUMN);
        this.options = options;
        this.journal = journal;
        this.maxInFlight = maxInFlight;
        // SageMaker fails an invocation itself after InvocationTimeoutSeconds; this is the safety net when no
        // failure ever shows up, with room for the failure object to be written and found.
        long timeout = options.invocationTimeout().toNanos();
        this.deadlineNanos = timeout + Math.max(TimeUnit.SECONDS.toNanos(5), timeout / 10);
        this.places = new BatchPlaces(payload, batchSize);
        for (int first = 0; first < input.rowCount(); first += batchSize) {
            queue.add(new Slice(first, Math.min(batchSize, input.rowCount() - first), 0));
        }
    }

    String endpointName() {
        return endpointName;
    }

    RunningJob job() {
        return job;
    }

    /** Registered with the round trip's coordinator (which it leaves when the job ends). */
    void coordinated() {
        coordinated = true;
    }

    boolean isCoordinated() {
        return coordinated;
    }

    long deadlineNanos() {
        return deadlineNanos;
    }

    Duration outageWindow() {
        return options.outageWindow();
    }

    boolean stopped() {
        return stopped || trip.closed();
    }

    void start() {
        job.batchesPlanned(queue.size());
        job.onCancel(this::cancel);
        if (input.rowCount() == 0) {
            job.complete();
            trip.finished(this);
            return;
        }
        pump();
    }

    /** Starts queued batches while there is room in flight. */
    private void pump() {
        List<Slice> starting = new ArrayList<>();
        synchronized (this) {
            while (!stopped() && inFlight < maxInFlight && !queue.isEmpty()) {
                starting.add(queue.pollFirst());
                inFlight++;
            }
        }
        for (Slice s : starting) {
            trip.io(() -> begin(s));
        }
    }

    private void begin(Slice slice) {
        if (stopped()) {
            return;
        }
        try {
            Frame rows = payload.slice(slice.firstRow(), slice.firstRow() + slice.rowCount());
            String csv = rows.toCsv();
            Batch batch = new Batch(this, slice, rows, csv, InferenceIds.contentKey(endpointName, places.of(slice.firstRow(), slice.rowCount(), csv), csv));
            live.add(batch);
            job.rowsInFlight(slice.rowCount());
            long bytes = utf8Length(csv);
            if (bytes > trip.maxPayloadBytes()) {
                // Split like a failed batch; a single row over the limit carries the reason as its error.
                failed(batch, (slice.rowCount() == 1 ? "Row " + slice.firstRow() : "Rows " + slice.firstRow() + ".."
                        + (slice.firstRow() + slice.rowCount() - 1)) + " take " + bytes
                        + " bytes as CSV, over the async payload limit of " + trip.maxPayloadBytes() + " bytes");
                return;
            }
            if (!resume(batch)) {
                submit(batch);
            }
        } catch (RuntimeException e) {
            stop(new WorkbenchException("Async inference on " + endpointName + " failed preparing rows "
                    + slice.firstRow() + ".." + (slice.firstRow() + slice.rowCount() - 1) + ": " + e.getMessage(), e));
        }
    }

    /**
     * Uses what the journal knows about this content: rows collected by an earlier run, or an invocation still
     * out (followed while its holder lives, adopted from a holder that died). A failure is never reused: a
     * re-run invokes failed batches again. Otherwise picks the generation of the fresh invocation and returns
     * false.
     */
    private boolean resume(Batch batch) {
        int floor = batch.slice.minGeneration();
        if (journal == null) {
            fresh(batch, ThreadLocalRandom.current().nextInt(1 << 30));
            return false;
        }
        Optional<JournalEntry> found = journal.latest(batch.contentKey);
        if (found.isEmpty() || found.get().generation() < floor) {
            fresh(batch, Math.max(floor, found.map(e -> e.generation() + 1).orElse(0)));
            return false;
        }
        JournalEntry e = found.get();
        batch.inferenceId = e.inferenceId();
        batch.generation = e.generation();
        if (e.state() == JournalState.COLLECTED && e.result() != null) {
            batch.input = S3Location.parse(e.inputLocation());
            batch.submittedAt = e.submittedAt();
            Frame rows = parseOutput(batch, e.result());
            if (rows != null) {
                collectedIds.add(batch.inferenceId);
                LOG.debug("{}: rows collected by an earlier run", batch);
                // The earlier run may have crashed before its deletes went out; deleting again is harmless.
                if (e.outputLocation() != null) {
                    cleanUp(batch, S3Location.parse(e.outputLocation()));
                }
                finish(batch, rows, BatchPhase.DONE, null);
                return true;
            }
        } else if (e.state().open()) {
            String owner = e.owner();
            if (owner != null && trip.coordinator().alive(endpointName, owner)) {
                follow(batch, owner);
                return true;
            }
            if (adopt(batch, e)) {
                return true;
            }
            if (e.state() == JournalState.SUBMITTING) {
                // Recorded by a run that died, maybe never invoked: invoke under the same InferenceId.
                batch.takeover = true;
                batch.submittedAt = Instant.now();
                return false;
            }
        }
        // Failed, cancelled, or collected and handed out: invoke afresh.
        fresh(batch, e.generation() + 1);
        return false;
    }

    private void fresh(Batch batch, int generation) {
        batch.generation = generation;
        batch.inferenceId = InferenceIds.inferenceId(batch.contentKey, generation);
        batch.input = null;
        batch.submittedAt = Instant.now();
    }

    /** A batch invoked by a run that died: wait for its result as if this run had invoked it. */
    private boolean adopt(Batch batch, JournalEntry e) {
        if (e.state() != JournalState.SUBMITTED || e.outputLocation() == null) {
            return false;
        }
        batch.inferenceId = e.inferenceId();
        batch.generation = e.generation();
        batch.input = S3Location.parse(e.inputLocation());
        batch.submittedAt = e.submittedAt();
        batch.output = S3Location.parse(e.outputLocation());
        batch.failure = e.failureLocation() == null ? null : S3Location.parse(e.failureLocation());
        batch.uploaded = true;
        batch.led = true;
        batch.sequence = trip.nextSequence();
        if (journal != null) {
            journal.adopted(batch.inferenceId, trip.coordinator().selfId());
        }
        markInFlight(batch, BatchPhase.SUBMITTED);
        LOG.debug("{}: invoked by an earlier run; waiting for its result", batch);
        trip.watcher().watch(batch);
        return true;
    }

    /**
     * Another live participant holds this batch's lease: wait for its result instead of invoking. The batch
     * gives its place in flight to the next one (following does not load the endpoint).
     */
    private void follow(Batch batch, String owner) {
        markInFlight(batch, BatchPhase.SUBMITTED);
        LOG.debug("{}: leased by {}; following", batch, owner);
        trip.coordinator().follow(batch, owner);
        releaseSlot(batch);
    }

    /** The create-if-absent of the input was refused: someone holds the lease (or our own retried write does). */
    private Batch leasedElsewhere(Batch batch) {
        S3Location in = batch.input;
        Map<String, String> meta;
        try {
            trip.counts().count("s3.HeadObject");
            meta = trip.cloud().s3().headObject(b -> b.bucket(in.bucket()).key(in.key())).metadata();
        } catch (NoSuchKeyException gone) {
            // Let go between our write and our look: claim it again.
            submit(batch);
            return batch;
        }
        if (batch.claimToken.equals(meta.get(CLAIM_METADATA))) {
            claimed(batch, in);
            return invoke(batch);
        }
        String owner = meta.get(OWNER_METADATA);
        Participant holder = Participant.parse(owner);
        if (owner == null || holder == null || !holder.knownAlive().orElse(true)) {
            Optional<JournalEntry> e = journal == null ? Optional.empty() : journal.get(batch.inferenceId);
            if (e.isEmpty() || !adopt(batch, e.get())) {
                LOG.debug("{}: lease of a participant that stopped ({}); taking it over", batch, owner);
                batch.takeover = true;
                submit(batch);
            }
            return batch;
        }
        follow(batch, owner);
        return batch;
    }

    /** The lease is ours and the input is in place: journal it before invoking. */
    private void claimed(Batch batch, S3Location in) {
        batch.uploaded = true;
        batch.led = true;
        job.bytesUp(utf8Length(batch.csv));
        if (journal != null) {
            journal.submitting(new JournalEntry(batch.inferenceId, batch.contentKey, batch.generation,
                    endpointName, in.toString(), null, null, batch.firstRow(), batch.rowCount(),
                    batch.submittedAt, JournalState.SUBMITTING, null, null, trip.coordinator().selfId()));
        }
    }

    /** The lease holder published its rows (or wrote them into the journal on this machine). */
    void sharedResult(Batch batch, String csv) {
        guarded(batch, () -> {
            if (stopped()) {
                return;
            }
            Frame rows = parseOutput(batch, csv);
            if (rows == null) {
                leaseLost(batch, "the rows its holder shared do not match");
                return;
            }
            job.bytesDown(csv.length());
            LOG.debug("{}: rows shared by its lease holder", batch);
            finish(batch, rows, BatchPhase.DONE, null);
        });
    }

    /** The lease holder's invocation failed: split or report it like our own. */
    void sharedFailure(Batch batch, String message) {
        guarded(batch, () -> {
            if (!stopped()) {
                failed(batch, message);
            }
        });
    }

    /**
     * The lease holder stopped or let go without a result: invoke it ourselves, under the next generation
     * (under the same one when the holder died on this machine after invoking: its output is adopted).
     */
    void leaseLost(Batch batch, String why) {
        guarded(batch, () -> {
            if (stopped()) {
                return;
            }
            LOG.debug("{}: {}; invoking it here", batch, why);
            int floor = batch.generation + 1;
            Optional<JournalEntry> e = journal == null ? Optional.empty() : journal.get(batch.inferenceId);
            if (e.isPresent() && e.get().state() == JournalState.SUBMITTED && e.get().outputLocation() != null
                    && !trip.coordinator().alive(endpointName, e.get().owner())) {
                floor = batch.generation;
            }
            live.remove(batch);
            job.rowsInFlight(-batch.rowCount());
            synchronized (this) {
                queue.addFirst(batch.slice.atLeast(floor));
            }
            pump();
        });
    }

    @Nullable Journal journal() {
        return journal;
    }

    /** While other participants are seen, a result this run holds the lease of is published for them. */
    private void share(Batch batch, String text, boolean failure) {
        if (batch.led && trip.coordinator().peersLive(endpointName)) {
            trip.coordinator().publish(batch, text, failure);
        }
    }

    /** Upload, journal, invoke, then hand over to the watcher. */
    private void submit(Batch batch) {
        S3Location in = new S3Location(trip.bucket(),
                "endpoints/" + endpointName + "/async-input/" + batch.inferenceId + ".csv");
        batch.input = in;
        markInFlight(batch, BatchPhase.UPLOADING);
        byte[] body = batch.csv.getBytes(StandardCharsets.UTF_8);
        // The input object is the lease on (content, generation): created only if absent, unless taking over.
        boolean claim = journal != null && !batch.takeover;
        if (claim && trip.coordinator().sharedSeen(endpointName, batch.inferenceId)) {
            follow(batch, "");
            return;
        }
        Map<String, String> meta = Map.of(OWNER_METADATA, trip.coordinator().selfId(), CLAIM_METADATA, batch.claimToken);
        trip.retrier().call(() -> {
                    trip.counts().count("s3.PutObject");
                    try {
                        trip.cloud().s3().putObject(b -> {
                            b.bucket(in.bucket()).key(in.key()).contentType("text/csv").metadata(meta);
                            if (claim) {
                                b.ifNoneMatch("*");
                            }
                        }, RequestBody.fromBytes(body));
                    } catch (S3Exception e) {
                        if (claim && (e.statusCode() == 412 || e.statusCode() == 409)) {
                            return false;
                        }
                        throw e;
                    }
                    claimed(batch, in);
                    return true;
                }, outageWindow(), this::stopped, job::retried)
                .thenCompose(ours -> trip.retrier().call(() -> ours ? invoke(batch) : leasedElsewhere(batch),
                        outageWindow(), this::stopped, job::retried))
                .whenComplete((r, error) -> {
                    if (error == null) {
                        return;
                    }
                    Throwable cause = Retrier.unwrap(error);
                    if (cause instanceof ServiceUnreachableException e) {
                        suspend("submitting rows " + batch.firstRow() + ".." + (batch.firstRow() + batch.rowCount() - 1), e);
                    } else if (cause instanceof CancellationException || stopped()) {
                        abandon(batch);
                    } else {
                        stop(new WorkbenchException("Async inference on " + endpointName + " failed submitting rows "
                                + batch.firstRow() + ".." + (batch.firstRow() + batch.rowCount() - 1) + ": "
                                + cause.getMessage(), cause));
                    }
                });
    }

    private Batch invoke(Batch batch) {
        S3Location in = batch.input;
        int timeoutSeconds = (int) Math.max(1, Math.min(3600, options.invocationTimeout().toSeconds()));
        trip.counts().count("runtime.InvokeEndpointAsync");
        InvokeEndpointAsyncResponse r = trip.cloud().runtime().invokeEndpointAsync(b -> b
                .endpointName(endpointName)
                .inputLocation(String.valueOf(in))
                .inferenceId(batch.inferenceId)
                .contentType("text/csv")
                .accept("text/csv")
                .invocationTimeoutSeconds(timeoutSeconds));
        batch.output = S3Location.parse(r.outputLocation());
        batch.failure = r.failureLocation() == null ? null : S3Location.parse(r.failureLocation());
        batch.sequence = trip.nextSequence();
        batch.invokedAt = Instant.now();
        if (journal != null) {
            journal.submitted(batch.inferenceId, r.outputLocation(), r.failureLocation());
        }
        markInFlight(batch, BatchPhase.SUBMITTED);
        trip.watcher().watch(batch);
        if (stopped()) {
            abandon(batch);
        }
        return batch;
    }

    /** The watcher saw the output: read it, keep it in the journal, clean up, report the rows. */
    void collect(Batch batch) {
        S3Location out = batch.output;
        trip.retrier().call(() -> {
                    trip.counts().count("s3.GetObject");
                    return trip.cloud().s3().getObjectAsBytes(b -> b.bucket(out.bucket()).key(out.key())).asByteArray();
                }, outageWindow(), this::stopped, job::retried)
                .whenComplete((body, error) -> guarded(batch, () -> {
                    if (error != null && Retrier.unwrap(error) instanceof ServiceUnreachableException e) {
                        suspend("reading the output " + out, e);
                        return;
                    }
                    if (stopped()) {
                        discard(batch, out);
                        return;
                    }
                    if (error != null) {
                        failed(batch, "Could not read the output " + out + ": " + Retrier.unwrap(error).getMessage());
                        return;
                    }
                    job.bytesDown(body.length);
                    Answer answer = check.check(batch.rows, body, "The output " + out);
                    if (answer instanceof Answer.Refused refused) {
                        // Recorded as failed (a re-run invokes it again) and cleaned up like any failure.
                        if (journal != null) {
                            journal.failed(batch.inferenceId, refused.reason());
                        }
                        cleanUp(batch, out);
                        failed(batch, refused.reason());
                        return;
                    }
                    Frame rows = ((Answer.Accepted) answer).rows();
                    // The bytes are valid UTF-8: the check has read them.
                    String text = new String(body, StandardCharsets.UTF_8);
                    if (journal != null) {
                        journal.collected(batch.inferenceId, text);
                        collectedIds.add(batch.inferenceId);
                    }
                    share(batch, text, false);
                    cleanUp(batch, out);
                    finish(batch, rows, BatchPhase.DONE, null);
                    Instant landed = batch.landedAt;
                    if (landed != null) {
                        trip.latency().record(landed, Instant.now());
                    }
                }));
    }

    /** The watcher saw the failure object: read the message (the model's), then split or report the row. */
    void collectFailure(Batch batch) {
        S3Location fail = batch.failure;
        trip.retrier().call(() -> {
                    trip.counts().count("s3.GetObject");
                    return trip.cloud().s3().getObjectAsBytes(b -> b.bucket(fail.bucket()).key(fail.key())).asUtf8String();
                }, outageWindow(), this::stopped, job::retried)
                .whenComplete((text, error) -> guarded(batch, () -> {
                    if (error != null && Retrier.unwrap(error) instanceof ServiceUnreachableException e) {
                        suspend("reading the failure " + fail, e);
                        return;
                    }
                    if (stopped()) {
                        discard(batch, fail);
                        return;
                    }
                    String message = error != null
                            ? "The invocation failed (its failure message could not be read: " + Retrier.unwrap(error).getMessage() + ")"
                            : text.isBlank() ? "The invocation failed without a message" : text.strip();
                    if (journal != null) {
                        journal.failed(batch.inferenceId, message);
                    }
                    share(batch, message, true);
                    cleanUp(batch, fail);
                    failed(batch, message);
                }));
    }

    /** No result in time: bisect like a failure, and reap whatever the late invocation leaves behind. */
    void expired(Batch batch) {
        giveUp(batch, "No result within the invocation timeout (" + options.invocationTimeout().toSeconds()
                + " s) after the endpoint could start on it");
    }

    /** The result can no longer arrive (its bucket is gone): no use splitting, every row carries why. */
    void lost(Batch batch, String message) {
        guarded(batch, () -> {
            if (journal != null) {
                journal.failed(batch.inferenceId, message);
            }
            share(batch, message, true);
            failRows(batch, message);
        });
    }

    /** The watcher stopped waiting: bisect like a failure; whatever the invocation leaves late is reaped. */
    void giveUp(Batch batch, String message) {
        if (journal != null) {
            journal.failed(batch.inferenceId, message);
        }
        share(batch, message, true);
        reap(batch);
        failed(batch, message);
    }

    private void failed(Batch batch, String message) {
        if (batch.rowCount() > 1) {
            job.batchState(batch.state(BatchPhase.SPLIT, message));
            job.split();
            job.rowsInFlight(-batch.rowCount());
            live.remove(batch);
            synchronized (this) {
                queue.addFirst(batch.slice.secondHalf());
                queue.addFirst(batch.slice.firstHalf());
            }
            releaseSlot(batch);
            pump();
            return;
        }
        failRows(batch, message);
    }

    private void failRows(Batch batch, String message) {
        List<@Nullable String> errors = new ArrayList<>();
        for (int i = 0; i < batch.rowCount(); i++) {
            errors.add(message);
        }
        finish(batch, batch.rows.withColumn(Frame.ERROR_COLUMN, errors), BatchPhase.FAILED, message);
    }

    private void finish(Batch batch, Frame rows, BatchPhase phase, @Nullable String error) {
        live.remove(batch);
        if (phase == BatchPhase.FAILED) {
            rowsFailed.addAndGet(batch.rowCount());
        }
        job.batchState(batch.state(phase, error));
        job.batchDone(batch.firstRow(), rows);
        job.rowsInFlight(-batch.rowCount());
        releaseSlot(batch);
        if (rowsFinished.addAndGet(batch.rowCount()) == input.rowCount()) {
            job.complete();
            trip.finished(this);
            // A job with failed rows keeps its collected rows in the journal (until the purge), so re-running it
            // invokes only what failed; a job that fully succeeded lets go of them.
            if (journal != null && !collectedIds.isEmpty() && rowsFailed.get() == 0) {
                List<String> ids = List.copyOf(collectedIds);
                trip.io(() -> journal.released(ids));
            }
        }
    }

    /**
     * The batch's invocation is over (its output or failure is there, or it never went out): its place in
     * flight goes to the next batch at once, before the result is read, so the endpoint's queue stays fed.
     */
    private static long utf8Length(String text) {
        long n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    void releaseSlot(Batch batch) {
        if (batch.slotReleased.compareAndSet(false, true)) {
            synchronized (this) {
                inFlight--;
            }
            pump();
        }
    }

    /** Rows a journal kept for this content, checked again as they would be fresh from S3. */
    private @Nullable Frame parseOutput(Batch batch, String text) {
        Answer answer = check.check(batch.rows, text.getBytes(StandardCharsets.UTF_8), "The journaled output of " + batch);
        if (answer instanceof Answer.Accepted accepted) {
            return accepted.rows();
        }
        LOG.debug("{}: journaled output refused: {}", batch, ((Answer.Refused) answer).reason());
        return null;
    }

    private void cleanUp(Batch batch, S3Location result) {
        if (options.deleteObjects()) {
            S3Location in = batch.input;
            trip.deleter().delete(in == null ? List.of(result) : List.of(in, result));
        }
    }

    /**
     * Marks a batch uploading or submitted. A cancel running on another thread may already have marked its batches
     * cancelled; a batch that gets here after that is marked cancelled again, so no cancelled job shows a batch in
     * flight forever.
     */
    private void markInFlight(Batch batch, BatchPhase phase) {
        job.batchState(batch.state(phase, null));
        if (stopped()) {
            job.batchState(batch.state(BatchPhase.CANCELLED, null));
        }
    }

    /** Cancel: stop submitting, let go of this job's batches, delete the inputs it uploaded. */
    private void cancel() {
        stopped = true;
        synchronized (this) {
            queue.clear();
        }
        List<Batch> batches = List.copyOf(live);
        List<S3Location> inputs = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (Batch b : batches) {
            ids.add(b.inferenceId);
            S3Location in = b.input;
            if (b.uploaded && in != null) {
                inputs.add(in);
            }
            if (trip.watcher().forget(b)) {
                reap(b);
            }
            trip.coordinator().unfollow(b);
            job.batchState(b.state(BatchPhase.CANCELLED, null));
        }
        if (journal != null) {
            journal.cancelled(ids);
        }
        trip.deleter().delete(inputs);
        trip.deleter().flush();
        trip.finished(this);
    }

    /** A batch caught mid-way by a cancel: remove what it uploaded; watch for what it may still produce. */
    private void abandon(Batch batch) {
        if (trip.closed() || suspended) {
            return;
        }
        S3Location in = batch.input;
        if (batch.uploaded && in != null) {
            trip.deleter().delete(List.of(in));
        }
        if (batch.output != null && trip.watcher().forget(batch)) {
            reap(batch);
        }
    }

    /** Runs a step of a batch; a bug or an unexpected failure in it fails the job instead of stalling it. */
    private void guarded(Batch batch, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            LOG.error("{}: unexpected failure", batch, e);
            stop(new WorkbenchException("Async inference on " + endpointName + " failed on rows " + batch.firstRow()
                    + ".." + (batch.firstRow() + batch.rowCount() - 1) + ": " + e, e));
        }
    }

    /** A result found after a cancel: nobody wants it, so it and the input go. */
    private void discard(Batch batch, S3Location result) {
        if (trip.closed() || suspended) {
            return;
        }
        S3Location in = batch.input;
        trip.deleter().delete(in == null ? List.of(result) : List.of(in, result));
    }

    private void reap(Batch batch) {
        batch.reap = true;
        batch.reapUntilNanos = System.nanoTime() + Math.min(REAP_FOR.toNanos(), deadlineNanos);
        trip.watcher().watch(batch);
    }

    /** A failure that is not the model's (bucket, endpoint, credentials...): the job fails, nothing half-done is left. */
    private void stop(WorkbenchException error) {
        if (stopped) {
            return;
        }
        LOG.warn("{}", error.getMessage());
        cancelQuietly();
        job.fail(error);
    }

    private void cancelQuietly() {
        try {
            cancel();
        } catch (RuntimeException e) {
            LOG.warn("Cleaning up after a failed job", e);
        }
    }

    /** The watcher could not reach S3 for the outage window while waiting for this batch. */
    void unreachable(Batch batch, ServiceUnreachableException error) {
        suspend("waiting for the result of rows " + batch.firstRow() + ".." + (batch.firstRow() + batch.rowCount() - 1), error);
    }

    /**
     * The cloud could not be reached for the whole outage window: the job fails, and nothing is cleaned up or
     * cancelled (that would fail too). As after {@link #closed()}, batches already invoked stay open in the
     * journal and collected rows stay there too, so the re-run collects both, and deletes their objects,
     * instead of invoking them again.
     */
    private void suspend(String step, ServiceUnreachableException error) {
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
            suspended = true;
            queue.clear();
        }
        for (Batch b : List.copyOf(live)) {
            trip.watcher().forget(b);
            job.batchState(b.state(BatchPhase.CANCELLED, error.getMessage()));
        }
        trip.finished(this);
        int collected = rowsFinished.get();
        WorkbenchException failure = new ServiceUnreachableException("Async inference on " + endpointName
                + " stopped " + step + " with " + collected + " of " + input.rowCount() + " rows finished: "
                + error.getMessage() + ". Run the same inference again once the cloud is back: it collects the "
                + "finished and submitted batches from the journal instead of invoking them again",
                error.window(), error.getCause() == null ? error : error.getCause());
        LOG.debug("{}", failure.getMessage()); // the caller gets it as the job's error: once is enough
        job.fail(failure);
    }

    /** The round trip is closing: fail the job; the journal keeps its open batches for a re-run. */
    void closed() {
        stopped = true;
        job.fail(new WorkbenchException("The async round trip was closed while the inference on " + endpointName
                + " was running; run the same inference again to collect the batches already submitted"));
    }
}
