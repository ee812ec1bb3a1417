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
 */
public record Timing(
        Duration endpointCreation,
        Duration coldStart,
        Duration metricPeriod,
        @Nullable Duration scaleInIdleOverride,
        Duration containerStartTimeout,
        Duration syncInvocationTimeout) {

    public static Timing defaults() {
        return new Timing(Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofSeconds(10), null,
                Duration.ofMinutes(4), Duration.ofSeconds(60));
    }

    /** Short knobs for tests: instances come up in a second, metrics every 250 ms, idle after 2 s. */
    public static Timing fast() {
        return new Timing(Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofMillis(250), Duration.ofSeconds(2),
                Duration.ofSeconds(30), Duration.ofSeconds(60));
    }
}
