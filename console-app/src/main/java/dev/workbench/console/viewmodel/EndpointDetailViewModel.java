package dev.workbench.console.viewmodel;

import dev.workbench.api.EndpointHealth;
import dev.workbench.api.HealthIssue;
import dev.workbench.api.TestInferenceResult;
import dev.workbench.console.service.EndpointDetail;
import dev.workbench.console.service.EndpointService;
import dev.workbench.console.task.BackgroundTask;
import dev.workbench.console.task.TaskExecutor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
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
 * The detail pane of the endpoint selected on the Endpoints tab: its settings in sections (re-read every few
 * seconds while shown, updated in place), and the pane's actions: update, test inference with an editable CSV body,
 * health.
 */
public final class EndpointDetailViewModel {
  /** How often the shown detail is read again: the list refreshes each second, the detail costs several calls. */
  static final Duration REREAD = Duration.ofSeconds(5);
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
  private final EndpointService service;
  private final TaskExecutor executor;
  private final LogViewModel log;
  private final Clock clock;
  private final StringProperty endpoint = new SimpleStringProperty("");
  private final ObjectProperty<@Nullable EndpointDetail> detail = new SimpleObjectProperty<>();
  private final ObservableList<DetailSection> sections = FXCollections.observableArrayList();
  private final StringProperty status = new SimpleStringProperty("Select an endpoint to see its settings.");
  private final BooleanProperty loading = new SimpleBooleanProperty();
  private final StringProperty testBody = new SimpleStringProperty("");
  private final StringProperty testAnswer = new SimpleStringProperty("");
  private final StringProperty testSummary = new SimpleStringProperty("");
  private final BooleanProperty testing = new SimpleBooleanProperty();
  private final StringProperty health = new SimpleStringProperty("");
  private final BooleanProperty checking = new SimpleBooleanProperty();
  private @Nullable Instant readAt;
  private final ReadGate gate = new ReadGate(loading);
  private final UpdateRun update;

  public EndpointDetailViewModel(EndpointService service, TaskExecutor executor, LogViewModel log, Clock clock) {
    this.service = service;
    this.executor = executor;
    this.log = log;
    this.clock = clock;
    this.update = new UpdateRun(service, executor, log, this::refresh);
    endpoint.addListener((o, was, now) -> {
      update.clear();
      detail.set(null);
      sections.clear();
      testBody.set("");
      testAnswer.set("");
      testSummary.set("");
      health.set("");
      readAt = null;
      status.set(now == null || now.isBlank() ? "Select an endpoint to see its settings." : "Reading " + now + "...");
      refresh();
      loadSample();
    });
  }

  public StringProperty endpointProperty() { return endpoint; }

  public ObjectProperty<@Nullable EndpointDetail> detailProperty() { return detail; }

  /** The pane's sections, in reading order; a re-read replaces only the sections that changed. */
  public ObservableList<DetailSection> sections() { return sections; }

  public StringProperty statusProperty() { return status; }

  public BooleanProperty loadingProperty() { return loading; }

  /** The CSV (header first) Test inference sends: the model's sample until the user edits it. */
  public StringProperty testBodyProperty() { return testBody; }

  /** The answer of the last test, as CSV. */
  public StringProperty testAnswerProperty() { return testAnswer; }

  /** "2 rows OK in 41 ms", or what went wrong. */
  public StringProperty testSummaryProperty() { return testSummary; }

  public BooleanProperty testingProperty() { return testing; }

  /** The last health check: "healthy" or its issues, one a line. */
  public StringProperty healthProperty() { return health; }

  public BooleanProperty checkingProperty() { return checking; }

  /** The pane's Update action: its progress and outcome. */
  public UpdateRun update() { return update; }

  /** A form prefilled with the shown endpoint's settings, or null before its detail is read. */
  public @Nullable UpdateForm newUpdate() {
    EndpointDetail d = detail.get();
    return d == null ? null : new UpdateForm(d);
  }

  /** The section of this title, or null (tests, the screenshot tour). */
  public @Nullable DetailSection section(String title) {
    return sections.stream().filter(s -> s.title().equals(title)).findFirst().orElse(null);
  }

  /** Reads the detail again unless it was read within {@link #REREAD} (the live tick calls this each second). */
  public void refreshIfStale() {
    Instant at = readAt;
    if (at == null || !clock.instant().isBefore(at.plus(REREAD))) {
      refresh();
    }
  }

  public void refresh() {
    String name = endpoint.get();
    if (name == null || name.isBlank()) {
      return;
    }
    if (!gate.tryStart()) {
      return;
    }
    readAt = clock.instant();
    executor.execute(BackgroundTask.of("detail of " + name, p -> service.detail(name))
        .onSuccess(d -> {
          if (name.equals(endpoint.get())) {
            detail.set(d);
            InPlace.update(sections, DetailSections.of(d, clock.getZone()), DetailSection::title);
            status.set(name + ", read at " + CLOCK.format(clock.instant().atZone(clock.getZone())));
          }
        })
        .onFailure(e -> {
          if (name.equals(endpoint.get())) {
            status.set("Could not read " + name + ": " + e.getMessage());
          }
          log.error("reading endpoint " + name, e);
        })
        .onFinished(() -> gate.finished(this::refresh)));
  }

  private void loadSample() {
    String name = endpoint.get();
    if (name == null || name.isBlank()) {
      return;
    }
    executor.execute(BackgroundTask.of("sample of " + name, p -> service.sample(name))
        .onSuccess(csv -> {
          // the user may have typed a body meanwhile: theirs stays
          if (name.equals(endpoint.get()) && testBody.get().isBlank()) {
            testBody.set(csv == null ? "" : csv);
            if (csv == null) {
              testSummary.set("The model keeps no sample: type CSV rows (header first) to test with.");
            }
          }
        })
        .onFailure(e -> log.error("reading the sample of " + name, e)));
  }

  /** Sends the body to the endpoint (an async one wakes from zero: this may take a while) and shows the answer. */
  public void test() {
    String name = endpoint.get();
    String body = testBody.get();
    if (name == null || name.isBlank() || testing.get()) {
      return;
    }
    if (body == null || body.isBlank()) {
      testSummary.set("Nothing to send: type CSV rows (header first).");
      return;
    }
    testing.set(true);
    testSummary.set("Testing " + name + "...");
    executor.execute(BackgroundTask.of("test inference on " + name, p -> service.testInference(name, body))
        .onSuccess(r -> {
          if (name.equals(endpoint.get())) {
            testAnswer.set(r.output().toCsv());
            testSummary.set(summary(r));
          }
          log.info("test inference on " + name + ": " + summary(r));
        })
        .onFailure(e -> {
          if (name.equals(endpoint.get())) {
            testSummary.set("Test failed: " + e.getMessage());
          }
          log.error("test inference on " + name, e);
        })
        .onFinished(() -> testing.set(false)));
  }

  static String summary(TestInferenceResult r) {
    String took = " in " + MetricUnits.millis(r.latency());
    if (r.success()) {
      return r.rows() + (r.rows() == 1 ? " row" : " rows") + " OK" + took;
    }
    return r.failedRows() + " of " + r.rows() + " rows failed" + took
        + (r.firstError() == null ? "" : ": " + r.firstError());
  }

  /** Runs Workbench's health check (three days of metrics) and shows its issues. */
  public void checkHealth() {
    String name = endpoint.get();
    if (name == null || name.isBlank() || checking.get()) {
      return;
    }
    checking.set(true);
    health.set("Checking...");
    executor.execute(BackgroundTask.of("health of " + name, p -> service.health(name))
        .onSuccess(h -> {
          if (name.equals(endpoint.get())) {
            health.set(healthText(h));
          }
        })
        .onFailure(e -> {
          if (name.equals(endpoint.get())) {
            health.set("Health check failed: " + e.getMessage());
          }
          log.error("health of " + name, e);
        })
        .onFinished(() -> checking.set(false)));
  }

  static String healthText(EndpointHealth h) {
    if (h.healthy()) {
      return "Healthy (no issue over the last " + EndpointItem.duration(h.window()) + ")";
    }
    StringBuilder s = new StringBuilder();
    for (HealthIssue i : h.issues()) {
      s.append(s.length() == 0 ? "" : "\n").append(i.code()).append(": ").append(i.detail());
    }
    return s.toString();
  }
}
