package dev.workbench.core.async;

import dev.workbench.api.Cloud;
import dev.workbench.api.EndpointMeta;
import dev.workbench.api.EndpointNotFoundException;
import dev.workbench.api.EndpointState;
import dev.workbench.api.Frame;
import dev.workbench.api.InferenceJob;
import dev.workbench.api.InferenceOptions;
import dev.workbench.api.InferenceProgress;
import dev.workbench.api.JournalBatch;
import dev.workbench.api.ServiceUnreachableException;
import dev.workbench.api.WorkbenchException;
import dev.workbench.core.job.RunningJob;
import dev.workbench.core.journal.Journal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;

/**
 * The async round trip of one {@link Cloud}: every async inference of the process goes through it, so one
 * completion watcher, one small I/O pool and one timer serve all batches of all jobs (threads do not grow
 * with batches). Batches are recorded in the journal ({@code <dataDir>/journal.db}) before they are invoked.
 *
 * <p>{@link #close()} stops everything without cleaning up S3: running jobs fail, and their open batches stay
 * in the journal, so running the same inference again collects them instead of invoking again.
 */
public final class AsyncRoundTrip implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AsyncRoundTrip.class);
    /** How often DescribeEndpoint is asked while an endpoint has no instance. */
    static final Duration CAPACITY_POLL = Duration.ofMillis(500);
    /** SageMaker's limit on one async invocation's payload (1 GB). */
    public static final long MAX_PAYLOAD_BYTES = 1_000_000_000L;
    /** Overrides {@link #MAX_PAYLOAD_BYTES}: lets tests exercise the limit without gigabytes of data. */
    public static final String MAX_PAYLOAD_PROPERTY = "workbench.async.maxPayloadBytes";

    private final Cloud cloud;
    private final ThreadPoolExecutor io = AsyncThreads.io("workbench-async-io");
    private final ScheduledThreadPoolExecutor watcherThread = AsyncThreads.single("workbench-async-watcher");
    private final ScheduledThreadPoolExecutor timer = AsyncThreads.single("workbench-async-timer");
    private final RequestCounts counts = new RequestCounts();
    private final CompletionLatency latency = new CompletionLatency();
    private final Retrier retrier;
    private final CompletionWatcher watcher;
    private final ObjectDeleter deleter;
    private final Coordinator coordinator;
    private final ConcurrentHashMap<String, EndpointCapacity> capacities = new ConcurrentHashMap<>();
    private final Set<AsyncJobRun> runs = ConcurrentHashMap.newKeySet();
    private final AtomicLong sequence = new AtomicLong();
    private final Object journalLock = new Object();
    private volatile @Nullable Journal journal;
    private volatile @Nullable String bucket;
    private volatile boolean closing;
    private volatile boolean terminated;
    private final long maxPayloadBytes = Long.getLong(MAX_PAYLOAD_PROPERTY, MAX_PAYLOAD_BYTES);

    public AsyncRoundTrip(Cloud cloud) {
        this.cloud = cloud;
        this.retrier = new Retrier(io, timer, () -> terminated);
        this.watcher = new CompletionWatcher(cloud.s3(), watcherThread, new Dispatch(), capacities::get, counts,
                new BacklogProbe(cloud::cloudWatch, counts));
        this.deleter = new ObjectDeleter(cloud.s3(), retrier, timer, counts);
        this.coordinator = new Coordinator(cloud.s3(), timer, counts, this::io, this::bucket, deleter);
    }

    /**
     * Starts an async inference. Batch size: options, else the meta's {@code inference_batch_size}, else 10;
     * invocations in flight: options, else {@code inference_max_in_flight}, else 64.
     */
    long maxPayloadBytes() {
        return maxPayloadBytes;
    }

    public InferenceJob submit(String endpointName, Frame input, InferenceOptions options, EndpointMeta meta) {
        if (closing) {
            throw new WorkbenchException("The async round trip is closed");
        }
        // Asked up front (one DescribeEndpoint per job): a missing endpoint fails here, and the job's first
        // progress already says whether the endpoint is scaled to zero.
        DescribeEndpointResponse described;
        try {
            bucket();
            described = describe(endpointName);
        } catch (AwsServiceException e) {
            if (notFound(e)) {
                throw new EndpointNotFoundException(endpointName, e);
            }
            throw new WorkbenchException("Async inference on " + endpointName + " could not start: " + e.getMessage(), e);
        }
        EndpointCapacity capacity = capacities.computeIfAbsent(endpointName, EndpointCapacity::new);
        EndpointState state = capacity.observe(described);
        RunningJob job = new RunningJob(endpointName, true, input, null);
        capacity.join(job);
        Consumer<InferenceProgress> listener = options.onProgress();
        if (listener != null) {
            job.onProgress(listener);
        }
        int batchSize = options.batchSize() != null ? options.batchSize()
                : Math.max(1, meta.intValue(EndpointMeta.INFERENCE_BATCH_SIZE, EndpointMeta.DEFAULT_ASYNC_BATCH_SIZE));
        int maxInFlight = options.maxInFlight() != null ? options.maxInFlight() : Math.max(1, meta.maxInFlight());
        Journal j = options.useJournal() ? journal() : null;
        AsyncJobRun run = new AsyncJobRun(this, job, input, options, batchSize, maxInFlight, j);
        runs.add(run);
        if (j != null) {
            // Content-keyed batches may be shared with other processes: register before the first claim.
            coordinator.joined(endpointName);
            run.coordinated();
        }
        if (state != EndpointState.RUNNING) {
            pollCapacity(capacity);
        }
        io(run::start);
        return job;
    }

    /** Jobs running now. */
    public List<InferenceJob> jobs() {
        return runs.stream().map(r -> (InferenceJob) r.job()).toList();
    }

    /** Batches in the journal whose results nobody has collected yet (any process). */
    public List<JournalBatch> journalBatches() {
        return journal().uncollected();
    }

    /** Requests this round trip has sent, by {@code <service>.<Operation>}. */
    public Map<String, Long> requestCounts() {
        return counts.snapshot();
    }

    /** Time from an output landing in S3 (its LastModified) to its rows reaching the job. */
    public LatencyFigures completionLatency() {
        return latency.figures();
    }

    /** Batches the completion watcher is waiting for. */
    public int watching() {
        return watcher.size();
    }

    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        for (AsyncJobRun run : List.copyOf(runs)) {
            run.closed();
        }
        runs.clear();
        watcherThread.shutdownNow();
        coordinator.close();
        try {
            deleter.flush().get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.debug("Deleting collected objects while closing: {}", e.toString());
        }
        io.shutdown();
        try {
            // Calls already under way finish and are journaled; nothing new starts.
            io.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        terminated = true;
        io.shutdownNow();
        timer.shutdownNow();
        Journal j = journal;
        if (j != null) {
            j.close();
        }
    }

    // ---- for the package ----

    Cloud cloud() {
        return cloud;
    }

    Retrier retrier() {
        return retrier;
    }

    CompletionWatcher watcher() {
        return watcher;
    }

    ObjectDeleter deleter() {
        return deleter;
    }

    Coordinator coordinator() {
        return coordinator;
    }

    CompletionLatency latency() {
        return latency;
    }

    RequestCounts counts() {
        return counts;
    }

    boolean closed() {
        return closing;
    }

    long nextSequence() {
        return sequence.incrementAndGet();
    }

    String bucket() {
        String b = bucket;
        if (b == null) {
            b = cloud.bucket();
            bucket = b;
        }
        return b;
    }

    void io(Runnable task) {
        try {
            io.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("Round trip closed; dropping a task");
        }
    }

    void finished(AsyncJobRun run) {
        if (runs.remove(run) && run.isCoordinated()) {
            coordinator.left(run.endpointName());
        }
        EndpointCapacity c = capacities.get(run.endpointName());
        if (c != null) {
            c.leave(run.job());
        }
    }

    private Journal journal() {
        Journal j = journal;
        if (j == null) {
            synchronized (journalLock) {
                j = journal;
                if (j == null) {
                    j = Journal.open(cloud.dataDir().resolve("journal.db"));
                    try {
                        j.purge(Duration.ofDays(7));
                    } catch (RuntimeException e) {
                        LOG.debug("Journal purge: {}", e.toString());
                    }
                    journal = j;
                }
            }
        }
        return j;
    }

    private DescribeEndpointResponse describe(String endpointName) {
        counts.count("sagemaker.DescribeEndpoint");
        return cloud.sageMaker().describeEndpoint(b -> b.endpointName(endpointName));
    }

    /** While an endpoint has no instance, ask about it every {@link #CAPACITY_POLL} until one serves. */
    private void pollCapacity(EndpointCapacity capacity) {
        if (!capacity.startPolling()) {
            return;
        }
        schedulePoll(capacity);
    }

    private void schedulePoll(EndpointCapacity capacity) {
        try {
            timer.schedule(() -> retrier.call(() -> describe(capacity.endpointName()), () -> closing, () -> {})
                    .whenComplete((d, error) -> {
                        EndpointState state = d == null ? capacity.state() : capacity.observe(d);
                        if (state == EndpointState.RUNNING || !capacity.hasJobs() || closing) {
                            capacity.stopPolling();
                        } else {
                            schedulePoll(capacity);
                        }
                    }), CAPACITY_POLL.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            capacity.stopPolling();
        }
    }

    /** An output showed up, so the endpoint has an instance again, whatever the last DescribeEndpoint said. */
    private void resultsArriving(Batch batch) {
        EndpointCapacity c = capacities.get(batch.endpointName());
        if (c != null && c.state() != EndpointState.RUNNING) {
            c.running();
        }
    }

    private static boolean notFound(Throwable t) {
        return t instanceof AwsServiceException e && e.statusCode() == 400
                && String.valueOf(e.getMessage()).contains("Could not find endpoint");
    }

    /** The watcher's findings, handed to the batch's job on the I/O pool (the watcher never blocks on them). */
    private final class Dispatch implements CompletionWatcher.Handler {
        @Override
        public void output(Batch batch) {
            resultsArriving(batch);
            // Reading the result is queued before the batches its freed place lets in, so rows reach the
            // caller without waiting behind uploads.
            io(() -> batch.run.collect(batch));
            batch.run.releaseSlot(batch);
        }

        @Override
        public void failure(Batch batch) {
            io(() -> batch.run.collectFailure(batch));
            batch.run.releaseSlot(batch);
        }

        @Override
        public void expired(Batch batch) {
            io(() -> batch.run.expired(batch));
        }

        @Override
        public void unreachable(Batch batch, ServiceUnreachableException error) {
            io(() -> batch.run.unreachable(batch, error));
        }

        @Override
        public void lost(Batch batch, String why) {
            io(() -> batch.run.lost(batch, why));
            batch.run.releaseSlot(batch);
        }

        @Override
        public void stalled(Batch batch, boolean stalled) {
            batch.run.job().batchStalled(stalled);
        }

        @Override
        public void abandoned(Batch batch, String why) {
            io(() -> batch.run.giveUp(batch, why));
        }

        @Override
        public void reaped(Batch batch, @Nullable S3Location found) {
            S3Location in = batch.input;
            List<S3Location> leftovers = new java.util.ArrayList<>();
            if (in != null) {
                leftovers.add(in);
            }
            if (found != null) {
                leftovers.add(found);
            }
            deleter.delete(leftovers);
        }
    }
}
