package dev.workbench.local.sagemaker;

import dev.workbench.local.spi.MetricSink;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every published datapoint, for unit tests of the service without CloudWatch. */
final class RecordingMetrics implements MetricSink {

    record Datapoint(String namespace, String name, Map<String, String> dimensions, Instant time, double value, String unit) {}

    final List<Datapoint> points = new CopyOnWriteArrayList<>();

    @Override
    public void put(String namespace, String metricName, Map<String, String> dimensions, Instant time, double value, String unit) {
        points.add(new Datapoint(namespace, metricName, Map.copyOf(dimensions), time, value, unit));
    }

    double sum(String name, Map<String, String> dimensions) {
        return points.stream().filter(p -> p.name().equals(name) && p.dimensions().equals(dimensions))
                .mapToDouble(Datapoint::value).sum();
    }

    List<Datapoint> named(String name) {
        return points.stream().filter(p -> p.name().equals(name)).toList();
    }
}
