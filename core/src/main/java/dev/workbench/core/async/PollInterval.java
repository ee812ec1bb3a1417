package dev.workbench.core.async;

/**
 * How long the completion watcher waits before its next listing. After a round that found results, about
 * 1.5 times the recent gap between results (an exponentially weighted mean), so a listing finds 1.5 results
 * on average and listings cost about two thirds of a request per batch; after a round that found nothing, 1.5
 * times longer than before. Always between {@link #MIN_MILLIS} (a busy endpoint is listed twenty times a
 * second) and {@link #MAX_MILLIS} (a finished result waits at most that long to be seen). Not thread-safe:
 * the watcher's one thread owns it.
 */
final class PollInterval {
    static final long MIN_MILLIS = 50;
    static final long MAX_MILLIS = 500;

    private long intervalMillis = MIN_MILLIS;
    private double gapEstimateMillis = -1;
    private long lastFoundNanos;

    /** Records a round that found {@code found} results at {@code nowNanos}; returns the next interval. */
    long next(int found, long nowNanos) {
        if (found > 0) {
            if (lastFoundNanos != 0) {
                double gap = (nowNanos - lastFoundNanos) / 1e6 / found;
                gapEstimateMillis = gapEstimateMillis < 0 ? gap : 0.7 * gapEstimateMillis + 0.3 * gap;
            }
            lastFoundNanos = nowNanos;
            intervalMillis = gapEstimateMillis < 0 ? MIN_MILLIS : clamp((long) (1.5 * gapEstimateMillis));
        } else {
            intervalMillis = clamp(intervalMillis * 3 / 2);
        }
        return intervalMillis;
    }

    long current() {
        return intervalMillis;
    }

    /** Nothing is pending: the next batch starts from a clean slate. */
    void reset() {
        intervalMillis = MIN_MILLIS;
        gapEstimateMillis = -1;
        lastFoundNanos = 0;
    }

    /** A failed round: wait the longest before trying again. */
    void backOff() {
        intervalMillis = MAX_MILLIS;
    }

    private static long clamp(long millis) {
        return Math.max(MIN_MILLIS, Math.min(MAX_MILLIS, millis));
    }
}
