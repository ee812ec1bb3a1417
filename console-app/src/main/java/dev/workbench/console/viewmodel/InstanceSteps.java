package dev.workbench.console.viewmodel;

import dev.workbench.api.MetricPoint;
import dev.workbench.console.service.ScalingHistory;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The desired instance count over a range as a step line, from Application Auto Scaling's history of the variant
 * (so it covers the whole range, not only while the tab was open), and the scale events that changed it.
 */
final class InstanceSteps {
  static final String NAME = "InstanceCount";
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

  private InstanceSteps() {
  }

  /**
   * The count at the range start (the last change before it, else the first change's value, else {@code now}), a
   * point at each change inside the range, and {@code now} at the end.
   */
  static MetricSeries series(ScalingHistory history, int now, Instant start, Instant end) {
    List<ScalingHistory.Change> oldestFirst = history.changes().stream()
        .sorted(Comparator.comparing(ScalingHistory.Change::requested)).toList();
    Integer atStart = null;
    List<MetricPoint> points = new ArrayList<>();
    for (ScalingHistory.Change c : oldestFirst) {
      if (!c.requested().isAfter(start)) {
        atStart = c.desired();
      } else if (c.requested().isBefore(end)) {
        points.add(new MetricPoint(c.requested(), c.desired()));
      }
    }
    if (atStart == null) {
      atStart = points.isEmpty() ? now : (int) points.get(0).value();
    }
    points.add(0, new MetricPoint(start, atStart));
    points.add(new MetricPoint(end, now));
    return new MetricSeries(NAME, points, MetricUnits.COUNT, true);
  }

  /** The changes inside the range, oldest first, as marks for the time axis. */
  static List<ScaleMark> marks(ScalingHistory history, Instant start, Instant end, ZoneId zone) {
    List<ScalingHistory.Change> oldestFirst = history.changes().stream()
        .sorted(Comparator.comparing(ScalingHistory.Change::requested)).toList();
    List<ScaleMark> marks = new ArrayList<>();
    int before = -1;
    for (ScalingHistory.Change c : oldestFirst) {
      boolean out = before < 0 ? c.desired() > 0 : c.desired() > before;
      if (c.requested().isAfter(start) && c.requested().isBefore(end)) {
        marks.add(new ScaleMark(c.requested(), c.desired(), out, (out ? "scale-out to " : "scale-in to ")
            + c.desired() + " at " + CLOCK.format(c.requested().atZone(zone))));
      }
      before = c.desired();
    }
    return marks;
  }
}
