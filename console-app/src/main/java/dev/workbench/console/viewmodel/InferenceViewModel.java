package dev.workbench.console.viewmodel;

import dev.workbench.api.BatchResult;
import dev.workbench.api.Frame;
import dev.workbench.api.InferenceFailedException;
import dev.workbench.api.InferenceJob;
import dev.workbench.api.InferenceProgress;
import dev.workbench.console.service.InferenceService;
import dev.workbench.console.task.BackgroundTask;
import dev.workbench.console.task.TaskExecutor;
import dev.workbench.console.task.TaskHandle;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntUnaryOperator;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.jspecify.annotations.Nullable;

/**
 * CSV inference: open (or drop) a file, preview it, pick an endpoint, run with live progress, watch results
 * arrive batch by batch, cancel, save, retry failed rows.
 */
public final class InferenceViewModel {
  static final int PREVIEW_ROWS = 200;

  private final InferenceService service;
  private final TaskExecutor executor;
  private final LogViewModel log;
  private final ObjectProperty<@Nullable Path> file = new SimpleObjectProperty<>();
  private final ObservableList<String> previewColumns = FXCollections.observableArrayList();
  private final ObservableList<List<@Nullable String>> previewRows = FXCollections.observableArrayList();
  private final IntegerProperty rowCount = new SimpleIntegerProperty(-1);
  private final BooleanProperty loading = new SimpleBooleanProperty();
  private final StringProperty fileStatus = new SimpleStringProperty("Drop a CSV file here or open one.");
  private final StringProperty endpoint = new SimpleStringProperty("");
  private final BooleanProperty running = new SimpleBooleanProperty();
  private final DoubleProperty progress = new SimpleDoubleProperty();
  private final IntegerProperty rowsDone = new SimpleIntegerProperty();
  private final IntegerProperty rowsInFlight = new SimpleIntegerProperty();
  private final IntegerProperty rowsFailed = new SimpleIntegerProperty();
  private final StringProperty rate = new SimpleStringProperty("");
  private final StringProperty eta = new SimpleStringProperty("");
  private final StringProperty runStatus = new SimpleStringProperty("");
  private final ObservableList<String> resultColumns = FXCollections.observableArrayList();
  private final ObservableList<ResultRow> results = FXCollections.observableArrayList();
  private final IntegerProperty failedResults = new SimpleIntegerProperty();
  private final ObjectProperty<@Nullable InferenceJob> job = new SimpleObjectProperty<>();
  private final BooleanProperty unsaved = new SimpleBooleanProperty();
  private final BooleanProperty failedOnly = new SimpleBooleanProperty();
  private final FilteredList<ResultRow> shownResults = new FilteredList<>(results, r -> true);
  private final IntegerProperty remainingRows = new SimpleIntegerProperty();
  private final BooleanBinding canRun;
  private final BooleanBinding canRunRemaining;
  private @Nullable Frame input;
  /** The file and endpoint the results came from: Save and Retry belong to that run, not to the pickers' values. */
  private @Nullable Path resultsFile;
  private @Nullable String resultsEndpoint;
  /** Counts changes to the results, so a save knows whether it wrote the latest. */
  private long changes;
  private @Nullable TaskHandle loadTask;
  /** Cancel was pressed while the run was still being submitted: cancel it as soon as it has a job. */
  private boolean cancelOnSubmit;

  public InferenceViewModel(InferenceService service, TaskExecutor executor, LogViewModel log) {
    this.service = service;
    this.executor = executor;
    this.log = log;
    canRun = Bindings.createBooleanBinding(() -> !running.get() && !loading.get() && rowCount.get() > 0
        && endpoint.get() != null && !endpoint.get().isBlank(), running, loading, rowCount, endpoint);
    canRunRemaining = Bindings.createBooleanBinding(() -> !running.get() && remainingRows.get() > 0,
        running, remainingRows);
    failedOnly.addListener((o, was, only) -> shownResults.setPredicate(only ? ResultRow::failed : r -> true));
  }

  public ObjectProperty<@Nullable Path> fileProperty() { return file; }

  public ObservableList<String> previewColumns() { return previewColumns; }

  public ObservableList<List<@Nullable String>> previewRows() { return previewRows; }

  /** Rows in the file; -1 until the whole file has been read. */
  public IntegerProperty rowCountProperty() { return rowCount; }

  public BooleanProperty loadingProperty() { return loading; }

  public StringProperty fileStatusProperty() { return fileStatus; }

  public StringProperty endpointProperty() { return endpoint; }

  public BooleanProperty runningProperty() { return running; }

  public DoubleProperty progressProperty() { return progress; }

  public IntegerProperty rowsDoneProperty() { return rowsDone; }

  public IntegerProperty rowsInFlightProperty() { return rowsInFlight; }

  public IntegerProperty rowsFailedProperty() { return rowsFailed; }

  public StringProperty rateProperty() { return rate; }

  public StringProperty etaProperty() { return eta; }

  public StringProperty runStatusProperty() { return runStatus; }

  public ObservableList<String> resultColumns() { return resultColumns; }

  /** Results in input order, filled as batches finish. */
  public ObservableList<ResultRow> results() { return results; }

  public IntegerProperty failedResultsProperty() { return failedResults; }

  /** The results the table shows: all, or the failed rows only. */
  public ObservableList<ResultRow> shownResults() { return shownResults; }

  public BooleanProperty failedOnlyProperty() { return failedOnly; }

  /** True when there are results that were not saved since they last changed. */
  public BooleanProperty unsavedProperty() { return unsaved; }

  /** Where Save suggests writing: {@code <input>-results.csv} next to the input of the results' run. */
  public @Nullable Path suggestedSaveFile() {
    Path from = resultsFile != null ? resultsFile : file.get();
    if (from == null) {
      return null;
    }
    String name = from.getFileName().toString();
    String stem = name.toLowerCase(Locale.ROOT).endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
    return from.resolveSibling(stem + "-results.csv");
  }

  public ObjectProperty<@Nullable InferenceJob> jobProperty() { return job; }

  /** The endpoint the results (and the run going) belong to; the picker's value when there are none. */
  public String jobEndpoint() {
    return resultsEndpoint != null ? resultsEndpoint : String.valueOf(endpoint.get());
  }

  public BooleanBinding canRunProperty() { return canRun; }

  /** Input rows of the results' run that have no result (a cancelled or stopped run): "Run remaining rows". */
  public IntegerProperty remainingRowsProperty() { return remainingRows; }

  public BooleanBinding canRunRemainingProperty() { return canRunRemaining; }

  /** How the failed rows divide into transient failures and rows the model refused: said before a retry. */
  public RetryPlan retryPlan() {
    return RetryPlan.of(results);
  }

  /**
   * Previews the file at once, then reads it whole in the background (streamed), counting rows. The results of
   * the previous file are dropped (the view asks first when they are unsaved) and a run still going is cancelled.
   */
  public void open(Path path) {
    if (loadTask != null) {
      loadTask.cancel();
    }
    if (running.get()) {
      cancel();
    }
    resetResults();
    file.set(path);
    input = null;
    rowCount.set(-1);
    loading.set(true);
    fileStatus.set("Reading " + path.getFileName() + "...");
    executor.execute(BackgroundTask.of("preview " + path.getFileName(), p -> service.preview(path, PREVIEW_ROWS))
        .onSuccess(preview -> {
          if (!path.equals(file.get())) {
            return;
          }
          previewColumns.setAll(preview.head().columns());
          List<List<@Nullable String>> rows = new ArrayList<>();
          preview.head().forEach(r -> rows.add(r.values()));
          previewRows.setAll(rows);
        })
        .onFailure(e -> log.error("reading " + path.getFileName(), e)));
    AtomicReference<@Nullable Frame> read = new AtomicReference<>();
    loadTask = executor.execute(BackgroundTask.of("read " + path.getFileName(), p -> {
          Frame f = service.load(path, n -> p.message(String.format(Locale.ROOT, "Reading %s... %,d rows",
              path.getFileName(), n)), p::isCancelled);
          read.set(f);
          return f == null ? 0 : f.rowCount();
        })
        .onMessage(fileStatus::set)
        .onSuccess(n -> {
          if (!path.equals(file.get())) {
            return;
          }
          input = read.get();
          rowCount.set(n);
          fileStatus.set(String.format(Locale.ROOT, "%s: %,d rows, %d columns", path.getFileName(), n,
              previewColumns.size()));
          log.info(fileStatus.get());
        })
        .onFailure(e -> {
          fileStatus.set("Could not read " + path.getFileName() + ": " + e.getMessage());
          log.error("reading " + path.getFileName(), e);
        })
        .onFinished(() -> loading.set(false)));
  }

  /** Forgets the results, their run and its progress line (a new file, or before a fresh run). */
  private void resetResults() {
    job.set(null);
    results.clear();
    resultColumns.clear();
    failedResults.set(0);
    unsaved.set(false);
    resultsFile = null;
    resultsEndpoint = null;
    remainingRows.set(0);
    resetProgress("");
  }

  private void resetProgress(String status) {
    progress.set(0);
    rowsDone.set(0);
    rowsInFlight.set(0);
    rowsFailed.set(0);
    rate.set("");
    eta.set("");
    runStatus.set(status);
  }

  /** Runs the whole file on the chosen endpoint. */
  public void run() {
    Frame in = input;
    if (in == null || !canRun.get()) {
      log.info(running.get() ? "a run is going: cancel it before running again" : "nothing to run: open a CSV file and "
          + "pick an endpoint");
      return;
    }
    resetResults();
    resultsFile = file.get();
    resultsEndpoint = endpoint.get();
    start(in, i -> i, Mode.RUN, "running " + in.rowCount() + " rows on " + endpoint.get());
  }

  /**
   * Sends the input rows that have no result yet (after a cancel, or a run stopped by an outage) to the results'
   * endpoint; their results join the table in input order. Rows with a result are not sent at all, so no
   * finished batch is invoked again, on sync endpoints (which keep no journal) as on async ones.
   */
  public void runRemaining() {
    Frame in = input;
    String name = resultsEndpoint;
    if (running.get()) {
      log.info("a run is going: run the remaining rows when it has ended");
      return;
    }
    int[] rows = missingRows();
    if (in == null || name == null || rows.length == 0) {
      log.info("no remaining rows to run");
      return;
    }
    start(in.selectRows(rows), i -> rows[i], Mode.REMAINING, String.format(Locale.ROOT,
        "running the remaining %,d of %,d rows on %s", rows.length, in.rowCount(), name));
  }

  /** Input rows without a result, in input order. */
  private int[] missingRows() {
    Frame in = input;
    if (in == null) {
      return new int[0];
    }
    int[] missing = new int[in.rowCount() - results.size()];
    int n = 0;
    int next = 0;
    for (ResultRow r : results) {
      while (next < r.row() && n < missing.length) {
        missing[n++] = next++;
      }
      next = r.row() + 1;
    }
    while (next < in.rowCount() && n < missing.length) {
      missing[n++] = next++;
    }
    return n == missing.length ? missing : java.util.Arrays.copyOf(missing, n);
  }

  /**
   * Sends the failed rows of the results' run again, to that run's endpoint; their results replace the failed
   * ones in place. Works on a cancelled run's results too (the rows it has).
   */
  public void retryFailed() {
    retryFailed(false);
  }

  /** As {@link #retryFailed()}; with {@code transientOnly}, the rows the model refused are left as they are. */
  public void retryFailed(boolean transientOnly) {
    Frame in = input;
    String name = resultsEndpoint;
    int[] rows = results.stream().filter(ResultRow::failed)
        .filter(r -> !transientOnly || FailureKind.of(java.util.Objects.requireNonNull(r.error())) == FailureKind.TRANSIENT)
        .mapToInt(ResultRow::row).toArray();
    if (running.get()) {
      log.info("a run is going: retry when it has ended");
      return;
    }
    if (in == null || name == null || rows.length == 0) {
      log.info("no failed rows to retry");
      return;
    }
    start(in.selectRows(rows), i -> rows[i], Mode.RETRY, "retrying " + rows.length + " failed rows on " + name);
  }

  /** What a run sends: the whole file, the failed rows again, or the rows a stopped run left. */
  private enum Mode { RUN, RETRY, REMAINING }

  private void start(Frame in, IntUnaryOperator toInputRow, Mode mode, String what) {
    String name = java.util.Objects.requireNonNull(resultsEndpoint);
    running.set(true);
    cancelOnSubmit = false;
    job.set(null); // until the submit answers, Cancel must not reach the previous run's job
    resetProgress("submitting...");
    log.info(what);
    executor.execute(BackgroundTask.of("submit to " + name, p -> service.submit(name, in))
        .onSuccess(j -> follow(j, toInputRow, in.rowCount(), mode))
        .onFailure(e -> {
          running.set(false);
          runStatus.set("failed: " + e.getMessage());
          log.error("inference on " + name, e);
        }));
  }

  private void follow(InferenceJob j, IntUnaryOperator toInputRow, int total, Mode mode) {
    job.set(j);
    if (cancelOnSubmit) {
      cancel();
    }
    AtomicReference<@Nullable InferenceProgress> latest = new AtomicReference<>();
    AtomicBoolean scheduled = new AtomicBoolean();
    // progress can fire often; coalesce to one UI update at a time
    j.onProgress(p -> {
      latest.set(p);
      if (scheduled.compareAndSet(false, true)) {
        executor.ui(() -> {
          scheduled.set(false);
          InferenceProgress now = latest.get();
          // a late update must not overwrite the final "done" / "cancelled" line
          if (now != null && job.get() == j && running.get()) {
            showProgress(now);
          }
        });
      }
    });
    // Batch events and the job's completion arrive on different threads: rows not shown when the job completes
    // are taken from its final frame, and batch events after that are ignored.
    boolean[] shown = new boolean[total];
    AtomicBoolean settled = new AtomicBoolean();
    j.onBatch(b -> executor.ui(() -> {
      if (!settled.get() && job.get() == j) {
        for (int i = 0; i < b.rows().rowCount(); i++) {
          shown[b.firstRow() + i] = true;
        }
        addBatch(b, toInputRow);
      }
    }));
    j.future().whenComplete((frame, error) -> executor.ui(() -> {
      settled.set(true);
      Frame all = frame != null ? frame
          : unwrap(error) instanceof InferenceFailedException f ? f.result() : null;
      if (all != null && job.get() == j) {
        addMissing(all, shown, toInputRow);
      }
      finished(j, total, mode, error);
    }));
  }

  private static @Nullable Throwable unwrap(@Nullable Throwable error) {
    return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
  }

  /** Adds the rows of the final frame that no batch event has shown yet, a contiguous range at a time. */
  private void addMissing(Frame all, boolean[] shown, IntUnaryOperator toInputRow) {
    int i = 0;
    while (i < shown.length && i < all.rowCount()) {
      if (shown[i]) {
        i++;
        continue;
      }
      int from = i;
      while (i < shown.length && i < all.rowCount() && !shown[i]) {
        shown[i++] = true;
      }
      addBatch(new BatchResult(from, all.slice(from, i)), toInputRow);
    }
  }

  void showProgress(InferenceProgress p) {
    rowsDone.set(p.rowsDone());
    rowsInFlight.set(p.rowsInFlight());
    rowsFailed.set(p.rowsFailed());
    progress.set(p.totalRows() == 0 ? 1 : (double) p.rowsDone() / p.totalRows());
    rate.set(String.format(Locale.ROOT, "%,.0f rows/s", p.rowsPerSecond()));
    Duration left = p.eta();
    eta.set(left == null ? "" : "ETA " + format(left));
    String state = switch (p.endpointState()) {
      case RUNNING -> "";
      case SCALED_TO_ZERO -> " - endpoint scaled to zero, waiting for an instance";
      case WARMING -> " - endpoint warming up"
          + (p.warmingFor() == null ? "" : " " + format(p.warmingFor()));
    };
    runStatus.set(String.format(Locale.ROOT, "%,d / %,d rows done, %,d in flight, %,d failed%s",
        p.rowsDone(), p.totalRows(), p.rowsInFlight(), p.rowsFailed(), state));
  }

  static String format(Duration d) {
    long s = Math.max(0, d.toSeconds());
    return s < 60 ? s + "s" : s < 3600 ? (s / 60) + "m " + (s % 60) + "s" : (s / 3600) + "h " + (s % 3600 / 60) + "m";
  }

  /** Puts a finished batch's rows in their places (results stay in input order). */
  void addBatch(BatchResult batch, IntUnaryOperator toInputRow) {
    Frame rows = batch.rows();
    widenColumns(rows.columns());
    boolean hasError = rows.hasColumn(Frame.ERROR_COLUMN);
    List<ResultRow> add = new ArrayList<>(rows.rowCount());
    int failed = 0;
    for (int i = 0; i < rows.rowCount(); i++) {
      ResultRow r = ResultRow.of(toInputRow.applyAsInt(batch.firstRow() + i), rows.get(i), hasError);
      add.add(r);
      failed += r.failed() ? 1 : 0;
    }
    if (add.isEmpty()) {
      return;
    }
    unsaved.set(true);
    changes++;
    int first = insertionPoint(add.get(0).row());
    if (first == results.size() || results.get(first).row() > add.get(add.size() - 1).row()) {
      // rows not in the table yet, one contiguous range (a run's batch): in one change
      results.addAll(first, add);
      failedResults.set(failedResults.get() + failed);
      return;
    }
    // a retry: each row replaces the one at its input position
    for (ResultRow r : add) {
      int at = insertionPoint(r.row());
      if (at < results.size() && results.get(at).row() == r.row()) {
        failedResults.set(failedResults.get() - (results.get(at).failed() ? 1 : 0) + (r.failed() ? 1 : 0));
        results.set(at, r);
      } else {
        results.add(at, r);
        failedResults.set(failedResults.get() + (r.failed() ? 1 : 0));
      }
    }
  }

  /**
   * Batches can differ in their columns (one that failed whole has the input's and the error's only), so the
   * table shows every column any batch had, with the error column last.
   */
  private void widenColumns(List<String> batchColumns) {
    if (resultColumns.containsAll(batchColumns)) {
      return;
    }
    LinkedHashSet<String> all = new LinkedHashSet<>(resultColumns);
    all.addAll(batchColumns);
    if (all.remove(Frame.ERROR_COLUMN)) {
      all.add(Frame.ERROR_COLUMN);
    }
    resultColumns.setAll(all);
  }

  private int insertionPoint(int row) {
    int lo = 0;
    int hi = results.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (results.get(mid).row() < row) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * The run's last line, counted from the results table itself (the one source of truth: the job's own progress
   * may count rows whose batch never reached the table); rate and ETA go, they describe a run going on.
   */
  private void finished(InferenceJob j, int sent, Mode mode, @Nullable Throwable error) {
    if (job.get() != j) {
      return;
    }
    running.set(false);
    rate.set("");
    eta.set("");
    rowsInFlight.set(0);
    Frame in = input;
    int inputRows = in == null ? results.size() : in.rowCount();
    int have = results.size();
    rowsDone.set(have);
    rowsFailed.set(failedResults.get());
    remainingRows.set(Math.max(0, inputRows - have));
    progress.set(inputRows == 0 ? 1 : (double) have / inputRows);
    String table = have == inputRows
        ? String.format(Locale.ROOT, "%,d rows, %,d failed", have, failedResults.get())
        : String.format(Locale.ROOT, "%,d of %,d rows have results, %,d failed", have, inputRows, failedResults.get());
    String what = switch (mode) {
      case RUN -> "";
      case RETRY -> "retry ";
      case REMAINING -> "remaining rows ";
    };
    String retried = switch (mode) {
      case RUN -> "";
      case RETRY -> String.format(Locale.ROOT, "retried %,d rows; ", sent);
      case REMAINING -> String.format(Locale.ROOT, "ran %,d remaining rows; ", sent);
    };
    Throwable cause = unwrap(error);
    if (cause == null || cause instanceof InferenceFailedException) {
      runStatus.set(what + "done: " + retried + table);
      log.info("inference on " + j.endpointName() + ": " + runStatus.get());
      if (cause != null) {
        log.error("inference on " + j.endpointName(), cause);
      }
    } else if (cause instanceof CancellationException) {
      runStatus.set(what + "cancelled: " + retried + table);
      log.info("inference on " + j.endpointName() + " " + runStatus.get());
    } else {
      runStatus.set("failed: " + cause.getMessage() + " (" + table + ")");
      log.error("inference on " + j.endpointName(), cause);
    }
  }

  public void cancel() {
    InferenceJob j = job.get();
    if (j == null && running.get()) {
      cancelOnSubmit = true;
      runStatus.set("cancelling...");
    } else if (j != null && running.get()) {
      runStatus.set("cancelling...");
      executor.execute(BackgroundTask.run("cancel", () -> service.cancel(j))
          .onFailure(e -> log.error("cancelling the run", e)));
    }
  }

  /** The results so far as a frame (input order). */
  public Frame resultFrame() {
    List<String> columns = List.copyOf(resultColumns);
    List<List<@Nullable String>> rows = new ArrayList<>(results.size());
    for (ResultRow r : results) {
      List<@Nullable String> values = new ArrayList<>(columns.size());
      for (String c : columns) {
        values.add(r.value(c));
      }
      rows.add(values);
    }
    return Frame.of(columns, rows);
  }

  /** Saves every result (not only the rows a filter shows) of the results' run. */
  public void save(Path target) {
    save(target, () -> { });
  }

  /** Saves as {@link #save(Path)}, then runs {@code saved} (on the UI thread) once the file is written. */
  public void save(Path target, Runnable saved) {
    if (results.isEmpty()) {
      log.info("no results to save: run the file first");
      return;
    }
    Frame frame = resultFrame();
    long version = changes;
    executor.execute(BackgroundTask.run("save " + target.getFileName(), () -> service.save(frame, target))
        .onSuccess(v -> {
          // results that changed while the file was written (a retry) are still unsaved
          if (version == changes) {
            unsaved.set(false);
          }
          log.info(String.format(Locale.ROOT, "saved %,d rows to %s", frame.rowCount(), target));
          saved.run();
        })
        .onFailure(e -> log.error("saving " + target.getFileName(), e)));
  }
}
