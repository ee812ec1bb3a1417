package dev.workbench.console.viewmodel;

import dev.workbench.api.EndpointDescription;
import dev.workbench.api.EndpointMetrics;
import dev.workbench.api.MetricPoint;
import dev.workbench.api.MetricsQuery;
import dev.workbench.console.service.EndpointService;
import dev.workbench.console.service.ScalingHistory;
import dev.workbench.console.task.BackgroundTask;
import dev.workbench.console.task.TaskExecutor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jspecify.annotations.Nullable;

/**
 * Metrics of one endpoint over a chosen range: the metric set of its kind from CloudWatch, at the period CloudWatch
 * would pick for the range, on one clock-time axis shared by every chart; its desired instance count as a step
 * line from Application Auto Scaling's history with the scale events marked; and its data-capture records. Live
 * mode moves the range's end to now on each refresh.
 */
public final class MetricsViewModel {
  static final String INSTANCES = InstanceSteps.NAME;
  /** How often live mode reads CloudWatch again (its points are a minute apart at the shortest range). */
  public static final Duration LIVE_REFRESH = Duration.ofSeconds(5);
  private static final DateTimeFormatter CUSTOM = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  private final EndpointService service;
  private final TaskExecutor executor;
  private final LogViewModel log;
  private final Clock clock;
  private final StringProperty endpoint = new SimpleStringProperty("");
  private final ObservableList<MetricSeries> series = FXCollections.observableArrayList();
  private final ObservableList<ScaleMark> marks = FXCollections.observableArrayList();
  private final StringProperty summary = new SimpleStringProperty("Pick an endpoint.");
  private final CaptureViewModel capture;
  private final BooleanProperty refreshing = new SimpleBooleanProperty();
  private final ObjectProperty<TimeRange> range = new SimpleObjectProperty<>(TimeRange.MINUTES_15);
  private final BooleanProperty live = new SimpleBooleanProperty(true);
  private final ObjectProperty<Instant> axisStart;
  private final ObjectProperty<Instant> axisEnd;
  private final ObjectProperty<Duration> period = new SimpleObjectProperty<>(Duration.ofMinutes(1));
  private Instant customStart;
  private Instant customEnd;
  private @Nullable Instant readAt;
  private final ReadGate gate = new ReadGate(refreshing);

  public MetricsViewModel(EndpointService service, TaskExecutor executor, LogViewModel log, Clock clock) {
    this.service = service;
    this.executor = executor;
    this.log = log;
    this.clock = clock;
    this.capture = new CaptureViewModel(service, executor, log);
    Instant now = clock.instant();
    customEnd = now;
    customStart = now.minus(Duration.ofHours(1));
    axisEnd = new SimpleObjectProperty<>(now);
    axisStart = new SimpleObjectProperty<>(now.minus(Duration.ofMinutes(15)));
    placeAxis();
    endpoint.addListener((o, a, b) -> {
      series.clear();
      marks.clear();
      capture.clear();
      refresh();
    });
    range.addListener((o, a, b) -> {
      // a custom range is a fixed stretch of the past: live mode would move it
      if (b == TimeRange.CUSTOM) {
        live.set(false);
      }
      placeAxis();
      refresh();
    });
    live.addListener((o, a, b) -> {
      if (b && range.get() == TimeRange.CUSTOM) {
        range.set(TimeRange.HOUR_1);
      }
      placeAxis();
      refresh();
    });
  }

  public StringProperty endpointProperty() { return endpoint; }

  /** One entry per chart: the instance count first (none for serverless), then the endpoint's metrics in order. */
  public ObservableList<MetricSeries> series() { return series; }

  /** The scale events inside the range, marked on every chart. */
  public ObservableList<ScaleMark> marks() { return marks; }

  public StringProperty summaryProperty() { return summary; }

  public ObjectProperty<TimeRange> rangeProperty() { return range; }

  /** Live: the range ends now and moves every {@link #LIVE_REFRESH}; off: the range stays where it is. */
  public BooleanProperty liveProperty() { return live; }

  /** The shared x-axis of every chart: the range shown. */
  public ObjectProperty<Instant> axisStartProperty() { return axisStart; }

  public ObjectProperty<Instant> axisEndProperty() { return axisEnd; }

  /** The CloudWatch period of the points shown. */
  public ObjectProperty<Duration> periodProperty() { return period; }

  public ZoneId zone() { return clock.getZone(); }

  /** The data-capture browser of the endpoint picked here. */
  public CaptureViewModel capture() { return capture; }

  public ObservableList<String> captureColumns() { return capture.columns(); }

  /** The capture page shown. */
  public ObservableList<List<@Nullable String>> captureRows() { return capture.page(); }

  public StringProperty captureStatusProperty() { return capture.statusProperty(); }

  /**
   * Sets the custom range from two local times "yyyy-MM-dd HH:mm" and shows it; returns what is wrong with them,
   * or null when they were taken.
   */
  public @Nullable String custom(String from, String to) {
    LocalDateTime f;
    LocalDateTime t;
    try {
      f = LocalDateTime.parse(from.trim(), CUSTOM);
      t = LocalDateTime.parse(to.trim(), CUSTOM);
    } catch (DateTimeParseException e) {
      return "Custom range: write both times as yyyy-MM-dd HH:mm (e.g. " + CUSTOM.format(LocalDateTime.now(clock))
          + "), not '" + from + "' / '" + to + "'";
    }
    Instant s = f.atZone(clock.getZone()).toInstant();
    Instant e = t.atZone(clock.getZone()).toInstant();
    if (!e.isAfter(s)) {
      return "Custom range: the end (" + to + ") must come after the start (" + from + ")";
    }
    customStart = s;
    customEnd = e;
    if (range.get() == TimeRange.CUSTOM) {
      placeAxis();
      refresh();
    } else {
      range.set(TimeRange.CUSTOM);
    }
    return null;
  }

  /** "yyyy-MM-dd HH:mm" of the axis start / end, to prefill the custom fields. */
  public String axisText(boolean end) {
    return CUSTOM.format((end ? axisEnd.get() : axisStart.get()).atZone(clock.getZone()));
  }

  private void placeAxis() {
    TimeRange r = range.get() == null ? TimeRange.MINUTES_15 : range.get();
    Instant end = r == TimeRange.CUSTOM ? customEnd : live.get() ? clock.instant() : axisEnd.get();
    Instant start = r == TimeRange.CUSTOM ? customStart : end.minus(r.length());
    period.set(MetricsQuery.periodFor(Duration.between(start, end)));
    axisStart.set(start);
    axisEnd.set(end);
  }

  /** In live mode, reads again when the last read is {@link #LIVE_REFRESH} old (the live tick calls this). */
  public void refreshIfDue() {
    Instant at = readAt;
    if (live.get() && (at == null || !clock.instant().isBefore(at.plus(LIVE_REFRESH)))) {
      refresh();
    }
  }

  public void refresh() {
    String name = endpoint.get();
    if (name == null || name.isBlank()) {
      return;
    }
    if (live.get()) {
      placeAxis();
    }
    if (!gate.tryStart()) {
      return;
    }
    readAt = clock.instant();
    Instant start = axisStart.get();
    Instant end = axisEnd.get();
    Duration p = period.get();
    executor.execute(BackgroundTask.of("metrics of " + name, t -> {
          EndpointDescription d = service.describe(name);
          return new Sample(d, service.metrics(name, start, end, p), service.scaling(name, d.variantName()),
              start, end);
        })
        .onSuccess(s -> apply(name, s))
        .onFailure(e -> log.error("reading metrics of " + name, e))
        .onFinished(() -> gate.finished(this::refresh)));
  }

  private static final List<String> ORDER = List.of("ApproximateBacklogSize", "ApproximateBacklogSizePerInstance",
      "HasBacklogWithoutCapacity", "ApproximateAgeOfOldestRequest", "Invocations", "InvocationsProcesssed",
      "InvocationFailures", "Invocation4XXErrors", "Invocation5XXErrors", "ModelLatency", "OverheadLatency");

  private static int rank(MetricSeries s) {
    int at = ORDER.indexOf(s.name());
    return at < 0 ? ORDER.size() : at;
  }

  private void apply(String name, Sample s) {
    if (!name.equals(endpoint.get()) || !s.start().equals(axisStart.get()) || !s.end().equals(axisEnd.get())) {
      return; // another endpoint or range was picked while this one was read
    }
    List<MetricSeries> charts = new ArrayList<>();
    for (Map.Entry<String, List<MetricPoint>> e : s.metrics().series().entrySet()) {
      charts.add(MetricSeries.published(e.getKey(), e.getValue()));
    }
    // the same place for each chart from one refresh to the next, in reading order: load, then outcome
    charts.sort(Comparator.comparingInt(MetricsViewModel::rank).thenComparing(MetricSeries::name));
    EndpointDescription d = s.description();
    if (d.serverless() == null) {
      // first: the count and its scale events are what the other charts are read against
      charts.add(0, InstanceSteps.series(s.scaling(), d.desiredInstances(), s.start(), s.end()));
    }
    InPlace.update(series, charts, MetricSeries::name);
    InPlace.update(marks, InstanceSteps.marks(s.scaling(), s.start(), s.end(), clock.getZone()), ScaleMark::at);
    summary.set(name + " (" + d.kind().name().toLowerCase(java.util.Locale.ROOT) + ", " + d.status() + ", "
        + d.capacity() + "): " + minutes(s.metrics().period()) + " periods, "
        // no clock in the text: a header that changes on every read would flicker (and be read half-drawn)
        + (live.get() ? "live, read every " + LIVE_REFRESH.toSeconds() + " s" : "not live"));
  }

  private static String minutes(Duration period) {
    return period.toSeconds() % 60 == 0 ? period.toMinutes() + "-minute" : period.toSeconds() + "-second";
  }

  /** Reads (again) the endpoint's data-capture records. */
  public void loadCapture() {
    capture.load(endpoint.get());
  }

  private record Sample(EndpointDescription description, EndpointMetrics metrics, ScalingHistory scaling,
      Instant start, Instant end) {}
}
