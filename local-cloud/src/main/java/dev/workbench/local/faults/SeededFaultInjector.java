package dev.workbench.local.faults;

import dev.workbench.local.spi.FaultInjector;
import dev.workbench.local.spi.FaultSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Draws fault decisions from a {@link Random} seeded with {@link FaultSettings#seed()}: setting the same
 * settings again restarts the same sequence, so a run can be replayed. Poisoned rows do not use the
 * sequence at all: they are a pure function of (seed, row), so the same rows fail on every retry.
 */
public final class SeededFaultInjector implements FaultInjector {

    private volatile FaultSettings settings;
    private volatile Random random;
    private final Set<String> pendingCrashes = ConcurrentHashMap.newKeySet();

    public SeededFaultInjector(FaultSettings settings) {
        this.settings = settings;
        this.random = new Random(settings.seed());
    }

    @Override
    public FaultSettings settings() {
        return settings;
    }

    @Override
    public synchronized void set(FaultSettings settings) {
        validate(settings);
        this.settings = settings;
        this.random = new Random(settings.seed());
    }

    @Override
    public boolean s3SlowDown() {
        return draw(settings.s3SlowDownRate());
    }

    @Override
    public boolean throttleInvocation() {
        return draw(settings.throttleRate());
    }

    @Override
    public boolean poisonedRow(String row) {
        double rate = settings.modelErrorRate();
        if (rate <= 0) {
            return false;
        }
        return unitInterval(mix(settings.seed(), row)) < rate;
    }

    @Override
    public Duration addedLatency() {
        return settings.addedLatency();
    }

    @Override
    public void crashContainer(String endpointName) {
        pendingCrashes.add(endpointName);
    }

    @Override
    public boolean takeContainerCrash(String endpointName) {
        return pendingCrashes.remove(endpointName);
    }

    private boolean draw(double rate) {
        if (rate <= 0) {
            return false;
        }
        Random r = random;
        synchronized (r) {
            return r.nextDouble() < rate;
        }
    }

    static void validate(FaultSettings s) {
        check("s3SlowDownRate", s.s3SlowDownRate());
        check("throttleRate", s.throttleRate());
        check("modelErrorRate", s.modelErrorRate());
        if (s.addedLatency().isNegative()) {
            throw new IllegalArgumentException("addedLatency must not be negative, got " + s.addedLatency());
        }
    }

    private static void check(String name, double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, got " + rate);
        }
    }

    /** A 64-bit FNV-1a hash of the row's UTF-8 bytes, started from the seed and finished with a strong mixer. */
    private static long mix(long seed, String row) {
        long h = 0xcbf29ce484222325L ^ seed;
        for (byte b : row.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    private static double unitInterval(long bits) {
        return (bits >>> 11) * 0x1.0p-53;
    }
}
