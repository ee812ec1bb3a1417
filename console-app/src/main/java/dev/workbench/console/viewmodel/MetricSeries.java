package dev.workbench.console.viewmodel;

import dev.workbench.api.MetricPoint;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One chart's data: a metric's points in clock time, values already in the shown unit (latencies in ms).
 *
 * @param step drawn as a step line (a count that holds until the next change), not joined point to point
 */
public record MetricSeries(String name, List<MetricPoint> points, MetricUnits units, boolean step) {
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

  public MetricSeries {
    points = List.copyOf(points);
  }

  /** A CloudWatch series as published, converted to the unit it is shown in. */
  static MetricSeries published(String name, List<MetricPoint> published) {
    MetricUnits u = MetricUnits.of(name);
    return new MetricSeries(name, published.stream().map(p -> new MetricPoint(p.time(), u.shown(p.value()))).toList(),
        u, false);
  }

  /** The chart title: the metric's name with the unit it is shown in where it is not a count. */
  public String title() {
    return units.unit().isEmpty() ? name : name + " (" + units.unit() + ")";
  }

  /** The point nearest in time to {@code t}, or null when the series is empty. */
  public @Nullable MetricPoint nearest(Instant t) {
    MetricPoint best = null;
    long bestGap = Long.MAX_VALUE;
    for (MetricPoint p : points) {
      long gap = Math.abs(p.time().toEpochMilli() - t.toEpochMilli());
      if (gap < bestGap) {
        best = p;
        bestGap = gap;
      }
    }
    return best;
  }

  /** What hovering a point reads: its time of day and value with the unit, e.g. "14:02:00  7.5 ms". */
  public String readout(MetricPoint p, ZoneId zone) {
    return CLOCK.format(p.time().atZone(zone)) + "  " + units.format(p.value());
  }
}
