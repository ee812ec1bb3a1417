package dev.workbench.local.spi;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The emulator's time knobs. Defaults keep AWS's shape; tests and demos shorten them.
 *
 * @param endpointCreation      how long an endpoint stays Creating (at least until its container is healthy)
 * @param coldStart             how long a new instance takes before it serves, when scaling out
 * @param metricPeriod          how often the emulator publishes its endpoint metrics (and evaluates alarms)
 * @param scaleInIdleOverride   when set, replaces every scaling policy's scale-in idle window
 * @param containerStartTimeout how long a command container has to answer GET /ping with 200
 * @param syncInvocationTimeout a sync invocation that takes longer fails
 * @param serverlessIdle        a serverless endpoint idle this long stops its compute (beyond provisioned
 *                              concurrency); its next invocation is a cold start
 */
public record Timing(
        Duration endpointCreation,
        Duration coldStart,
        Duration metricPeriod,
        @Nullable Duration scaleInIdleOverride,
        Duration containerStartTimeout,
        Duration syncInvocationTimeout,
        Duration serverlessIdle) {

    /** AWS does not publish how long idle serverless compute is kept; a few minutes is what users observe. */
    public static final Duration DEFAULT_SERVERLESS_IDLE = Duration.ofMinutes(5);

    /** The knobs without a serverless idle window of their own: {@link #DEFAULT_SERVERLESS_IDLE}, or the scale-in override. */
    public Timing(Duration endpointCreation, Duration coldStart, Duration metricPeriod, @Nullable Duration scaleInIdleOverride,
                  Duration containerStartTimeout, Duration syncInvocationTimeout) {
        this(endpointCreation, coldStart, metricPeriod, scaleInIdleOverride, containerStartTimeout, syncInvocationTimeout,
                scaleInIdleOverride != null ? scaleInIdleOverride : DEFAULT_SERVERLESS_IDLE);
    }

    public static Timing defaults() {
        return new Timing(Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofSeconds(10), null,
                Duration.ofMinutes(4), Duration.ofSeconds(60), DEFAULT_SERVERLESS_IDLE);
    }

    /** A copy with another serverless idle window. */
    public Timing withServerlessIdle(Duration idle) {
        return new Timing(endpointCreation, coldStart, metricPeriod, scaleInIdleOverride, containerStartTimeout,
                syncInvocationTimeout, idle);
    }

    /** Short knobs for tests: instances come up in a second, metrics every 250 ms, idle after 2 s. */
    public static Timing fast() {
        return new Timing(Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofMillis(250), Duration.ofSeconds(2),
                Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(2));
    }
}
