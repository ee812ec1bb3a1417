package dev.workbench.console.viewmodel;

import java.time.Duration;
import java.util.Locale;

/**
 * The units SageMaker publishes its metrics in, and the units the charts show them in: latencies come in
 * microseconds and read best in milliseconds; backlog age comes in seconds.
 */
public enum MetricUnits {
  MILLIS_FROM_MICROS("ms", 0.001),
  SECONDS("s", 1),
  PERCENT("%", 1),
  SHARE_AS_PERCENT("%", 100),
  COUNT("", 1);

  private final String unit;
  private final double factor;

  MetricUnits(String unit, double factor) {
    this.unit = unit;
    this.factor = factor;
  }

  /** The unit a metric of this name is shown in. */
  public static MetricUnits of(String metric) {
    return switch (metric) {
      case "ModelLatency", "OverheadLatency", "ModelSetupTime" -> MILLIS_FROM_MICROS;
      case "ApproximateAgeOfOldestRequest" -> SECONDS;
      case "CPUUtilization", "MemoryUtilization", "DiskUtilization" -> PERCENT;
      case "ServerlessConcurrentExecutionsUtilization" -> SHARE_AS_PERCENT;
      default -> COUNT;
    };
  }

  /** The short unit for titles and read-outs ("ms"), empty for counts. */
  public String unit() { return unit; }

  /** A published value in the shown unit. */
  public double shown(double published) { return published * factor; }

  /** A shown value with its unit, e.g. "7.5 ms", "12". */
  public String format(double shown) {
    String n = shown == Math.rint(shown) && Math.abs(shown) < 1e15 ? Long.toString((long) shown)
        : String.format(Locale.ROOT, Math.abs(shown) >= 100 ? "%.0f" : Math.abs(shown) >= 1 ? "%.1f" : "%.3f", shown);
    return unit.isEmpty() ? n : unit.equals("%") ? n + "%" : n + " " + unit;
  }

  /** A latency as the test result shows it: "41 ms", "2.3 s". */
  public static String millis(Duration d) {
    long ms = d.toMillis();
    return ms < 10_000 ? ms + " ms" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
  }
}
