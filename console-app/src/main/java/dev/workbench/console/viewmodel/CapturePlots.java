package dev.workbench.console.viewmodel;

import dev.workbench.api.Frame;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a capture's plots show, computed from its stored predictions and confusion matrix with no JavaFX: the
 * predicted-vs-actual points, residual histogram bins, one-vs-rest ROC curves and heatmap cells.
 */
public final class CapturePlots {
  /** The column Workbench's {@code inference_predictions.csv} keeps the prediction in, whatever the target. */
  public static final String PREDICTION = "prediction";
  public static final String PROBA_SUFFIX = "_proba";

  /** A point; in the scatter x is the measured value and y the prediction, in a ROC curve x is FPR and y TPR. */
  public record Point(double x, double y) {}

  /** Values in [from, to); the last bin also holds {@code to}. */
  public record Bin(double from, double to, int count) {}

  /** One class against the rest: the curve from (0,0) to (1,1) and the area under it. */
  public record Roc(String label, List<Point> points, double auc) {}

  /** One cell of a confusion matrix: rows of class {@code actual} predicted as {@code predicted}. */
  public record Cell(String actual, String predicted, long count) {}

  private CapturePlots() {}

  /**
   * The scored rows as (measured, predicted): those where both are numbers. Failed rows (no prediction) and rows
   * without a measured value are left out, as the metrics leave them out.
   */
  public static List<Point> scatter(Frame predictions, String target) {
    List<Point> points = new ArrayList<>();
    if (!predictions.hasColumn(target) || !predictions.hasColumn(PREDICTION)) {
      return points;
    }
    for (int r = 0; r < predictions.rowCount(); r++) {
      Double y = number(predictions.get(r, target));
      Double p = number(predictions.get(r, PREDICTION));
      if (y != null && p != null) {
        points.add(new Point(y, p));
      }
    }
    return points;
  }

  /** Residuals as Workbench computes them: measured minus predicted. */
  public static List<Double> residuals(List<Point> scatter) {
    return scatter.stream().map(p -> p.x() - p.y()).toList();
  }

  /** The identity line's ends: the lowest and highest value on either axis, so it spans the whole scatter. */
  public static Point[] identity(List<Point> scatter) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Point p : scatter) {
      lo = Math.min(lo, Math.min(p.x(), p.y()));
      hi = Math.max(hi, Math.max(p.x(), p.y()));
    }
    return scatter.isEmpty() ? new Point[0] : new Point[] {new Point(lo, lo), new Point(hi, hi)};
  }

  /** Sturges' rule, ceil(log2 n) + 1 bins: enough to show the shape of a few hundred residuals. */
  public static int binCount(int n) {
    if (n <= 1) {
      return 1;
    }
    return (int) Math.ceil(Math.log(n) / Math.log(2)) + 1;
  }

  /** Equal-width bins from the lowest to the highest value; every value lands in exactly one bin. */
  public static List<Bin> histogram(List<Double> values, int bins) {
    if (values.isEmpty()) {
      return List.of();
    }
    if (bins < 1) {
      throw new IllegalArgumentException("a histogram needs at least one bin, not " + bins);
    }
    double lo = values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    double hi = values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    if (hi == lo) {
      return List.of(new Bin(lo, hi, values.size()));
    }
    double width = (hi - lo) / bins;
    int[] counts = new int[bins];
    for (double v : values) {
      counts[Math.min(bins - 1, (int) Math.floor((v - lo) / width))]++;
    }
    List<Bin> out = new ArrayList<>(bins);
    for (int i = 0; i < bins; i++) {
      out.add(new Bin(lo + i * width, i == bins - 1 ? hi : lo + (i + 1) * width, counts[i]));
    }
    return out;
  }

  /**
   * The ROC curve of scores against positives: one point per distinct score from the highest down (tied scores
   * move both rates at once, as scikit-learn's roc_curve does); empty when there are no positives or no negatives.
   */
  public static List<Point> roc(List<Boolean> positive, List<Double> score) {
    if (positive.size() != score.size()) {
      throw new IllegalArgumentException(positive.size() + " labels for " + score.size() + " scores");
    }
    long p = positive.stream().filter(Boolean::booleanValue).count();
    long n = positive.size() - p;
    if (p == 0 || n == 0) {
      return List.of();
    }
    Integer[] order = new Integer[score.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, Comparator.comparingDouble((Integer i) -> score.get(i)).reversed());
    List<Point> points = new ArrayList<>();
    points.add(new Point(0, 0));
    long tp = 0;
    long fp = 0;
    for (int k = 0; k < order.length; k++) {
      if (positive.get(order[k])) {
        tp++;
      } else {
        fp++;
      }
      if (k + 1 == order.length || score.get(order[k + 1]).doubleValue() != score.get(order[k]).doubleValue()) {
        points.add(new Point(fp / (double) n, tp / (double) p));
      }
    }
    return points;
  }

  /** The trapezoidal area under a curve whose x only grows. */
  public static double area(List<Point> curve) {
    double a = 0;
    for (int i = 1; i < curve.size(); i++) {
      a += (curve.get(i).x() - curve.get(i - 1).x()) * (curve.get(i).y() + curve.get(i - 1).y()) / 2;
    }
    return a;
  }

  /** The classes that have a {@code <class>_proba} column, in the column order. */
  public static List<String> probaClasses(Frame predictions) {
    return predictions.columns().stream().filter(c -> c.endsWith(PROBA_SUFFIX) && c.length() > PROBA_SUFFIX.length())
        .map(c -> c.substring(0, c.length() - PROBA_SUFFIX.length())).toList();
  }

  /**
   * One ROC curve per class with probabilities, over the rows that have a measured class and a probability (failed
   * rows have none); no curves when the predictions hold no {@code <class>_proba} column.
   */
  public static List<Roc> rocCurves(Frame predictions, String target) {
    List<Roc> curves = new ArrayList<>();
    if (!predictions.hasColumn(target)) {
      return curves;
    }
    for (String label : probaClasses(predictions)) {
      List<Boolean> positive = new ArrayList<>();
      List<Double> score = new ArrayList<>();
      for (int r = 0; r < predictions.rowCount(); r++) {
        String actual = predictions.get(r, target);
        Double s = number(predictions.get(r, label + PROBA_SUFFIX));
        if (actual != null && !actual.isBlank() && s != null) {
          positive.add(label.equals(actual.trim()));
          score.add(s);
        }
      }
      List<Point> points = roc(positive, score);
      if (!points.isEmpty()) {
        curves.add(new Roc(label, points, area(points)));
      }
    }
    return curves;
  }

  /** The cells of Workbench's {@code inference_cm.csv}: a {@code labels} column of actual classes, one per predicted. */
  public static List<Cell> confusion(@Nullable Frame cm) {
    List<Cell> cells = new ArrayList<>();
    if (cm == null || cm.columnCount() == 0) {
      return cells;
    }
    String labels = cm.hasColumn("labels") ? "labels" : cm.columns().get(0);
    List<String> predicted = cm.columns().stream().filter(c -> !c.equals(labels)).toList();
    for (int r = 0; r < cm.rowCount(); r++) {
      String actual = cm.get(r, labels);
      for (String p : predicted) {
        Double v = number(cm.get(r, p));
        cells.add(new Cell(actual == null ? "" : actual, p, v == null ? 0 : Math.round(v)));
      }
    }
    return cells;
  }

  /** The measured column of stored predictions: the capture's target, else the column before the prediction. */
  public static @Nullable String targetColumn(Frame predictions, @Nullable String target) {
    if (target != null && predictions.hasColumn(target)) {
      return target;
    }
    int at = predictions.columns().indexOf(PREDICTION);
    return at > 0 ? predictions.columns().get(at - 1) : null;
  }

  private static @Nullable Double number(@Nullable String v) {
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      double d = Double.parseDouble(v.trim());
      return Double.isFinite(d) ? d : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
