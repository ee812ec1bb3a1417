package dev.workbench.core.capture;

import dev.workbench.api.Frame;
import dev.workbench.api.ModelMeta;
import dev.workbench.api.WorkbenchException;
import dev.workbench.core.metrics.ClassificationScores;
import dev.workbench.core.metrics.RegressionScores;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Evaluates an inference's answer as Workbench's {@code inference(df, capture_name, id_column)} does: for each target
 * of the model, the rows holding a measured value are the capture; rows whose inference failed (an
 * {@code inference_error}, or no usable prediction) are left out of the metrics and counted. Regressors get
 * {@code residuals} and {@code residuals_abs} columns (measured minus predicted, primary target). A multi-target model
 * gives one capture per target, {@code <capture>_<target>}, and its primary target's under the capture name.
 */
public final class InferenceEvaluation {
  public static final String RESIDUALS = "residuals";
  public static final String RESIDUALS_ABS = "residuals_abs";
  static final String PREDICTION = "prediction";

  private InferenceEvaluation() {}

  /** The answer with residuals added, and what each capture stores. */
  public record Outcome(Frame result, List<CaptureContent> captures) {}

  public static Outcome evaluate(Frame result, ModelMeta meta, String capture, @Nullable String idColumn,
      List<String> inputColumns) {
    String primary = meta.primaryTarget();
    if (primary == null) {
      throw new WorkbenchException("Cannot evaluate capture '" + capture + "': the model has no target column");
    }
    List<CaptureContent> captures = new ArrayList<>();
    for (String target : meta.targets()) {
      Frame view = meta.isMultiTarget() ? remapped(result, target) : result;
      String predictionColumn = meta.isMultiTarget() ? PREDICTION : meta.predictionColumn(target);
      if (!view.hasColumn(predictionColumn)) {
        throw new WorkbenchException("Cannot evaluate capture '" + capture + "': the endpoint's answer has no column '"
            + meta.predictionColumn(target) + "' with the predictions of '" + target + "' (columns: "
            + result.columns() + ")");
      }
      if (meta.isMultiTarget()) {
        captures.add(content(capture + "_" + target, view, meta, target, predictionColumn, idColumn, inputColumns));
      }
      if (target.equals(primary)) {
        captures.add(content(capture, view, meta, target, predictionColumn, idColumn, inputColumns));
      }
    }
    Frame out = result;
    if (meta.type().isRegressor() && result.hasColumn(primary)) {
      out = withResiduals(result, primary, meta.predictionColumn(primary));
    }
    return new Outcome(out, captures);
  }

  private static CaptureContent content(String name, Frame view, ModelMeta meta, String target,
      String predictionColumn, @Nullable String idColumn, List<String> inputColumns) {
    boolean hasTarget = view.hasColumn(target);
    List<Integer> rows = new ArrayList<>();
    for (int r = 0; r < view.rowCount(); r++) {
      String v = hasTarget ? view.get(r, target) : "";
      if (!hasTarget || (v != null && !v.isBlank())) {
        rows.add(r);
      }
    }
    List<Integer> scored = new ArrayList<>();
    @Nullable Map<String, double[]> probabilities = null;
    List<String> probaColumns = view.columns().stream().filter(c -> c.endsWith("_proba")).toList();
    for (int r : rows) {
      if (hasTarget && answered(view, r, predictionColumn, meta, probaColumns)) {
        scored.add(r);
      }
    }
    Frame metrics;
    Frame confusion = null;
    if (!hasTarget || scored.isEmpty()) {
      metrics = Frame.empty(List.of());
    } else if (meta.type().isRegressor()) {
      double[] y = new double[scored.size()];
      double[] p = new double[scored.size()];
      for (int i = 0; i < y.length; i++) {
        y[i] = measured(view, scored.get(i), target);
        p[i] = Double.parseDouble(view.get(scored.get(i), predictionColumn).trim());
      }
      RegressionScores s = RegressionScores.of(y, p);
      metrics = Frame.builder(RegressionScores.COLUMNS).row(Numbers.format(s.rmse()), Numbers.format(s.mae()),
          Numbers.format(s.medae()), Numbers.format(s.r2()), Numbers.format(s.spearmanr()),
          Integer.toString(s.support())).build();
    } else {
      String[] actual = new String[scored.size()];
      String[] predicted = new String[scored.size()];
      for (int i = 0; i < actual.length; i++) {
        actual[i] = label(view.get(scored.get(i), target));
        predicted[i] = label(view.get(scored.get(i), predictionColumn));
      }
      List<String> labels = meta.classLabels().isEmpty() ? guessedLabels(actual, predicted) : meta.classLabels();
      if (!probaColumns.isEmpty()) {
        checkProbaColumns(name, probaColumns, labels);
        probabilities = new LinkedHashMap<>();
        for (String label : labels) {
          double[] values = new double[scored.size()];
          for (int i = 0; i < values.length; i++) {
            values[i] = Double.parseDouble(view.get(scored.get(i), label + "_proba").trim());
          }
          probabilities.put(label, values);
        }
      }
      ClassificationScores s = ClassificationScores.of(labels, actual, predicted, probabilities);
      List<String> columns = new ArrayList<>();
      columns.add(target);
      columns.addAll(ClassificationScores.COLUMNS);
      Frame.Builder b = Frame.builder(columns);
      for (ClassificationScores.PerClass c : s.classes()) {
        b.row(classRow(c));
      }
      b.row(classRow(s.all()));
      metrics = b.build();
      List<String> cmColumns = new ArrayList<>();
      cmColumns.add("labels");
      cmColumns.addAll(labels);
      Frame.Builder cm = Frame.builder(cmColumns);
      for (int a = 0; a < labels.size(); a++) {
        List<String> row = new ArrayList<>();
        row.add(labels.get(a));
        for (long count : s.confusion()[a]) {
          row.add(Long.toString(count));
        }
        cm.row(row);
      }
      confusion = cm.build();
    }
    int[] picked = rows.stream().mapToInt(Integer::intValue).toArray();
    Frame captured = view.selectRows(picked);
    return new CaptureContent(name, CaptureLayout.description(name), target, meta.type(), rows.size(),
        rows.size() - scored.size(), dataHash(captured, meta.features(), inputColumns),
        metrics, predictions(captured, target, predictionColumn, idColumn), confusion);
  }

  /** Whether inference answered this row with a usable prediction (and probabilities, when the model gives them). */
  private static boolean answered(Frame view, int r, String predictionColumn, ModelMeta meta, List<String> probaColumns) {
    String error = view.hasColumn(Frame.ERROR_COLUMN) ? view.get(r, Frame.ERROR_COLUMN) : null;
    if (error != null && !error.isBlank()) {
      return false;
    }
    String p = view.get(r, predictionColumn);
    if (p == null || p.isBlank()) {
      return false;
    }
    if (meta.type().isRegressor()) {
      return Numbers.parse(p) != null;
    }
    for (String c : probaColumns) {
      if (Numbers.parse(view.get(r, c)) == null) {
        return false;
      }
    }
    return true;
  }

  private static double measured(Frame view, int r, String target) {
    String v = view.get(r, target);
    Double d = Numbers.parse(v);
    if (d == null) {
      throw new WorkbenchException("Target column '" + target + "' row " + (r + 1) + " is '" + v
          + "', not a number: a regressor's measured values must be numbers");
    }
    return d;
  }

  /** Class labels compare as text; "1" and "1.0" from a CSV are the same class only when written the same. */
  private static String label(@Nullable String v) {
    return v == null ? "" : v.trim();
  }

  /** Without class labels in the meta: every class seen, sorted (Workbench's confusion-matrix order). */
  private static List<String> guessedLabels(String[] actual, String[] predicted) {
    TreeSet<String> all = new TreeSet<>(Arrays.asList(actual));
    all.addAll(Arrays.asList(predicted));
    return List.copyOf(all);
  }

  private static void checkProbaColumns(String capture, List<String> probaColumns, List<String> labels) {
    TreeSet<String> given = new TreeSet<>();
    for (String c : probaColumns) {
      given.add(c.substring(0, c.length() - "_proba".length()));
    }
    if (!given.equals(new TreeSet<>(labels))) {
      throw new WorkbenchException("Cannot evaluate capture '" + capture + "': the answer's probability columns "
          + probaColumns + " do not match the class labels " + labels + " (Workbench expects one <label>_proba column"
          + " per class)");
    }
  }

  private static List<String> classRow(ClassificationScores.PerClass c) {
    return List.of(c.label(), Numbers.format(c.precision()), Numbers.format(c.recall()), Numbers.format(c.f1()),
        c.rocAuc() == null ? "" : Numbers.format(c.rocAuc()), Long.toString(c.support()));
  }

  /** Workbench's inference_predictions.csv columns, in its order. */
  private static Frame predictions(Frame captured, String target, String predictionColumn, @Nullable String idColumn) {
    List<String> columns = new ArrayList<>();
    if (idColumn != null && captured.hasColumn(idColumn)) {
      columns.add(idColumn);
    }
    if (captured.hasColumn(target)) {
      columns.add(target);
    }
    columns.add(predictionColumn);
    for (String c : List.of("prediction_std", "confidence")) {
      if (captured.hasColumn(c) && !columns.contains(c)) {
        columns.add(c);
      }
    }
    for (String c : captured.columns()) {
      if ((c.endsWith("_ci_lower") || c.endsWith("_ci_upper") || c.endsWith("_proba")) && !columns.contains(c)) {
        columns.add(c);
      }
    }
    if (captured.hasColumn("smiles") && !columns.contains("smiles")) {
      columns.add("smiles");
    }
    Frame picked = captured.select(columns);
    if (!predictionColumn.equals(PREDICTION)) {
      picked = picked.withColumn(PREDICTION, picked.column(predictionColumn)).drop(predictionColumn);
    }
    return picked;
  }

  /** A multi-target model's standard columns pointed at one target's ({@code <target>_pred}, ...). */
  private static Frame remapped(Frame result, String target) {
    Frame out = result;
    String[][] pairs = {{PREDICTION, target + "_pred"}, {"prediction_std", target + "_pred_std"},
        {"confidence", target + "_confidence"}};
    for (String[] pair : pairs) {
      if (result.hasColumn(pair[1])) {
        out = out.withColumn(pair[0], result.column(pair[1]));
      }
    }
    return out;
  }

  private static Frame withResiduals(Frame result, String target, String predictionColumn) {
    List<String> residuals = new ArrayList<>(result.rowCount());
    List<String> absolute = new ArrayList<>(result.rowCount());
    boolean hasError = result.hasColumn(Frame.ERROR_COLUMN);
    for (int r = 0; r < result.rowCount(); r++) {
      Double y = Numbers.parse(result.get(r, target));
      Double p = result.hasColumn(predictionColumn) ? Numbers.parse(result.get(r, predictionColumn)) : null;
      String error = hasError ? result.get(r, Frame.ERROR_COLUMN) : null;
      if (y == null || p == null || (error != null && !error.isBlank())) {
        residuals.add(null);
        absolute.add(null);
      } else {
        residuals.add(Numbers.residual(y - p));
        absolute.add(Numbers.residual(Math.abs(y - p)));
      }
    }
    return result.withColumn(RESIDUALS, residuals).withColumn(RESIDUALS_ABS, absolute);
  }

  /**
   * 8 hex digits of an MD5 over the captured rows' feature values (the model's features when the answer has them
   * all, else the input's columns), rows sorted so the order of the input does not matter. Workbench hashes pandas'
   * row hashes instead, so the two hashes of one data set differ; each identifies its data set the same way.
   */
  static String dataHash(Frame captured, List<String> features, List<String> inputColumns) {
    List<String> columns = !features.isEmpty() && features.stream().allMatch(captured::hasColumn) ? features
        : inputColumns.stream().filter(captured::hasColumn).toList();
    if (captured.rowCount() == 0 || columns.isEmpty()) {
      return "--hash--";
    }
    List<String> lines = new ArrayList<>(captured.rowCount());
    for (int r = 0; r < captured.rowCount(); r++) {
      StringBuilder line = new StringBuilder();
      for (String c : columns) {
        String v = captured.get(r, c);
        line.append(v == null ? "" : v).append('\u001f');
      }
      lines.add(line.toString());
    }
    lines.sort(null);
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      md5.update(String.join("\u001f", columns).getBytes(StandardCharsets.UTF_8));
      md5.update((byte) '\n');
      for (String line : lines) {
        md5.update(line.getBytes(StandardCharsets.UTF_8));
        md5.update((byte) '\n');
      }
      return HexFormat.of().formatHex(md5.digest()).substring(0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is part of every Java runtime", e);
    }
  }
}
