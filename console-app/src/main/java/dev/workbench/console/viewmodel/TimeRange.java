package dev.workbench.console.viewmodel;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** The metric ranges the picker offers, as the CloudWatch console does; CUSTOM takes its bounds from the user. */
public enum TimeRange {
  MINUTES_15("15 min", Duration.ofMinutes(15)),
  HOUR_1("1 h", Duration.ofHours(1)),
  HOURS_3("3 h", Duration.ofHours(3)),
  HOURS_12("12 h", Duration.ofHours(12)),
  DAY_1("1 d", Duration.ofDays(1)),
  CUSTOM("custom", null);

  private final String label;
  private final @Nullable Duration length;

  TimeRange(String label, @Nullable Duration length) {
    this.label = label;
    this.length = length;
  }

  /** The length of the range ending now; null for CUSTOM. */
  public @Nullable Duration length() { return length; }

  @Override
  public String toString() { return label; }
}
