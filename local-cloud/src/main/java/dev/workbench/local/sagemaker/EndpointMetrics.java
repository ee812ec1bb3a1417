package dev.workbench.local.sagemaker;

import dev.workbench.local.spi.MetricSink;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Publishes what SageMaker publishes for its endpoints, once per metric period: the sync set or the async
 * set in AWS/SageMaker, and CPU/memory in /aws/sagemaker/Endpoints. Counters go out only for periods with
 * activity (as SageMaker does); the async backlog gauges go out every period, since alarms and target
 * tracking read them to scale.
 */
final class EndpointMetrics {

    static final String NAMESPACE = "AWS/SageMaker";
    static final String INSTANCE_NAMESPACE = "/aws/sagemaker/Endpoints";

    private final MetricSink sink;
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

    EndpointMetrics(MetricSink sink) {
        this.sink = sink;
    }

    void publish(LiveEndpoint endpoint, Instant now) {
        Map<String, String> endpointDims = Map.of("EndpointName", endpoint.name);
        AsyncQueue queue = endpoint.queue();
        int instances = endpoint.currentInstances();
        if (queue != null) {
            int backlog = queue.backlog();
            sink.put(NAMESPACE, "ApproximateBacklogSize", endpointDims, now, backlog, "Count");
            sink.put(NAMESPACE, "ApproximateBacklogSizePerInstance", endpointDims, now,
                    instances == 0 ? backlog : (double) backlog / instances, "Count");
            sink.put(NAMESPACE, "ApproximateAgeOfOldestRequest", endpointDims, now, queue.oldestAgeSeconds(now), "Seconds");
            sink.put(NAMESPACE, "HasBacklogWithoutCapacity", endpointDims, now, backlog > 0 && instances == 0 ? 1 : 0, "Count");
        }
        for (VariantFleet fleet : endpoint.variants.values()) {
            Map<String, String> dims = Map.of("EndpointName", endpoint.name, "VariantName", fleet.variantName);
            VariantStats stats = endpoint.stats(fleet.variantName);
            ServerlessGate serverless = endpoint.serverless(fleet.variantName);
            if (queue != null) {
                publishAsync(dims, stats, now);
            } else if (serverless != null) {
                publishServerless(dims, stats, now, serverless);
                continue; // no instances to report on: serverless compute publishes no CPU or memory per instance
            } else {
                publishSync(dims, stats, now, fleet.current());
            }
            if (fleet.current() > 0) {
                publishInstance(dims, now);
            }
        }
    }

    private void publishSync(Map<String, String> dims, VariantStats stats, Instant now, int instances) {
        long invocations = VariantStats.drain(stats.invocations);
        long errors4xx = VariantStats.drain(stats.errors4xx);
        long errors5xx = VariantStats.drain(stats.errors5xx);
        if (invocations > 0 || errors4xx > 0 || errors5xx > 0) {
            sink.put(NAMESPACE, "Invocations", dims, now, invocations, "Count");
            sink.put(NAMESPACE, "InvocationsPerInstance", dims, now, instances == 0 ? invocations : (double) invocations / instances, "Count");
            sink.put(NAMESPACE, "Invocation4XXErrors", dims, now, errors4xx, "Count");
            sink.put(NAMESPACE, "Invocation5XXErrors", dims, now, errors5xx, "Count");
        }
        samples(dims, "ModelLatency", VariantStats.drain(stats.modelLatency), "Microseconds");
        samples(dims, "OverheadLatency", VariantStats.drain(stats.overheadLatency), "Microseconds");
    }

    /** The sync set without InvocationsPerInstance, plus ModelSetupTime and ServerlessConcurrentExecutionsUtilization. */
    private void publishServerless(Map<String, String> dims, VariantStats stats, Instant now, ServerlessGate gate) {
        long invocations = VariantStats.drain(stats.invocations);
        long errors4xx = VariantStats.drain(stats.errors4xx);
        long errors5xx = VariantStats.drain(stats.errors5xx);
        double utilization = gate.drainUtilization();
        if (invocations > 0 || errors4xx > 0 || errors5xx > 0 || utilization > 0) {
            sink.put(NAMESPACE, "Invocations", dims, now, invocations, "Count");
            sink.put(NAMESPACE, "Invocation4XXErrors", dims, now, errors4xx, "Count");
            sink.put(NAMESPACE, "Invocation5XXErrors", dims, now, errors5xx, "Count");
            sink.put(NAMESPACE, "ServerlessConcurrentExecutionsUtilization", dims, now, utilization, "None");
        }
        samples(dims, "ModelLatency", VariantStats.drain(stats.modelLatency), "Microseconds");
        samples(dims, "OverheadLatency", VariantStats.drain(stats.overheadLatency), "Microseconds");
        samples(dims, "ModelSetupTime", VariantStats.drain(stats.modelSetupTime), "Microseconds");
    }

    private void publishAsync(Map<String, String> dims, VariantStats stats, Instant now) {
        long processed = VariantStats.drain(stats.processed);
        long failures = VariantStats.drain(stats.failures);
        VariantStats.drain(stats.invocations);
        VariantStats.drain(stats.errors4xx);
        VariantStats.drain(stats.errors5xx);
        if (processed > 0 || failures > 0) {
            sink.put(NAMESPACE, "InvocationsProcesssed", dims, now, processed, "Count");
            sink.put(NAMESPACE, "InvocationFailures", dims, now, failures, "Count");
        }
        samples(dims, "TimeInBacklog", VariantStats.drain(stats.timeInBacklog), "Milliseconds");
        samples(dims, "TotalProcessingTime", VariantStats.drain(stats.totalProcessingTime), "Milliseconds");
        samples(dims, "ModelLatency", VariantStats.drain(stats.modelLatency), "Microseconds");
        VariantStats.drain(stats.overheadLatency);
    }

    /**
     * Latency-like metrics go out one datapoint per invocation, as SageMaker's do, up to a cap per period:
     * beyond it an even spread of the samples is kept, so a benchmark's burst does not turn into thousands of
     * durable writes per period (the counters stay exact).
     */
    static final int MAX_SAMPLES_PER_PERIOD = 200;

    private void samples(Map<String, String> dims, String metric, List<VariantStats.Sample> samples, String unit) {
        int step = Math.max(1, (samples.size() + MAX_SAMPLES_PER_PERIOD - 1) / MAX_SAMPLES_PER_PERIOD);
        for (int i = 0; i < samples.size(); i += step) {
            VariantStats.Sample s = samples.get(i);
            sink.put(NAMESPACE, metric, dims, s.time(), s.value(), unit);
        }
    }

    /** The emulator's own process stands in for the instance: its CPU and heap use, in percent. */
    private void publishInstance(Map<String, String> dims, Instant now) {
        double cpu = 0;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            double load = os.getProcessCpuLoad();
            cpu = load < 0 ? 0 : load * 100 * os.getAvailableProcessors();
        }
        var heap = memory.getHeapMemoryUsage();
        long max = heap.getMax() > 0 ? heap.getMax() : Math.max(heap.getCommitted(), 1);
        sink.put(INSTANCE_NAMESPACE, "CPUUtilization", dims, now, cpu, "Percent");
        sink.put(INSTANCE_NAMESPACE, "MemoryUtilization", dims, now, 100.0 * heap.getUsed() / max, "Percent");
    }
}
