package dev.workbench.local.spi;

import java.time.Duration;

/**
 * Faults injected on purpose, off by default. Decisions are drawn from a seeded random source so a run
 * can be replayed.
 */
public interface FaultInjector {

    FaultSettings settings();

    void set(FaultSettings settings);

    /** Whether this S3 request should be answered 503 SlowDown. */
    boolean s3SlowDown();

    /** Whether this invocation should be answered with a throttling error. */
    boolean throttleInvocation();

    /**
     * Whether this input row (one CSV data line, exactly as sent) makes the model fail. Deterministic for a
     * given row and seed, so the same rows keep failing: what a client must isolate by bisection.
     */
    boolean poisonedRow(String row);

    /** Extra latency to add to each model invocation. */
    Duration addedLatency();

    /** Requests one crash of the model container(s) serving this endpoint. */
    void crashContainer(String endpointName);

    /** True once after {@link #crashContainer} was called for this endpoint; the runtime then crashes it. */
    boolean takeContainerCrash(String endpointName);
}
