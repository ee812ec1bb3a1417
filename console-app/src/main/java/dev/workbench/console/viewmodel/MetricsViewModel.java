package dev.workbench.console.viewmodel;

import dev.workbench.api.EndpointDescription;
import dev.workbench.api.EndpointMetrics;
import dev.workbench.api.MetricPoint;
import dev.workbench.console.service.EndpointService;
import dev.workbench.console.task.BackgroundTask;
import dev.workbench.console.task.TaskExecutor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jspecify.annotations.Nullable;

/**
 * Metrics of one endpoint (the async set or the sync set) plus its instance count sampled from
 * DescribeEndpoint while the view is open, and its data-capture records.
 */
public final class MetricsViewModel {
  static final String INSTANCES = "InstanceCount";
  private final EndpointService service;
  private final TaskExecutor executor;
  private final LogViewModel log;
  private final Clock clock;
  private final StringProperty endpoint = new SimpleStringProperty("");
  private final ObservableList<MetricSeries> series = FXCollections.observableArrayList();
  private final StringProperty summary = new SimpleStringProperty("Pick an endpoint.");
  private final CaptureViewModel capture;
  private final BooleanProperty refreshing = new SimpleBooleanProperty();
  private final List<MetricPoint> instances = new ArrayList<>();
  private Duration window = Duration.ofMinutes(5);

  public MetricsViewModel(EndpointService service, TaskExecutor executor, LogViewModel log, Clock clock) {
    this.service = service;
    this.executor = executor;
    this.log = log;
    this.clock = clock;
    this.capture = new CaptureViewModel(service, executor, log);
    endpoint.addListener((o, a, b) -> {
      instances.clear();
      series.clear();
      capture.clear();
      refresh();
    });
  }

  public StringProperty endpointProperty() { return endpoint; }

  /** One entry per chart, in the endpoint's metric order, the instance count last. */
  public ObservableList<MetricSeries> series() { return series; }

  public StringProperty summaryProperty() { return summary; }

  /** The data-capture browser of the endpoint picked here. */
  public CaptureViewModel capture() { return capture; }

  public ObservableList<String> captureColumns() { return capture.columns(); }

  /** The capture page shown. */
  public ObservableList<List<@Nullable String>> captureRows() { return capture.page(); }

  public StringProperty captureStatusProperty() { return capture.statusProperty(); }

  public void window(Duration window) { this.window = window; }

  public void refresh() {
    String name = endpoint.get();
    if (name == null || name.isBlank() || refreshing.get()) {
      return;
    }
    refreshing.set(true);
    Duration since = window;
    executor.execute(BackgroundTask.of("metrics of " + name, p -> new Sample(service.describe(name),
            service.metrics(name, since), clock.instant()))
        .onSuccess(s -> apply(name, s))
        .onFailure(e -> log.error("reading metrics of " + name, e))
        .onFinished(() -> refreshing.set(false)));
  }

  private static final List<String> ORDER = List.of("ApproximateBacklogSize", "ApproximateBacklogSizePerInstance",
      "HasBacklogWithoutCapacity", "ApproximateAgeOfOldestRequest", "Invocations", "InvocationsProcesssed",
      "InvocationFailures", "Invocation4XXErrors", "Invocation5XXErrors", "ModelLatency", "OverheadLatency");

  private static int rank(MetricSeries s) {
    int at = ORDER.indexOf(s.name());
    return at < 0 ? ORDER.size() : at;
  }

  private void apply(String name, Sample s) {
    if (!name.equals(endpoint.get())) {
      return;
    }
    instances.add(new MetricPoint(s.at(), s.description().currentInstances()));
    List<MetricSeries> charts = new ArrayList<>();
    for (Map.Entry<String, List<MetricPoint>> e : s.metrics().series().entrySet()) {
      charts.add(new MetricSeries(e.getKey(), e.getValue()));
    }
    // the same place for each chart from one refresh to the next, in reading order: load, then outcome
    charts.sort(java.util.Comparator.comparingInt(MetricsViewModel::rank).thenComparing(MetricSeries::name));
    charts.add(new MetricSeries(INSTANCES, List.copyOf(instances)));
    series.setAll(charts);
    EndpointDescription d = s.description();
    summary.set(name + " (" + (d.async() ? "async" : "sync") + ", " + d.status() + "): " + d.currentInstances()
        + " of " + d.desiredInstances() + " instance(s) - metrics every " + s.metrics().period().toSeconds() + "s");
  }

  /** Reads (again) the endpoint's data-capture records. */
  public void loadCapture() {
    capture.load(endpoint.get());
  }

  private record Sample(EndpointDescription description, EndpointMetrics metrics, Instant at) {}
}
