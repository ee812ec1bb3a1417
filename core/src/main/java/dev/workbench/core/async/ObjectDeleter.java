package dev.workbench.core.async;

import dev.workbench.api.ServiceUnreachableException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

/**
 * Deletes collected inputs and outputs in bulk: keys gather for up to {@link #FLUSH_MILLIS} (or 1,000 keys,
 * DeleteObjects' limit) and go in one DeleteObjects request per bucket, so cleaning up costs a fraction of a
 * request per batch instead of two.
 */
final class ObjectDeleter {
    private static final Logger LOG = LoggerFactory.getLogger(ObjectDeleter.class);
    static final long FLUSH_MILLIS = 1_000;
    private static final int MAX_KEYS = 1_000;

    private final S3Client s3;
    private final Retrier retrier;
    private final ScheduledExecutorService timer;
    private final RequestCounts counts;
    private final ConcurrentLinkedQueue<S3Location> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile boolean bulkServed = true;

    ObjectDeleter(S3Client s3, Retrier retrier, ScheduledExecutorService timer, RequestCounts counts) {
        this.s3 = s3;
        this.retrier = retrier;
        this.timer = timer;
        this.counts = counts;
    }

    void delete(List<S3Location> locations) {
        if (locations.isEmpty()) {
            return;
        }
        queue.addAll(locations);
        if (queued.addAndGet(locations.size()) >= MAX_KEYS) {
            flush();
        } else if (scheduled.compareAndSet(false, true)) {
            try {
                timer.schedule(() -> {
                    scheduled.set(false);
                    flush();
                }, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closed) {
                scheduled.set(false);
            }
        }
    }

    /** Sends what is queued now; the future completes when S3 has answered. */
    CompletableFuture<Void> flush() {
        Map<String, List<String>> byBucket = new HashMap<>();
        S3Location l;
        while ((l = queue.poll()) != null) {
            queued.decrementAndGet();
            byBucket.computeIfAbsent(l.bucket(), k -> new ArrayList<>()).add(l.key());
        }
        List<CompletableFuture<?>> sent = new ArrayList<>();
        byBucket.forEach((bucket, keys) -> {
            for (int i = 0; i < keys.size(); i += MAX_KEYS) {
                List<String> chunk = List.copyOf(keys.subList(i, Math.min(keys.size(), i + MAX_KEYS)));
                sent.add(retrier.call(() -> deleteNow(bucket, chunk), () -> false, () -> {})
                        .whenComplete((r, e) -> {
                            if (e == null) {
                                return;
                            }
                            Throwable cause = Retrier.unwrap(e);
                            if (cause instanceof ServiceUnreachableException) {
                                // S3 is down for longer than the outage window: the keys wait for it to come back.
                                LOG.warn("Could not reach S3 to delete {} objects in {}; trying again later", chunk.size(), bucket);
                                delete(chunk.stream().map(k -> new S3Location(bucket, k)).toList());
                            } else {
                                LOG.warn("Could not delete {} objects in {}: {}", chunk.size(), bucket, cause.toString());
                            }
                        }));
            }
        });
        return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new));
    }

    /** Blocking delete of keys in one bucket (DeleteObjects; one DeleteObject each where that is not served). */
    Void deleteNow(String bucket, List<String> keys) {
        List<ObjectIdentifier> ids = keys.stream().map(k -> ObjectIdentifier.builder().key(k).build()).toList();
        if (!bulkServed) {
            deleteOneByOne(bucket, keys);
            return null;
        }
        try {
            counts.count("s3.DeleteObjects");
            DeleteObjectsResponse r = s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(ids).quiet(true)));
            if (r.hasErrors() && !r.errors().isEmpty()) {
                LOG.warn("DeleteObjects in {} left {} objects: {}", bucket, r.errors().size(), r.errors().get(0).message());
            }
        } catch (AwsServiceException e) {
            int status = e.statusCode();
            if (status == 403 || status == 429 || status >= 500) {
                throw e;
            }
            // A service without multi-object delete (400/405/501): delete one by one from now on.
            LOG.info("DeleteObjects not served ({}); deleting objects one by one", e.getMessage());
            bulkServed = false;
            deleteOneByOne(bucket, keys);
        }
        return null;
    }

    private void deleteOneByOne(String bucket, List<String> keys) {
        for (String key : keys) {
            counts.count("s3.DeleteObject");
            s3.deleteObject(b -> b.bucket(bucket).key(key));
        }
    }
}
