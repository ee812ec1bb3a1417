package dev.workbench.console.viewmodel;

import dev.workbench.api.DeployException;
import dev.workbench.api.EndpointUpdate;
import dev.workbench.console.service.EndpointService;
import dev.workbench.console.task.BackgroundTask;
import dev.workbench.console.task.TaskExecutor;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The detail pane's update in the background: one at a time (SageMaker refuses a second while the first is
 * Updating), its progress until InService, then what changed or why it did not (a rollback leaves the old config
 * serving: said so). Failures go to the log, which notifies, as the other actions' do.
 */
public final class UpdateRun {
  private final EndpointService service;
  private final TaskExecutor executor;
  private final LogViewModel log;
  private final Runnable onUpdated;
  private final BooleanProperty running = new SimpleBooleanProperty();
  private final BooleanProperty failed = new SimpleBooleanProperty();
  private final StringProperty message = new SimpleStringProperty("");

  UpdateRun(EndpointService service, TaskExecutor executor, LogViewModel log, Runnable onUpdated) {
    this.service = service;
    this.executor = executor;
    this.log = log;
    this.onUpdated = onUpdated;
  }

  public BooleanProperty runningProperty() { return running; }

  /** The last update ended in an error or a rollback. */
  public BooleanProperty failedProperty() { return failed; }

  /** "Updating e: update: ... (3s)", "Updated e: Instances: 1 → 2 (InService)" or what went wrong; empty before. */
  public StringProperty messageProperty() { return message; }

  /** Clears the last outcome (another endpoint shown); a running update keeps its line. */
  void clear() {
    if (!running.get()) {
      message.set("");
      failed.set(false);
    }
  }

  /** Applies the form's changes; does nothing while another update runs or when the form cannot be applied. */
  public void apply(UpdateForm form) {
    if (running.get() || !form.canApplyProperty().get()) {
      return;
    }
    String name = form.endpoint();
    EndpointUpdate update = form.request();
    List<String> changes = List.copyOf(form.changes());
    String what = String.join(", ", changes);
    running.set(true);
    failed.set(false);
    message.set("Updating " + name + ": " + what + "...");
    log.info("updating endpoint " + name + ": " + what);
    executor.execute(BackgroundTask.of("update " + name, p -> service.update(name, update,
            step -> p.message("Updating " + name + ": " + step.message() + " (" + step.elapsed().toSeconds() + "s)")))
        .onMessage(message::set)
        .onSuccess(d -> {
          message.set("Updated " + name + ": " + what + " (" + d.status() + ")");
          log.info("updated endpoint " + name + " (" + what + "); it is " + d.status());
          onUpdated.run();
        })
        .onFailure(e -> {
          failed.set(true);
          message.set(outcome(name, e));
          log.error("updating endpoint " + name, e);
          // the pane shows the config that serves now (the old one after a rollback)
          onUpdated.run();
        })
        .onFinished(() -> running.set(false)));
  }

  /** A rollback says the old config still serves; a refused value says nothing changed. */
  static String outcome(String name, Throwable e) {
    String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (e instanceof IllegalArgumentException) {
      return "Update of " + name + " refused, nothing changed: " + why;
    }
    if (e instanceof DeployException && why.contains("rolled back")) {
      return "Update of " + name + " rolled back; the old config still serves: " + why;
    }
    return "Update of " + name + " failed: " + why;
  }
}
