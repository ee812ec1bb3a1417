package dev.workbench.console.viewmodel;

import dev.workbench.console.service.ConsoleServices;
import dev.workbench.console.service.SettingsStore;
import dev.workbench.console.task.TaskExecutor;
import java.nio.file.Path;
import java.time.Clock;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import org.jspecify.annotations.Nullable;

/** All screens' view-models, wired to the services and one task executor. */
public final class ConsoleViewModel {
  private final LogViewModel log = new LogViewModel();
  private final ConnectionViewModel connection;
  private final EndpointsViewModel endpoints;
  private final InferenceViewModel inference;
  private final JobsViewModel jobs;
  private final MetricsViewModel metrics;
  private final CapturesViewModel captures;
  private final EndpointDetailViewModel detail;
  private final EndpointLogsViewModel logs;
  private final ConsoleServices services;
  private final TaskExecutor executor;

  private final ConsoleSettings settings;
  private final BooleanProperty darkTheme = new SimpleBooleanProperty();

  /** A console whose settings last as long as the process (tests). */
  public ConsoleViewModel(ConsoleServices services, TaskExecutor executor, boolean fastTiming, @Nullable Path dataDir) {
    this(services, executor, fastTiming, dataDir, new ConsoleSettings(SettingsStore.inMemory()));
  }

  public ConsoleViewModel(ConsoleServices services, TaskExecutor executor, boolean fastTiming, @Nullable Path dataDir,
      ConsoleSettings settings) {
    this.services = services;
    this.settings = settings;
    darkTheme.set(settings.darkTheme());
    darkTheme.addListener((o, was, dark) -> settings.darkTheme(dark));
    this.executor = executor;
    // times of day (scaled to zero since 09:12) in the user's zone
    Clock clock = Clock.systemDefaultZone();
    connection = new ConnectionViewModel(services.connection(), executor, log, fastTiming, dataDir, settings);
    endpoints = new EndpointsViewModel(services.endpoints(), executor, log, clock);
    inference = new InferenceViewModel(services.inference(), executor, log);
    jobs = new JobsViewModel(services.inference(), executor, log, clock);
    metrics = new MetricsViewModel(services.endpoints(), executor, log, clock);
    captures = new CapturesViewModel(services.captures(), executor, log);
    detail = new EndpointDetailViewModel(services.endpoints(), executor, log, clock);
    logs = new EndpointLogsViewModel(services.endpoints(), executor, log, clock.getZone());
    connection.onConnected(endpoints::refresh);
    // the Metrics and Evaluation tabs follow the endpoint picked on the Endpoints tab (a filtered-out row clears nothing)
    endpoints.selectedProperty().addListener((o, was, picked) -> {
      if (picked != null) {
        metrics.endpointProperty().set(picked.name());
        captures.endpointProperty().set(picked.name());
        logs.endpointProperty().set(picked.name());
      }
      // the detail pane shows what is selected; a row replaced by a refresh (or searched out of sight) clears the
      // table's selection for a moment, which must not wipe a test body being typed: only a deleted one goes
      if (picked != null) {
        detail.endpointProperty().set(picked.name());
      } else if (endpoints.all().stream().noneMatch(i -> i.name().equals(detail.endpointProperty().get()))) {
        detail.endpointProperty().set("");
      }
    });
  }

  public LogViewModel log() { return log; }

  public ConsoleSettings settings() { return settings; }

  /** Primer Dark instead of Primer Light; remembered. */
  public BooleanProperty darkThemeProperty() { return darkTheme; }

  public ConnectionViewModel connection() { return connection; }

  public EndpointsViewModel endpoints() { return endpoints; }

  public InferenceViewModel inference() { return inference; }

  public JobsViewModel jobs() { return jobs; }

  public MetricsViewModel metrics() { return metrics; }

  /** Model evaluation: the inference captures of the endpoint picked. */
  public CapturesViewModel captures() { return captures; }

  public TaskExecutor executor() { return executor; }

  /** The Endpoints tab's detail pane: the selected endpoint's settings and actions. */
  public EndpointDetailViewModel detail() { return detail; }

  /** The container log of an endpoint. */
  public EndpointLogsViewModel logs() { return logs; }

  /** A fresh deploy form. */
  public DeployViewModel newDeploy() {
    return new DeployViewModel(services.endpoints(), executor, log, endpoints.names());
  }
}
