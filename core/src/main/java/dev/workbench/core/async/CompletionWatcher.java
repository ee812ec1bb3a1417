package dev.workbench.core.async;

import dev.workbench.api.EndpointState;
import dev.workbench.api.ServiceUnreachableException;
import dev.workbench.core.aws.RetryBudget;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The one completion watcher of an {@link AsyncRoundTrip}: a single scheduled task that finds finished
 * outputs and failures of every in-flight batch of every job with S3 listings, never a thread or a GET per
 * batch. Each round lists each distinct prefix once (paged) and matches the keys against the exact
 * OutputLocation and FailureLocation SageMaker returned. When a batch's output and failure directories share
 * a parent directory (Workbench's layout: {@code endpoints/<ep>/async-output/} and {@code .../async-failures/})
 * one listing of {@code endpoints/<ep>/async-} covers both.
 *
 * <p>The interval adapts to how fast results arrive ({@link PollInterval}): short while results pour in,
 * longer when they trickle, never more than {@link PollInterval#MAX_MILLIS}.
 */
final class CompletionWatcher {
    private static final Logger LOG = LoggerFactory.getLogger(CompletionWatcher.class);

    interface Handler {
        void output(Batch batch);

        void failure(Batch batch);

        /** No result within the batch's deadline (counted from when processing could start). */
        void expired(Batch batch);

        /** A reaped batch's leftovers showed up (or its reaping time ran out): delete what is there. */
        void reaped(Batch batch, @Nullable S3Location found);

        /** S3 could not be reached for the batch's whole outage window: it is no longer watched. */
        void unreachable(Batch batch, ServiceUnreachableException error);

        /** Its result can no longer arrive (its bucket is gone): the rows fail with {@code why}. */
        void lost(Batch batch, String why);

        /** Waiting far longer than the batches submitted after it, which finished: its output may be gone. */
        void stalled(Batch batch, boolean stalled);

        /** Its invocation is over and no result came ({@link #GIVE_UP_AFTER}): handled like a failed one. */
        void abandoned(Batch batch, String why);
    }

    /** Batches submitted after a batch that must have finished before it counts as waiting far longer. */
    static final int OVERTAKEN_BY = 4;
    /** Waiting this long (and three times the recent processing time) after being overtaken: stalled. */
    static final Duration STALLED_AFTER = Duration.ofSeconds(10);
    /**
     * Waiting this long (and ten times the recent processing time), with the endpoint's queue empty at some
     * moment since it was invoked ({@link BacklogProbe}): given up on.
     */
    static final Duration GIVE_UP_AFTER = Duration.ofSeconds(15);
    /** A bucket missing in this many listings in a row is gone. */
    private static final int MISSING_BUCKET_ROUNDS = 2;

    private final S3Client s3;
    private final ScheduledExecutorService thread;
    private final Handler handler;
    private final Function<String, @Nullable EndpointCapacity> capacities;
    private final RequestCounts counts;
    private final BacklogProbe backlog;
    private final ConcurrentHashMap<String, Batch> pending = new ConcurrentHashMap<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Map<String, Instant> lastListed = new ConcurrentHashMap<>();
    private final PollInterval interval = new PollInterval(); // the watcher thread's alone
    private boolean unreachable; // the watcher thread's alone
    private long unreachableSince; // the watcher thread's alone
    private final Map<String, Integer> missingBuckets = new HashMap<>(); // the watcher thread's alone
    private final Map<String, ProcessingTimes> processingTimes = new ConcurrentHashMap<>();
    private volatile long rounds;

    CompletionWatcher(S3Client s3, ScheduledExecutorService thread, Handler handler,
            Function<String, @Nullable EndpointCapacity> capacities, RequestCounts counts, BacklogProbe backlog) {
        this.s3 = s3;
        this.backlog = backlog;
        this.thread = thread;
        this.handler = handler;
        this.capacities = capacities;
        this.counts = counts;
    }

    void watch(Batch batch) {
        if (batch.watchedSince == null) {
            batch.watchedSince = Instant.now();
        }
        pending.put(batch.inferenceId, batch);
        wake(PollInterval.MIN_MILLIS);
    }

    boolean watching(String inferenceId) {
        return pending.containsKey(inferenceId);
    }

    /** Stops watching a batch; false when the watcher had already let go of it (found, expired). */
    boolean forget(Batch batch) {
        return take(batch);
    }

    int size() {
        return pending.size();
    }

    long rounds() {
        return rounds;
    }

    private void wake(long delayMillis) {
        if (scheduled.compareAndSet(false, true)) {
            try {
                thread.schedule(this::round, delayMillis, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closed) {
                scheduled.set(false);
            }
        }
    }

    private void round() {
        try {
            rounds++;
            int found = scan();
            unreachable = false;
            interval.next(found, System.nanoTime());
            if (LOG.isDebugEnabled()) {
                LOG.debug("round {}: {} pending, {} found, next in {} ms", rounds, pending.size(), found, interval.current());
            }
        } catch (RuntimeException e) {
            failedRound(e);
            interval.backOff();
        } finally {
            scheduled.set(false);
        }
        if (pending.isEmpty()) {
            interval.reset();
        } else {
            wake(interval.current());
        }
    }

    /**
     * A round whose listing failed is tried again after a back-off. While S3 cannot be reached at all, each
     * batch is watched on for its job's outage window, then handed back so the job stops instead of waiting.
     */
    private void failedRound(RuntimeException e) {
        if (!RetryBudget.isConnectionFailure(e)) {
            unreachable = false; // S3 answered, even if with an error: an outage starts again from its next failure
            LOG.warn("Completion watcher round failed; trying again", e);
            return;
        }
        long now = System.nanoTime();
        if (!unreachable) {
            unreachable = true;
            unreachableSince = now;
            LOG.warn("Cannot reach S3 to look for async results ({}); trying again", e.getMessage());
        }
        for (Batch b : pending.values()) {
            Duration window = b.run.outageWindow();
            if (!b.reap && now - unreachableSince >= window.toNanos() && take(b)) {
                handler.unreachable(b, new ServiceUnreachableException(window, e));
            }
        }
    }

    /** One round: list, match, then check deadlines; returns how many batches finished. */
    private int scan() {
        List<Batch> batches = new ArrayList<>(pending.values());
        if (batches.isEmpty()) {
            return 0;
        }
        Map<String, Batch> outputs = new HashMap<>();
        Map<String, Batch> failures = new HashMap<>();
        Map<String, Set<String>> prefixesByBucket = new HashMap<>();
        for (Batch b : batches) {
            S3Location out = b.output;
            S3Location fail = b.failure;
            if (out != null) {
                outputs.put(out.toString(), b);
            }
            if (fail != null) {
                failures.put(fail.toString(), b);
            }
            addPrefixes(prefixesByBucket, out, fail);
        }
        int found = 0;
        for (Map.Entry<String, Set<String>> bucket : prefixesByBucket.entrySet()) {
            try {
                for (String prefix : minimal(bucket.getValue())) {
                    found += list(bucket.getKey(), prefix, outputs, failures);
                }
                missingBuckets.remove(bucket.getKey());
            } catch (S3Exception e) {
                if (!(e instanceof NoSuchBucketException) && !"NoSuchBucket".equals(errorCode(e))) {
                    throw e;
                }
                if (missingBuckets.merge(bucket.getKey(), 1, Integer::sum) >= MISSING_BUCKET_ROUNDS) {
                    missingBuckets.remove(bucket.getKey());
                    bucketGone(bucket.getKey(), batches);
                }
            }
        }
        checkDeadlines(batches);
        return found;
    }

    /** Nothing can arrive in a bucket that no longer exists: its batches fail now, not at their deadline. */
    private void bucketGone(String bucket, List<Batch> batches) {
        LOG.warn("The bucket {} no longer exists; failing the batches whose results were to arrive there", bucket);
        for (Batch b : batches) {
            S3Location out = b.output;
            S3Location fail = b.failure;
            boolean there = (out != null && out.bucket().equals(bucket)) || (fail != null && fail.bucket().equals(bucket));
            if (there && take(b)) {
                if (!b.reap) {
                    handler.lost(b, "The bucket " + bucket + " that was to receive the result of rows " + b.firstRow()
                            + ".." + (b.firstRow() + b.rowCount() - 1) + " no longer exists (NoSuchBucket): the result"
                            + " of invocation " + b.inferenceId + " cannot arrive");
                }
            }
        }
    }

    private static @Nullable String errorCode(S3Exception e) {
        return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    }

    /**
     * Stops watching a batch (true for the one caller that removed it); a stalled flag goes with it, whichever
     * way the batch leaves (result, expiry, give-up, cancel, outage), so the job's stalled count ends at 0.
     */
    private boolean take(Batch b) {
        if (!pending.remove(b.inferenceId, b)) {
            return false;
        }
        unstall(b);
        return true;
    }

    private void unstall(Batch b) {
        synchronized (b) {
            if (!b.stalled) {
                return;
            }
            b.stalled = false;
        }
        handler.stalled(b, false);
    }

    /** Flags a batch still watched as stalled; one that left meanwhile stays unflagged. */
    private void stall(Batch b) {
        synchronized (b) {
            if (b.stalled || !pending.containsKey(b.inferenceId)) {
                return;
            }
            b.stalled = true;
        }
        handler.stalled(b, true);
        if (!pending.containsKey(b.inferenceId)) {
            unstall(b); // taken while being flagged
        }
    }

    /** A batch finished: the ones submitted before it to the same endpoint and still waiting were overtaken. */
    private void finished(Batch done) {
        long start = done.processingStartNanos;
        if (start != 0) {
            processingTimes.computeIfAbsent(done.endpointName(), k -> new ProcessingTimes()).add(System.nanoTime() - start);
        }
        for (Batch b : pending.values()) {
            if (!b.reap && b.sequence < done.sequence && b.endpointName().equals(done.endpointName())) {
                b.overtaken++;
            }
        }
    }

    private int list(String bucket, String prefix, Map<String, Batch> outputs, Map<String, Batch> failures) {
        int found = 0;
        String token = null;
        // An output found now landed after the previous listing of its prefix began (S3's LastModified has
        // whole seconds only): the bound that makes the completion-latency figures honest.
        Instant listedBefore = lastListed.put(bucket + "/" + prefix, Instant.now());
        do {
            String page = token;
            counts.count("s3.ListObjectsV2");
            ListObjectsV2Response r = s3.listObjectsV2(b -> b.bucket(bucket).prefix(prefix).continuationToken(page));
            for (S3Object o : r.contents()) {
                String location = "s3://" + bucket + "/" + o.key();
                Batch out = outputs.get(location);
                if (out != null && take(out)) {
                    found++;
                    finished(out);
                    out.landedAt = latest(o.lastModified(), listedBefore, out.invokedAt);
                    if (out.reap) {
                        handler.reaped(out, S3Location.parse(location));
                    } else {
                        handler.output(out);
                    }
                    continue;
                }
                Batch fail = failures.get(location);
                if (fail != null && take(fail)) {
                    found++;
                    finished(fail);
                    if (fail.reap) {
                        handler.reaped(fail, S3Location.parse(location));
                    } else {
                        handler.failure(fail);
                    }
                }
            }
            token = Boolean.TRUE.equals(r.isTruncated()) ? r.nextContinuationToken() : null;
        } while (token != null);
        return found;
    }

    /**
     * Deadlines run from when the endpoint could start on a batch: while it is running, the oldest
     * {@code workers} batches still pending on it are taken to be processing (the endpoint's queue is FIFO).
     */
    private void checkDeadlines(List<Batch> batches) {
        long now = System.nanoTime();
        Map<String, List<Batch>> byEndpoint = new HashMap<>();
        for (Batch b : batches) {
            if (b.reap) {
                if (now - b.reapUntilNanos > 0 && take(b)) {
                    handler.reaped(b, null);
                }
                continue;
            }
            byEndpoint.computeIfAbsent(b.endpointName(), k -> new ArrayList<>()).add(b);
        }
        for (Map.Entry<String, List<Batch>> e : byEndpoint.entrySet()) {
            EndpointCapacity capacity = capacities.apply(e.getKey());
            if (capacity == null || capacity.state() != EndpointState.RUNNING) {
                continue;
            }
            List<Batch> queue = e.getValue();
            queue.sort(Comparator.comparingLong(b -> b.sequence));
            int workers = capacity.workers();
            for (int i = 0; i < queue.size() && i < workers; i++) {
                Batch b = queue.get(i);
                if (b.processingStartNanos == 0) {
                    b.processingStartNanos = now;
                }
            }
            ProcessingTimes times = processingTimes.get(e.getKey());
            long typical = times == null ? 0 : times.median();
            for (Batch b : queue) {
                long start = b.processingStartNanos;
                if (start != 0 && now - start > b.run.deadlineNanos() && take(b)) {
                    handler.expired(b);
                    continue;
                }
                Instant watched = b.watchedSince;
                long watchedFor = watched == null ? 0 : Duration.between(watched, Instant.now()).toNanos();
                // A slow invocation is not a lost one: give up only once the endpoint's queue emptied after it
                // was accepted (every invocation accepted before then has finished).
                if (watched != null && watchedFor > Math.max(GIVE_UP_AFTER.toNanos(), 10 * typical)
                        && backlog.drainedSince(b.endpointName(), watched) && take(b)) {
                    handler.abandoned(b, "No result " + watchedFor / 1_000_000_000L + " s after it was invoked,"
                            + " although the endpoint's queue has emptied since (" + b.overtaken + " batches submitted"
                            + " after it finished): its output or failure object was never written or was deleted");
                    continue;
                }
                if (start == 0) {
                    continue;
                }
                long waited = now - start;
                if (!b.stalled && b.overtaken >= OVERTAKEN_BY && waited > Math.max(STALLED_AFTER.toNanos(), 3 * typical)) {
                    LOG.warn("{}: no result after {} s while {} batches submitted after it finished", b,
                            waited / 1_000_000_000L, b.overtaken);
                    stall(b);
                }
            }
        }
    }

    private static void addPrefixes(Map<String, Set<String>> byBucket, @Nullable S3Location out, @Nullable S3Location fail) {
        if (out != null && fail != null && out.bucket().equals(fail.bucket())) {
            String common = commonPrefix(out.directory(), fail.directory());
            // Only merge inside a directory (never list a whole bucket for two unrelated paths).
            if (common.indexOf('/') > 0) {
                byBucket.computeIfAbsent(out.bucket(), k -> new LinkedHashSet<>()).add(common);
                return;
            }
        }
        if (out != null) {
            byBucket.computeIfAbsent(out.bucket(), k -> new LinkedHashSet<>()).add(out.directory());
        }
        if (fail != null) {
            byBucket.computeIfAbsent(fail.bucket(), k -> new LinkedHashSet<>()).add(fail.directory());
        }
    }

    private static @Nullable Instant latest(@Nullable Instant a, @Nullable Instant b, @Nullable Instant c) {
        Instant m = a;
        for (Instant x : new Instant[] {b, c}) {
            if (x != null && (m == null || x.isAfter(m))) {
                m = x;
            }
        }
        return m;
    }

    /** The last processing times of an endpoint's batches (listing to listing), for what "far longer" means. */
    private static final class ProcessingTimes {
        private final long[] nanos = new long[32];
        private int count;

        synchronized void add(long n) {
            nanos[count++ % nanos.length] = n;
        }

        synchronized long median() {
            int n = Math.min(count, nanos.length);
            if (n == 0) {
                return 0;
            }
            long[] sorted = java.util.Arrays.copyOf(nanos, n);
            java.util.Arrays.sort(sorted);
            return sorted[n / 2];
        }
    }

    /** Drops prefixes covered by a shorter one in the set. */
    static List<String> minimal(Collection<String> prefixes) {
        List<String> sorted = new ArrayList<>(prefixes);
        sorted.sort(Comparator.naturalOrder());
        List<String> out = new ArrayList<>();
        for (String p : sorted) {
            if (out.isEmpty() || !p.startsWith(out.get(out.size() - 1))) {
                out.add(p);
            }
        }
        return out;
    }

    static String commonPrefix(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return a.substring(0, i);
    }
}
