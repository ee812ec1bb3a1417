package dev.workbench.console.viewmodel;

import dev.workbench.api.MetricPoint;
import java.util.List;

/** One chart's data: a metric's points (times in seconds relative to the window start). */
public record MetricSeries(String name, List<MetricPoint> points) {}
