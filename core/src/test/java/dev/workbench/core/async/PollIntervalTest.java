package dev.workbench.core.async;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PollIntervalTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void resultsPouringInAreListedTwentyTimesASecond() {
        PollInterval p = new PollInterval();
        long t = 1;
        for (int round = 0; round < 20; round++) {
            t += 50 * MS;
            p.next(30, t); // 30 results every 50 ms
        }
        assertEquals(PollInterval.MIN_MILLIS, p.current());
    }

    @Test
    void tricklingResultsAreListedAboutOncePerOneAndAHalfResults() {
        PollInterval p = new PollInterval();
        long t = 1;
        for (int round = 0; round < 40; round++) {
            t += 200 * MS;
            p.next(1, t); // one result every 200 ms
        }
        assertTrue(Math.abs(p.current() - 300) <= 10, "interval " + p.current());
    }

    @Test
    void idleRoundsBackOffButNeverPastTheCeiling() {
        PollInterval p = new PollInterval();
        long t = 1;
        for (int round = 0; round < 50; round++) {
            t += p.current() * MS;
            long next = p.next(0, t);
            assertTrue(next >= PollInterval.MIN_MILLIS && next <= PollInterval.MAX_MILLIS, "interval " + next);
        }
        assertEquals(PollInterval.MAX_MILLIS, p.current());
        // A slow endpoint (one result every 10 s) is still looked at often enough to notice within a second.
        t += 10_000 * MS;
        p.next(1, t);
        t += 10_000 * MS;
        assertEquals(PollInterval.MAX_MILLIS, p.next(1, t));
        assertTrue(PollInterval.MAX_MILLIS < 1000);
    }

    @Test
    void resetStartsAgainFromTheFloor() {
        PollInterval p = new PollInterval();
        p.next(0, 1);
        p.next(0, 2);
        p.reset();
        assertEquals(PollInterval.MIN_MILLIS, p.current());
    }
}
