package dev.workbench.console.viewmodel;

import dev.workbench.api.BatchPhase;
import dev.workbench.api.BatchState;
import dev.workbench.api.InferenceJob;
import dev.workbench.console.service.InferenceService;
import dev.workbench.console.task.BackgroundTask;
import dev.workbench.console.task.TaskExecutor;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** In-flight S3 jobs: every async batch of the runs in this console, with its InferenceId and S3 locations. */
public final class JobsViewModel {
  private final InferenceService service;
  private final TaskExecutor executor;
  private final LogViewModel log;
  private final Clock clock;
  private final ObservableList<BatchItem> batches = FXCollections.observableArrayList();
  private final BooleanProperty showFinished = new SimpleBooleanProperty(false);
  private final StringProperty summary = new SimpleStringProperty("No runs yet.");
  private final BooleanProperty refreshing = new SimpleBooleanProperty();
  /** The last runs, finished ones included: the service lists only the jobs still running. */
  private final java.util.Deque<InferenceJob> recent = new java.util.concurrent.ConcurrentLinkedDeque<>();
  static final int KEEP_RUNS = 5;

  public JobsViewModel(InferenceService service, TaskExecutor executor, LogViewModel log, Clock clock) {
    this.service = service;
    this.executor = executor;
    this.log = log;
    this.clock = clock;
    showFinished.addListener((o, a, b) -> refresh());
  }

  public ObservableList<BatchItem> batches() { return batches; }

  /** When false, only batches still uploading or submitted are shown. */
  public BooleanProperty showFinishedProperty() { return showFinished; }

  public StringProperty summaryProperty() { return summary; }

  public void refresh() {
    if (refreshing.get()) {
      return;
    }
    refreshing.set(true);
    boolean all = showFinished.get();
    executor.execute(BackgroundTask.of("list batches", p -> snapshot(all))
        .onSuccess(this::apply)
        .onFailure(e -> log.error("listing in-flight batches", e))
        .onFinished(() -> refreshing.set(false)));
  }

  private Snapshot snapshot(boolean all) {
    Instant now = clock.instant();
    List<BatchItem> items = new ArrayList<>();
    int running = 0;
    int inFlight = 0;
    for (InferenceJob job : service.jobs()) {
      if (!recent.contains(job)) {
        recent.addLast(job);
      }
    }
    while (recent.size() > KEEP_RUNS) {
      InferenceJob oldest = recent.peekFirst();
      if (oldest == null || !oldest.isDone()) {
        break; // a running job is never dropped from the view
      }
      recent.pollFirst();
    }
    for (InferenceJob job : recent) {
      if (!job.isDone()) {
        running++;
      }
      for (BatchState s : job.batches()) {
        boolean live = s.phase() == BatchPhase.UPLOADING || s.phase() == BatchPhase.SUBMITTED;
        inFlight += live ? 1 : 0;
        if (all || live) {
          items.add(BatchItem.of(job.endpointName(), s, now));
        }
      }
    }
    return new Snapshot(items, running + " run(s) going, " + inFlight + " batch(es) in flight"
        + (all ? "; showing the last " + recent.size() + " run(s)' batches" : ""));
  }

  private void apply(Snapshot s) {
    InPlace.update(batches, s.items(), BatchItem::inferenceId);
    summary.set(s.summary());
  }

  private record Snapshot(List<BatchItem> items, String summary) {}
}
