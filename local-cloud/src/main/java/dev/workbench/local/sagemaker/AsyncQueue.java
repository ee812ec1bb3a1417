package dev.workbench.local.sagemaker;

import dev.workbench.local.model.ModelFailure;
import dev.workbench.local.model.ModelInput;
import dev.workbench.local.model.ModelOutput;
import dev.workbench.local.spi.CloudContext;
import dev.workbench.local.spi.S3Uri;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FIFO queue of one async endpoint. A request is taken only when an instance has a free slot
 * (MaxConcurrentInvocationsPerInstance per instance), so the worker threads never outnumber the slots;
 * with no instances the requests simply wait. The input is read from S3 when the work starts.
 */
final class AsyncQueue {

    private static final Logger LOG = LoggerFactory.getLogger(AsyncQueue.class);

    private final LiveEndpoint endpoint;
    private final AsyncConfig config;
    private final CloudContext context;
    private final Invoker invoker;
    private final ExecutorService workers;
    private final ArrayDeque<AsyncRequest> queue = new ArrayDeque<>();
    private int active;
    private boolean closed;

    AsyncQueue(LiveEndpoint endpoint, AsyncConfig config, CloudContext context, Invoker invoker) {
        this.endpoint = endpoint;
        this.config = config;
        this.context = context;
        this.invoker = invoker;
        var count = new AtomicInteger();
        // No core threads and no queue: threads exist only for requests running now, at most one per slot.
        this.workers = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "sagemaker-async-" + endpoint.name + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Accepts a new request: stored durably first, then queued. */
    void submit(AsyncRequest request) {
        context.state().put(Store.ASYNC, request.ticket(), request.toJson());
        enqueue(request);
    }

    /** Queues a request that is already stored (moved from another queue, or found again after a restart). */
    void enqueue(AsyncRequest request) {
        synchronized (this) {
            queue.addLast(request);
        }
        pump();
    }

    /** Starts as many queued requests as there are free slots. */
    void pump() {
        List<Runnable> started = new ArrayList<>();
        synchronized (this) {
            while (!closed && !queue.isEmpty()) {
                LiveEndpoint.Slot slot = endpoint.acquireFree(config.maxConcurrentPerInstance());
                if (slot == null) {
                    break;
                }
                AsyncRequest request = queue.pollFirst();
                active++;
                started.add(() -> process(request, slot));
            }
        }
        started.forEach(workers::execute);
    }

    private void process(AsyncRequest request, LiveEndpoint.Slot slot) {
        Instant taken = context.clock().instant();
        VariantStats stats = endpoint.stats(slot.fleet().variantName);
        stats.timeInBacklog.add(new VariantStats.Sample(taken, Duration.between(request.received(), taken).toMillis()));
        try {
            if (request.expired(taken)) {
                throw new ModelFailure(400, "Request " + request.inferenceId() + " expired: it waited longer than its"
                        + " RequestTTLSeconds (" + request.ttl().toSeconds() + " s) before an instance could take it.");
            }
            byte[] body = readInput(request.input());
            ModelOutput output = invoker.invoke(endpoint, slot.fleet(), slot.instance(),
                    new ModelInput(body, request.contentType(), request.accept()), request.invocationTimeout(),
                    request.inferenceId());
            writeOutput(request.output(), output);
            stats.processed.increment();
        } catch (ModelFailure e) {
            fail(request, stats, e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("Async request {} on {} failed", request.inferenceId(), endpoint.name, e);
            fail(request, stats, "Internal failure: " + e.getMessage());
        } catch (Error e) {
            // An in-process model can overflow its stack or run out of memory: the caller still gets its failure.
            LOG.error("Async request {} on {} failed", request.inferenceId(), endpoint.name, e);
            fail(request, stats, "Internal failure: " + e);
            throw e;
        } finally {
            Instant done = context.clock().instant();
            stats.totalProcessingTime.add(new VariantStats.Sample(done, Duration.between(request.received(), done).toMillis()));
            forget(request);
            synchronized (this) {
                active--;
            }
            slot.fleet().release(slot.instance());
        }
    }

    private byte[] readInput(S3Uri input) {
        Optional<InputStream> stream = context.objects().get(input.bucket(), input.key());
        if (stream.isEmpty()) {
            throw new ModelFailure(400, "Failed to download the input from " + input + ": the object does not exist.");
        }
        try (InputStream in = stream.get()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new ModelFailure(500, "Failed to read the input from " + input + ": " + e.getMessage());
        }
    }

    /** An answer that cannot be stored fails the request: SageMaker always leaves the output or the failure. */
    private void writeOutput(S3Uri location, ModelOutput output) {
        if (!context.objects().bucketExists(location.bucket())) {
            throw new ModelFailure(500, "The model answered, but the output bucket " + location.bucket() + " does not exist");
        }
        try {
            context.objects().put(location.bucket(), location.key(), output.body(), output.contentType());
        } catch (RuntimeException e) {
            throw new ModelFailure(500, "The model answered, but the output could not be written to " + location + ": " + e);
        }
    }

    private void fail(AsyncRequest request, VariantStats stats, @Nullable String message) {
        stats.failures.increment();
        String text = message == null ? "The request failed." : message;
        LOG.debug("Async request {} on {} failed: {}", request.inferenceId(), endpoint.name, text);
        S3Uri location = request.failure();
        if (!context.objects().bucketExists(location.bucket())) {
            // SageMaker cannot write into a bucket that was deleted (and does not create it again).
            LOG.error("Async request {} on endpoint {} is lost: the bucket {} does not exist; the failure was: {}",
                    request.inferenceId(), endpoint.name, location.bucket(), text);
            return;
        }
        try {
            context.objects().put(location.bucket(), location.key(), text.getBytes(StandardCharsets.UTF_8), "text/plain");
        } catch (RuntimeException e) {
            // Nothing is left for the caller to find: it would wait for an object that never comes.
            LOG.error("Async request {} on endpoint {} is lost: neither its output nor its failure could be written ({}: {});"
                    + " the failure was: {}", request.inferenceId(), endpoint.name, location, e, text);
        }
    }

    /** Fails queued requests whose TTL passed while they waited (a queue at zero instances may wait long). */
    void expire() {
        Instant now = context.clock().instant();
        List<AsyncRequest> expired = new ArrayList<>();
        synchronized (this) {
            queue.removeIf(r -> {
                if (r.expired(now)) {
                    expired.add(r);
                    return true;
                }
                return false;
            });
        }
        for (AsyncRequest r : expired) {
            forget(r);
            fail(r, endpoint.stats(endpoint.firstVariant()), "Request " + r.inferenceId() + " expired: it waited longer"
                    + " than its RequestTTLSeconds (" + r.ttl().toSeconds() + " s) in the queue.");
        }
    }

    private void forget(AsyncRequest request) {
        try {
            context.state().delete(Store.ASYNC, request.ticket());
        } catch (RuntimeException e) {
            LOG.warn("Cannot remove finished request {} from the durable queue: {}", request.inferenceId(), e.toString());
        }
    }

    /** Requests queued or running: ApproximateBacklogSize. */
    synchronized int backlog() {
        return queue.size() + active;
    }

    synchronized int queued() {
        return queue.size();
    }

    /** Seconds the oldest queued request has waited. */
    synchronized double oldestAgeSeconds(Instant now) {
        AsyncRequest first = queue.peekFirst();
        return first == null ? 0 : Math.max(0, Duration.between(first.received(), now).toMillis() / 1000.0);
    }

    /** Hands the waiting requests over (to the endpoint's next queue after an update). */
    synchronized List<AsyncRequest> drain() {
        List<AsyncRequest> out = new ArrayList<>(queue);
        queue.clear();
        return out;
    }

    void close() {
        synchronized (this) {
            closed = true;
            queue.clear();
        }
        workers.shutdown();
    }
}
