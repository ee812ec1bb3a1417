package dev.workbench.local.sagemaker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * The running side of one endpoint: its variants' fleets, routing by weight, its async queue and capture.
 * The durable side (status, ARNs, desired counts) lives in the state store, kept by {@link Endpoints}.
 */
final class LiveEndpoint implements VariantFleet.Listener {

    record Slot(VariantFleet fleet, Instance instance) {}

    final String name;
    final String configName;
    final Map<String, VariantFleet> variants = new LinkedHashMap<>();
    private final Map<String, Double> weights = new ConcurrentHashMap<>();
    private final Map<String, VariantStats> stats = new ConcurrentHashMap<>();
    private final Map<String, ServerlessGate> serverless = new ConcurrentHashMap<>();
    final @Nullable AsyncConfig async;
    final @Nullable DataCapture capture;
    private @Nullable AsyncQueue queue;
    private volatile BiConsumer<LiveEndpoint, String> onStartFailure = (e, reason) -> { };

    LiveEndpoint(String name, String configName, @Nullable AsyncConfig async, @Nullable DataCapture capture) {
        this.name = name;
        this.configName = configName;
        this.async = async;
        this.capture = capture;
    }

    void addVariant(VariantFleet fleet, double weight) {
        variants.put(fleet.variantName, fleet);
        weights.put(fleet.variantName, weight);
        stats.put(fleet.variantName, new VariantStats());
    }

    void makeServerless(VariantFleet fleet, ServerlessGate gate) {
        serverless.put(fleet.variantName, gate);
    }

    /** The variant's serverless rules, or null for an instance-based variant. */
    @Nullable ServerlessGate serverless(String variant) {
        return serverless.get(variant);
    }

    boolean isServerless() {
        return !serverless.isEmpty();
    }

    void attachQueue(AsyncQueue queue) {
        this.queue = queue;
    }

    @Nullable AsyncQueue queue() {
        return queue;
    }

    void onStartFailure(BiConsumer<LiveEndpoint, String> handler) {
        this.onStartFailure = handler;
    }

    VariantStats stats(String variant) {
        return stats.computeIfAbsent(variant, v -> new VariantStats());
    }

    String firstVariant() {
        return variants.keySet().iterator().next();
    }

    double weight(String variant) {
        return weights.getOrDefault(variant, 1.0);
    }

    void setWeight(String variant, double weight) {
        weights.put(variant, weight);
    }

    /** A variant for a sync request, by weight among those with running or starting instances. */
    VariantFleet route() {
        List<VariantFleet> candidates = new ArrayList<>();
        for (VariantFleet fleet : variants.values()) {
            if (fleet.current() > 0 || fleet.starting() > 0) {
                candidates.add(fleet);
            }
        }
        if (candidates.isEmpty()) {
            return variants.values().iterator().next();
        }
        return byWeight(candidates);
    }

    private VariantFleet byWeight(List<VariantFleet> candidates) {
        double total = 0;
        for (VariantFleet f : candidates) {
            total += Math.max(0, weight(f.variantName));
        }
        if (total <= 0) {
            return candidates.get(ThreadLocalRandom.current().nextInt(candidates.size()));
        }
        double pick = ThreadLocalRandom.current().nextDouble(total);
        for (VariantFleet f : candidates) {
            pick -= Math.max(0, weight(f.variantName));
            if (pick < 0) {
                return f;
            }
        }
        return candidates.get(candidates.size() - 1);
    }

    /** A free slot on any variant (async work), or null when every instance is busy or there are none. */
    @Nullable Slot acquireFree(int perInstance) {
        for (VariantFleet fleet : variants.values()) {
            Instance instance = fleet.acquireFree(perInstance);
            if (instance != null) {
                return new Slot(fleet, instance);
            }
        }
        return null;
    }

    int currentInstances() {
        int n = 0;
        for (VariantFleet f : variants.values()) {
            n += f.current();
        }
        return n;
    }

    int desiredInstances() {
        int n = 0;
        for (VariantFleet f : variants.values()) {
            n += f.desired();
        }
        return n;
    }

    @Override
    public void capacityChanged(VariantFleet fleet) {
        AsyncQueue q = queue;
        if (q != null) {
            q.pump();
        }
    }

    @Override
    public void startFailed(VariantFleet fleet, String reason) {
        onStartFailure.accept(this, reason);
    }

    void close() {
        AsyncQueue q = queue;
        if (q != null) {
            q.close();
        }
        variants.values().forEach(VariantFleet::close);
        if (capture != null) {
            capture.flush();
        }
    }
}
