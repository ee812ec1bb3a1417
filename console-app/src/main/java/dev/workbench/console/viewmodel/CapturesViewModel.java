package dev.workbench.console.viewmodel;

import dev.workbench.api.Frame;
import dev.workbench.api.InferenceCapture;
import dev.workbench.api.ModelType;
import dev.workbench.console.service.CaptureService;
import dev.workbench.console.task.BackgroundTask;
import dev.workbench.console.task.TaskExecutor;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jspecify.annotations.Nullable;

/**
 * The inference captures (model evaluations) of one endpoint with their metrics, and for the one picked its metrics
 * table and its plots, computed from the stored predictions off the UI thread.
 */
public final class CapturesViewModel {
  private final CaptureService service;
  private final TaskExecutor executor;
  private final LogViewModel log;
  private final StringProperty endpoint = new SimpleStringProperty("");
  private final ObservableList<InferenceCapture> captures = FXCollections.observableArrayList();
  private final ObjectProperty<@Nullable InferenceCapture> selected = new SimpleObjectProperty<>();
  private final ObservableList<String> metricColumns = FXCollections.observableArrayList();
  private final ObservableList<List<@Nullable String>> metricRows = FXCollections.observableArrayList();
  private final ObjectProperty<CaptureShown> shown = new SimpleObjectProperty<>(CaptureShown.none());
  private final StringProperty status = new SimpleStringProperty("Pick an endpoint.");

  public CapturesViewModel(CaptureService service, TaskExecutor executor, LogViewModel log) {
    this.service = service;
    this.executor = executor;
    this.log = log;
    endpoint.addListener((o, a, b) -> {
      captures.clear();
      refresh();
    });
    selected.addListener((o, a, b) -> pick(b));
  }

  public StringProperty endpointProperty() { return endpoint; }

  /** The endpoint's captures in S3's (name) order. */
  public ObservableList<InferenceCapture> captures() { return captures; }

  public ObjectProperty<@Nullable InferenceCapture> selectedProperty() { return selected; }

  /** The metrics table's header: "metric", "value" for one row of metrics, else {@code inference_metrics.csv}'s. */
  public ObservableList<String> metricColumns() { return metricColumns; }

  /** Its rows, numbers shortened for reading: a regressor's as (metric, value), a classifier's per class, then "all". */
  public ObservableList<List<@Nullable String>> metricRows() { return metricRows; }

  public ObjectProperty<CaptureShown> shownProperty() { return shown; }

  public StringProperty statusProperty() { return status; }

  /** Reads the endpoint's captures again; the picked one stays picked when it is still there. */
  public void refresh() {
    String name = endpoint.get();
    if (name == null || name.isBlank()) {
      status.set("Pick an endpoint.");
      return;
    }
    status.set("reading the captures of " + name + "...");
    executor.execute(BackgroundTask.of("captures of " + name, p -> service.captures(name))
        .onSuccess(list -> show(name, list))
        .onFailure(e -> {
          status.set("could not read the captures of " + name + ": " + e.getMessage());
          log.error("reading the captures of " + name, e);
        }));
  }

  /** Applies the captures read for {@code name}. */
  public void show(String name, List<InferenceCapture> list) {
    if (!name.equals(endpoint.get())) {
      return; // an answer for the endpoint picked before
    }
    InferenceCapture was = selected.get();
    captures.setAll(list);
    status.set(list.isEmpty() ? "No captures of " + name + " yet: score rows that hold the target with a capture "
        + "name (workbench infer " + name + " --capture holdout)."
        : list.size() + " capture(s) of " + name);
    InferenceCapture keep = list.stream().filter(c -> was != null && c.name().equals(was.name())).findFirst()
        .orElse(list.isEmpty() ? null : list.get(0));
    if (keep != null && was != null && keep.equals(was)) {
      return; // the same capture, unchanged: its plots stay
    }
    selected.set(keep);
  }

  /** One line for the list: name, type, rows, and the headline metrics. */
  public static String summary(InferenceCapture c) {
    StringBuilder s = new StringBuilder(c.name()).append("  ").append(type(c).value()).append(", ")
        .append(c.numRows()).append(" rows");
    if (c.failedRows() != null && c.failedRows() > 0) {
      s.append(" (").append(c.failedRows()).append(" failed)");
    }
    List<String> headline = type(c).isClassifier() ? List.of("f1", "roc_auc") : List.of("rmse", "r2");
    for (String m : headline) {
      if (c.metrics().hasColumn(m) && c.metrics().rowCount() > 0) {
        s.append("  ").append(m).append(' ').append(format(c.metrics().get(c.metrics().rowCount() - 1, m)));
      }
    }
    return s.toString();
  }

  /** The capture's type; one Workbench wrote says none, so its files tell (a confusion matrix, an RMSE). */
  public static ModelType type(InferenceCapture c) {
    if (c.modelType() != ModelType.UNKNOWN) {
      return c.modelType();
    }
    if (c.confusionMatrix() != null) {
      return ModelType.CLASSIFIER;
    }
    return c.metrics().hasColumn("rmse") ? ModelType.REGRESSOR : ModelType.UNKNOWN;
  }

  /** Numbers to four decimals, counts as they are; what is not a number is shown as stored. */
  public static String format(@Nullable String v) {
    if (v == null || v.isBlank()) {
      return "";
    }
    try {
      double d = Double.parseDouble(v.trim());
      if (d == Math.rint(d) && Math.abs(d) < 1e15) {
        return Long.toString((long) d);
      }
      return String.format(Locale.ROOT, "%.4f", d);
    } catch (NumberFormatException e) {
      return v;
    }
  }

  private void pick(@Nullable InferenceCapture c) {
    shown.set(CaptureShown.none());
    metricColumns.clear();
    metricRows.clear();
    if (c == null) {
      return;
    }
    metricRows.setAll(metricsTable(c.metrics()));
    metricColumns.setAll(c.metrics().rowCount() == 1 ? List.of("metric", "value") : c.metrics().columns());
    executor.execute(BackgroundTask.of("predictions of " + c.name(), p -> plots(c, service.predictions(c)))
        .onSuccess(s -> {
          if (c.equals(selected.get())) {
            shown.set(s);
          }
        })
        .onFailure(e -> log.error("reading the predictions of capture " + c.name(), e)));
  }

  /**
   * A regressor's one row of metrics reads best as a column, one metric a line; a classifier's (a row per class,
   * then "all") stays a table, as stored.
   */
  static List<List<@Nullable String>> metricsTable(Frame metrics) {
    List<List<@Nullable String>> rows = new ArrayList<>();
    if (metrics.rowCount() == 1) {
      for (String col : metrics.columns()) {
        rows.add(List.of(col, format(metrics.get(0, col))));
      }
      return rows;
    }
    for (int r = 0; r < metrics.rowCount(); r++) {
      List<@Nullable String> row = new ArrayList<>();
      for (String col : metrics.columns()) {
        row.add(format(metrics.get(r, col)));
      }
      rows.add(row);
    }
    return rows;
  }

  /** The plots of a capture from its stored predictions (pure: any thread). */
  public static CaptureShown plots(InferenceCapture c, Frame predictions) {
    ModelType type = type(c);
    String target = CapturePlots.targetColumn(predictions, c.target());
    if (type.isClassifier()) {
      List<CapturePlots.Cell> cells = CapturePlots.confusion(c.confusionMatrix());
      Set<String> labels = new LinkedHashSet<>();
      cells.forEach(x -> labels.add(x.actual()));
      cells.forEach(x -> labels.add(x.predicted()));
      List<CapturePlots.Roc> rocs = target == null ? List.of() : CapturePlots.rocCurves(predictions, target);
      String note = rocs.isEmpty() ? "No ROC curve: the predictions have no <class>_proba columns." : "";
      if (cells.isEmpty()) {
        note = (note + " No confusion matrix stored (inference_cm.csv).").trim();
      }
      return new CaptureShown(c.name(), type, List.of(), List.of(), List.of(), List.copyOf(labels), cells, rocs, note);
    }
    if (type.isRegressor() && target != null) {
      List<CapturePlots.Point> points = CapturePlots.scatter(predictions, target);
      List<Double> residuals = CapturePlots.residuals(points);
      return new CaptureShown(c.name(), type, points, List.of(CapturePlots.identity(points)),
          CapturePlots.histogram(residuals, CapturePlots.binCount(residuals.size())), List.of(), List.of(), List.of(),
          points.isEmpty() ? "No scored rows in the stored predictions." : "");
    }
    return new CaptureShown(c.name(), type, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
        predictions.columnCount() == 0 ? "No predictions stored with this capture (inference_predictions.csv)."
            : "No plots for a " + type.value() + " capture.");
  }
}
