package dev.workbench.local.sagemaker;

import java.time.Duration;
import java.time.Instant;

/**
 * The capacity rules of one serverless variant: at most MaxConcurrency invocations at once (the next one is
 * throttled, as SageMaker does), an instance per concurrent invocation started on demand (the cold start), and
 * instances beyond the provisioned concurrency stopped once the variant has been idle for the idle window.
 * Entering and reaping share one lock, so a request that got in always finds its instance coming.
 */
final class ServerlessGate {

    final ServerlessConfig config;
    private final VariantFleet fleet;
    private int inUse; // guarded by this
    private int peak; // guarded by this: most invocations at once since the last metric period
    private Instant lastUsed; // guarded by this

    ServerlessGate(ServerlessConfig config, VariantFleet fleet, Instant now) {
        this.config = config;
        this.fleet = fleet;
        this.lastUsed = now;
    }

    /** False when MaxConcurrency invocations are running already; otherwise the caller must {@link #exit}. */
    synchronized boolean tryEnter(Instant now) {
        if (inUse >= config.maxConcurrency()) {
            return false;
        }
        inUse++;
        peak = Math.max(peak, inUse);
        lastUsed = now;
        // One instance per invocation in flight: start what is missing now (a cold start for this caller).
        fleet.ensureAtLeast(inUse);
        return true;
    }

    synchronized void exit(Instant now) {
        inUse--;
        lastUsed = now;
    }

    /** Scales to the provisioned concurrency (often zero) when nothing ran for {@code idle}; true when it did. */
    synchronized boolean reapIdle(Instant now, Duration idle) {
        if (inUse > 0 || now.isBefore(lastUsed.plus(idle)) || fleet.desired() <= config.warm()) {
            return false;
        }
        fleet.setDesired(config.warm(), Duration.ZERO);
        return true;
    }

    /** The share of MaxConcurrency used at the busiest moment since the last call (0..1); restarts the count. */
    synchronized double drainUtilization() {
        double share = (double) peak / config.maxConcurrency();
        peak = inUse;
        return share;
    }
}
