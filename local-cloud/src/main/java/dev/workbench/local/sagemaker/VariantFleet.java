package dev.workbench.local.sagemaker;

import dev.workbench.local.runtime.ModelLauncher;
import dev.workbench.local.runtime.ModelSpec;
import dev.workbench.local.runtime.RunningModel;
import dev.workbench.local.spi.LogSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instances of one production variant. Keeps {@code running + starting} at the desired count: new
 * instances start after a delay (the cold start) on the loader executor; scale-in retires instances, each
 * stopping when its in-flight invocations end.
 */
final class VariantFleet {

    /** Told about capacity changes; called without the fleet's lock held. */
    interface Listener {
        void capacityChanged(VariantFleet fleet);

        void startFailed(VariantFleet fleet, String reason);
    }

    private static final Logger LOG = LoggerFactory.getLogger(VariantFleet.class);
    private static final AtomicLong SEQUENCE = new AtomicLong();

    final String endpointName;
    final String variantName;
    final ModelSpec spec;
    private final ModelLauncher launcher;
    private final ScheduledExecutorService scheduler;
    private final Executor loader;
    private final Listener listener;
    private final LogSink logs;

    private final List<Instance> running = new ArrayList<>();
    private int starting;
    private int desired;
    private int roundRobin;
    private boolean closed;

    VariantFleet(String endpointName, String variantName, ModelSpec spec, ModelLauncher launcher,
            ScheduledExecutorService scheduler, Executor loader, Listener listener, LogSink logs) {
        this.endpointName = endpointName;
        this.variantName = variantName;
        this.spec = spec;
        this.launcher = launcher;
        this.scheduler = scheduler;
        this.loader = loader;
        this.listener = listener;
        this.logs = logs;
    }

    /** The instance's CloudWatch Logs stream, as SageMaker names it. */
    String logStream(String instanceId) {
        return variantName + "/" + instanceId;
    }

    /** One line in the instance's log stream, stamped now. */
    void log(String instanceId, String line) {
        logs.put(LogSink.endpointGroup(endpointName), logStream(instanceId), java.time.Instant.now(), line);
    }

    synchronized int current() {
        return running.size();
    }

    synchronized int desired() {
        return desired;
    }

    synchronized int starting() {
        return starting;
    }

    /** Sets the desired count; missing instances start after {@code delay}, extra ones are retired now. */
    void setDesired(int count, Duration delay) {
        List<Instance> toStop = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return;
            }
            desired = Math.max(0, count);
            int have = running.size() + starting;
            for (; have < desired; have++) {
                scheduleStart(delay);
            }
            // Retire the least busy instances first so scale-in interrupts as little work as possible.
            running.sort(Comparator.comparingInt(i -> i.inFlight.get()));
            while (running.size() > desired) {
                Instance victim = running.remove(0);
                victim.retired.set(true);
                if (victim.inFlight.get() == 0) {
                    toStop.add(victim);
                }
            }
        }
        toStop.forEach(this::stop);
        listener.capacityChanged(this);
    }

    private void scheduleStart(Duration delay) {
        starting++;
        String id = endpointName + "-" + variantName + "-" + SEQUENCE.incrementAndGet();
        scheduler.schedule(() -> loader.execute(() -> load(id)), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void load(String id) {
        RunningModel model;
        try {
            synchronized (this) {
                if (closed || running.size() >= desired) {
                    starting--;
                    notifyAll();
                    return;
                }
            }
            model = launcher.start(spec, id, line -> log(id, line));
        } catch (RuntimeException e) {
            synchronized (this) {
                starting--;
                notifyAll();
            }
            LOG.warn("Instance {} of {}/{} failed to start: {}", id, endpointName, variantName, e.getMessage());
            log(id, "ERROR instance failed to start: " + e.getMessage());
            listener.startFailed(this, e.getMessage() == null ? e.toString() : e.getMessage());
            return;
        }
        boolean keep;
        synchronized (this) {
            starting--;
            keep = !closed && running.size() < desired;
            if (keep) {
                running.add(new Instance(id, model));
            }
            notifyAll();
        }
        if (!keep) {
            model.close();
            launcher.cleanUp(id);
            return;
        }
        LOG.info("Instance {} of endpoint {} variant {} is in service", id, endpointName, variantName);
        listener.capacityChanged(this);
    }

    /** Raises the desired count to at least {@code count}; the missing instances start now. */
    /** True when instances had to be started for it. */
    boolean ensureAtLeast(int count) {
        synchronized (this) {
            if (closed || desired >= count) {
                return false;
            }
        }
        setDesired(Math.max(desired(), count), Duration.ZERO);
        return true;
    }

    /**
     * An instance with fewer than {@code limit} invocations in flight (its count raised), waiting up to
     * {@code wait} for one to start or be released; null when none came in time.
     */
    @Nullable Instance awaitFree(int limit, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (this) {
            while (!closed) {
                Instance free = acquireFree(limit);
                if (free != null) {
                    return free;
                }
                if ((starting == 0 && desired == 0 && running.isEmpty()) || !waitUntil(deadline)) {
                    return null;
                }
            }
            return null;
        }
    }

    /**
     * An instance for one invocation (its in-flight count raised), waiting up to {@code wait} while instances
     * are starting; null when none is running and none is coming.
     */
    @Nullable Instance acquire(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (this) {
            while (running.isEmpty() && starting > 0 && !closed) {
                if (!waitUntil(deadline)) {
                    return null;
                }
            }
            if (running.isEmpty()) {
                return null;
            }
            Instance instance = running.get(Math.floorMod(roundRobin++, running.size()));
            instance.inFlight.incrementAndGet();
            return instance;
        }
    }

    /** Waits on this fleet's monitor (held by the caller) for a change; false once the deadline passed or on interrupt. */
    private boolean waitUntil(long deadline) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            return false;
        }
        try {
            TimeUnit.NANOSECONDS.timedWait(this, left);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The least busy instance with fewer than {@code limit} invocations in flight, or null. */
    synchronized @Nullable Instance acquireFree(int limit) {
        Instance best = null;
        for (Instance instance : running) {
            int load = instance.inFlight.get();
            if (load < limit && (best == null || load < best.inFlight.get())) {
                best = instance;
            }
        }
        if (best != null) {
            best.inFlight.incrementAndGet();
        }
        return best;
    }

    /** Free invocation slots across running instances. */
    synchronized int freeSlots(int limit) {
        int free = 0;
        for (Instance instance : running) {
            free += Math.max(0, limit - instance.inFlight.get());
        }
        return free;
    }

    void release(Instance instance) {
        if (instance.inFlight.decrementAndGet() == 0 && instance.retired.get()) {
            stop(instance);
        }
        synchronized (this) {
            notifyAll(); // a caller in awaitFree may take it now
        }
        listener.capacityChanged(this);
    }

    /** The instance died (a container crash): it is removed at once and a replacement starts after the cold start. */
    void crash(Instance instance, Duration coldStart) {
        synchronized (this) {
            running.remove(instance);
            instance.retired.set(true);
        }
        LOG.warn("Instance {} of endpoint {} crashed; a replacement starts in {}", instance.id, endpointName, coldStart);
        if (!instance.isStopped()) {
            instance.markStopped();
            ModelLauncher.crash(instance.model);
        }
        setDesired(desired(), coldStart);
    }

    private void stop(Instance instance) {
        try {
            if (instance.stop()) {
                LOG.info("Instance {} of endpoint {} variant {} stopped", instance.id, endpointName, variantName);
            }
        } catch (RuntimeException e) {
            LOG.warn("Instance {} did not stop cleanly: {}", instance.id, e.getMessage());
        } finally {
            launcher.cleanUp(instance.id);
        }
    }

    /** Stops everything and refuses new starts. */
    void close() {
        List<Instance> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(running);
            running.clear();
            notifyAll();
        }
        all.forEach(this::stop);
    }
}
