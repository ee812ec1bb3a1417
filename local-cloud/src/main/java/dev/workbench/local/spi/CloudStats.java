package dev.workbench.local.spi;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of what clients asked for (for tests and benchmarks that count requests rather than time them).
 * Names are {@code <service>.<Operation>}, e.g. {@code s3.GetObject}, {@code sagemaker.InvokeEndpointAsync};
 * per-inference counts are {@code invocation:<InferenceId>}.
 */
public final class CloudStats {
    private final ConcurrentHashMap<String, LongAdder> counters = new ConcurrentHashMap<>();

    public void count(String name) {
        counters.computeIfAbsent(name, n -> new LongAdder()).increment();
    }

    public long get(String name) {
        LongAdder adder = counters.get(name);
        return adder == null ? 0 : adder.sum();
    }

    /** Records that the model ran for this async InferenceId (once per invocation actually executed). */
    public void countInference(String inferenceId) {
        count("invocation:" + inferenceId);
    }

    public long inferenceCount(String inferenceId) {
        return get("invocation:" + inferenceId);
    }

    public Map<String, Long> snapshot() {
        var copy = new TreeMap<String, Long>();
        counters.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }

    public void reset() {
        counters.clear();
    }
}
