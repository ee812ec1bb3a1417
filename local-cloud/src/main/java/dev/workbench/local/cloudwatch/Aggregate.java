package dev.workbench.local.cloudwatch;

import java.time.Instant;

/** The samples of one metric in one period: what every standard statistic is computed from. */
public record Aggregate(Instant start, double count, double sum, double min, double max, String unit) {
}
