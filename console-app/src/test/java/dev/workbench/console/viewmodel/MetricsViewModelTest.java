package dev.workbench.console.viewmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.api.MetricPoint;
import dev.workbench.console.service.ConnectionService;
import dev.workbench.console.service.EndpointService;
import dev.workbench.console.service.ScalingHistory;
import dev.workbench.console.task.ImmediateTaskExecutor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The metrics' range, period, units and instance steps, without an FX thread or a cloud. */
class MetricsViewModelTest {
  private static final Instant NOW = Instant.parse("2026-12-03T14:00:00Z");
  private final MetricsViewModel vm = new MetricsViewModel(new EndpointService(new ConnectionService()),
      new ImmediateTaskExecutor(), new LogViewModel(), Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void theRangeMovesTheSharedAxisAndPicksThePeriod() {
    assertEquals(NOW.minus(Duration.ofMinutes(15)), vm.axisStartProperty().get());
    assertEquals(NOW, vm.axisEndProperty().get());
    vm.rangeProperty().set(TimeRange.DAY_1);
    assertEquals(NOW.minus(Duration.ofDays(1)), vm.axisStartProperty().get());
    assertEquals(Duration.ofMinutes(4), vm.periodProperty().get(), "a day at CloudWatch-style minute multiples");
    vm.rangeProperty().set(TimeRange.HOUR_1);
    assertEquals(Duration.ofMinutes(1), vm.periodProperty().get());
  }

  @Test
  void aCustomRangeIsTakenOrRefusedWithTheReason() {
    assertEquals(null, vm.custom("2026-12-03 10:00", "2026-12-03 12:30"));
    assertEquals(TimeRange.CUSTOM, vm.rangeProperty().get());
    assertEquals(false, vm.liveProperty().get(), "a fixed stretch of the past is not live");
    assertEquals(Instant.parse("2026-12-03T10:00:00Z"), vm.axisStartProperty().get());
    assertEquals(Instant.parse("2026-12-03T12:30:00Z"), vm.axisEndProperty().get());
    String wrong = vm.custom("10:00", "12:00");
    assertTrue(wrong != null && wrong.contains("yyyy-MM-dd HH:mm"), wrong);
    String backwards = vm.custom("2026-12-03 12:00", "2026-12-03 11:00");
    assertTrue(backwards != null && backwards.contains("must come after"), backwards);
  }

  @Test
  void latenciesReadInMillisecondsOnHover() {
    MetricSeries latency = MetricSeries.published("ModelLatency", List.of(new MetricPoint(NOW, 7_500_000)));
    assertEquals("ModelLatency (ms)", latency.title());
    assertEquals("14:00:00  7500 ms", latency.readout(latency.nearest(NOW.plusSeconds(20)), ZoneOffset.UTC));
    MetricSeries small = MetricSeries.published("OverheadLatency", List.of(new MetricPoint(NOW, 2_345)));
    assertEquals("14:00:00  2.3 ms", small.readout(small.points().get(0), ZoneOffset.UTC));
    assertNull(MetricSeries.published("Invocations", List.of()).nearest(NOW));
    assertEquals("Invocations", MetricSeries.published("Invocations", List.of()).title());
  }

  @Test
  void theInstanceCountStepsAtEachScaleEventOfTheRange() {
    Instant start = NOW.minus(Duration.ofHours(1));
    ScalingHistory history = new ScalingHistory(List.of(
        new ScalingHistory.Change(NOW.minusSeconds(600), 0, "idle"),
        new ScalingHistory.Change(NOW.minusSeconds(1800), 2, "backlog"),
        new ScalingHistory.Change(NOW.minusSeconds(7200), 1, "backlog")), Duration.ofMinutes(5));
    MetricSeries steps = InstanceSteps.series(history, 0, start, NOW);
    assertTrue(steps.step());
    assertEquals(List.of(new MetricPoint(start, 1), new MetricPoint(NOW.minusSeconds(1800), 2),
        new MetricPoint(NOW.minusSeconds(600), 0), new MetricPoint(NOW, 0)), steps.points(),
        "the count before the range (1) holds from its start");
    List<ScaleMark> marks = InstanceSteps.marks(history, start, NOW, ZoneOffset.UTC);
    assertEquals(List.of("scale-out to 2 at 13:30:00", "scale-in to 0 at 13:50:00"),
        marks.stream().map(ScaleMark::text).toList());
  }
}
