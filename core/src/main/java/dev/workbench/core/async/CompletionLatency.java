package dev.workbench.core.async;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * Time from an output object landing in S3 (its LastModified) to its rows being handed to the job: what the
 * completion watcher's interval costs. Keeps the latest {@link #CAPACITY} samples.
 */
final class CompletionLatency {
    static final int CAPACITY = 10_000;
    private final long[] millis = new long[CAPACITY];
    private long count;

    synchronized void record(Instant landed, Instant handed) {
        millis[(int) (count++ % CAPACITY)] = Math.max(0, Duration.between(landed, handed).toMillis());
    }

    synchronized LatencyFigures figures() {
        int n = (int) Math.min(count, CAPACITY);
        if (n == 0) {
            return new LatencyFigures(0, Duration.ZERO, Duration.ZERO, Duration.ZERO);
        }
        long[] sorted = Arrays.copyOf(millis, n);
        Arrays.sort(sorted);
        return new LatencyFigures(count, Duration.ofMillis(sorted[(n - 1) / 2]),
                Duration.ofMillis(sorted[(int) Math.ceil(0.95 * n) - 1]), Duration.ofMillis(sorted[n - 1]));
    }
}
