package dev.workbench.api;

import java.time.Instant;

/** One value of a metric time series. */
public record MetricPoint(Instant time, double value) {}
