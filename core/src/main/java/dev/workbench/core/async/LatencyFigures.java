package dev.workbench.core.async;

import java.time.Duration;

/** Completion latency: how many outputs were measured, and the median, 95th percentile and worst case. */
public record LatencyFigures(long count, Duration median, Duration p95, Duration max) {}
