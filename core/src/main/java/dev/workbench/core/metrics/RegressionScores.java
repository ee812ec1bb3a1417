package dev.workbench.core.metrics;

import java.util.Arrays;
import java.util.List;

/**
 * Workbench's regression metrics of a model's predictions against measured values, in the columns of its
 * {@code inference_metrics.csv}: rmse, mae, medae (median absolute error), r2, spearmanr, support.
 * R2 is 1 - SSres/SStot, as scikit-learn computes it (1.0 or 0.0 when the measured values are constant).
 */
public record RegressionScores(double rmse, double mae, double medae, double r2, double spearmanr, int support) {

  public static final List<String> COLUMNS = List.of("rmse", "mae", "medae", "r2", "spearmanr", "support");

  public static RegressionScores of(double[] actual, double[] predicted) {
    int n = actual.length;
    if (n == 0 || predicted.length != n) {
      throw new IllegalArgumentException("need as many predictions as measured values, at least one: " + n + " and "
          + predicted.length);
    }
    double squares = 0;
    double[] absolute = new double[n];
    double mean = 0;
    for (int i = 0; i < n; i++) {
      double e = actual[i] - predicted[i];
      squares += e * e;
      absolute[i] = Math.abs(e);
      mean += actual[i] / n;
    }
    double total = 0;
    for (double y : actual) {
      total += (y - mean) * (y - mean);
    }
    double r2 = total == 0 ? (squares == 0 ? 1.0 : 0.0) : 1 - squares / total;
    double mae = Arrays.stream(absolute).sum() / n;
    return new RegressionScores(Math.sqrt(squares / n), mae, median(absolute), r2, Ranks.spearman(actual, predicted), n);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** The values in {@link #COLUMNS} order. */
  public List<Double> values() {
    return List.of(rmse, mae, medae, r2, spearmanr, (double) support);
  }
}
