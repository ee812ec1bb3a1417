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
    }

    private final S3Client s3;
    private final ScheduledExecutorService thread;
    private final Handler handler;
    private final Function<String, @Nullable EndpointCapacity> capacities;
    private final RequestCounts counts;
    private final ConcurrentHashMap<String, Batch> pending = new ConcurrentHashMap<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Map<String, Instant> lastListed = new ConcurrentHashMap<>();
    private final PollInterval interval = new PollInterval(); // the watcher thread's alone
    private boolean unreachable; // the watcher thread's alone
    private long unreachableSince; // the watcher thread's alone
    private volatile long rounds;

    CompletionWatcher(S3Client s3, ScheduledExecutorService thread, Handler handler,
            Function<String, @Nullable EndpointCapacity> capacities, RequestCounts counts) {
        this.s3 = s3;
        this.thread = thread;
        this.handler = handler;
        this.capacities = capacities;
        this.counts = counts;
    }

    void watch(Batch batch) {
        pending.put(batch.inferenceId, batch);
        wake(PollInterval.MIN_MILLIS);
    }

    boolean watching(String inferenceId) {
        return pending.containsKey(inferenceId);
    }

    /** Stops watching a batch; false when the watcher had already let go of it (found, expired). */
    boolean forget(Batch batch) {
        return pending.remove(batch.inferenceId, batch);
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
            if (!b.reap && now - unreachableSince >= window.toNanos() && pending.remove(b.inferenceId, b)) {
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
            for (String prefix : minimal(bucket.getValue())) {
                found += list(bucket.getKey(), prefix, outputs, failures);
            }
        }
        checkDeadlines(batches);
        return found;
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
                if (out != null && pending.remove(out.inferenceId, out)) {
                    found++;
                    out.landedAt = latest(o.lastModified(), listedBefore, out.invokedAt);
                    if (out.reap) {
                        handler.reaped(out, S3Location.parse(location));
                    } else {
                        handler.output(out);
                    }
                    continue;
                }
                Batch fail = failures.get(location);
                if (fail != null && pending.remove(fail.inferenceId, fail)) {
                    found++;
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
                if (now - b.reapUntilNanos > 0 && pending.remove(b.inferenceId, b)) {
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
            for (Batch b : queue) {
                long start = b.processingStartNanos;
                if (start != 0 && now - start > b.run.deadlineNanos() && pending.remove(b.inferenceId, b)) {
                    handler.expired(b);
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
