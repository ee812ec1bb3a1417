package dev.workbench.local.spi;

import java.time.Instant;
import java.util.Map;

/** Where the emulator publishes its own metrics, as PutMetricData would store them. */
public interface MetricSink {

    void put(String namespace, String metricName, Map<String, String> dimensions, Instant time, double value, String unit);
}
