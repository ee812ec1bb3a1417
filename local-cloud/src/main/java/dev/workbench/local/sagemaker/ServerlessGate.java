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

    /** How a caller got in, if it did. */
    enum Entry { THROTTLED, WARM, COLD }

    /**
     * THROTTLED when MaxConcurrency invocations are running already; otherwise the caller must {@link #exit}. COLD
     * when an instance had to be started for this caller: decided here, not by whether one is free when the caller
     * looks, since a fast model can be up before it does.
     */
    synchronized Entry tryEnter(Instant now) {
        if (inUse >= config.maxConcurrency()) {
            return Entry.THROTTLED;
        }
        inUse++;
        peak = Math.max(peak, inUse);
        lastUsed = now;
        // One instance per invocation in flight: start what is missing now (a cold start for this caller).
        return fleet.ensureAtLeast(inUse) ? Entry.COLD : Entry.WARM;
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
