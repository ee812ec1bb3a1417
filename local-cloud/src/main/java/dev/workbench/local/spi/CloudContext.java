package dev.workbench.local.spi;

import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;

/** What every emulated service shares. Built once by the server at start. */
public record CloudContext(
        String region,
        String accountId,
        Timing timing,
        Clock clock,
        StateStore state,
        ObjectStore objects,
        MetricSink metrics,
        FaultInjector faults,
        CloudStats stats,
        ScheduledExecutorService scheduler,
        LogSink logs) {

    /** Without a log store: container output is dropped. */
    public CloudContext(String region, String accountId, Timing timing, Clock clock, StateStore state, ObjectStore objects,
                        MetricSink metrics, FaultInjector faults, CloudStats stats, ScheduledExecutorService scheduler) {
        this(region, accountId, timing, clock, state, objects, metrics, faults, stats, scheduler, LogSink.NONE);
    }
}
