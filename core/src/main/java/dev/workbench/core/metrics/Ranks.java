package dev.workbench.core.metrics;

import java.util.Arrays;
import java.util.Comparator;

/** Rank statistics: average ranks (ties share their mean rank), Spearman's rho and the ROC AUC. */
public final class Ranks {
  private Ranks() {}

  /** 1-based ranks; tied values all get the mean of the ranks they span (scipy's "average" method). */
  public static double[] averageRanks(double[] values) {
    int n = values.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
    double[] ranks = new double[n];
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && values[order[j + 1]] == values[order[i]]) {
        j++;
      }
      double rank = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        ranks[order[k]] = rank;
      }
      i = j + 1;
    }
    return ranks;
  }

  /** Spearman's rho: Pearson's correlation of the average ranks; NaN when either side is constant. */
  public static double spearman(double[] a, double[] b) {
    return pearson(averageRanks(a), averageRanks(b));
  }

  static double pearson(double[] a, double[] b) {
    int n = a.length;
    double ma = 0;
    double mb = 0;
    for (int i = 0; i < n; i++) {
      ma += a[i] / n;
      mb += b[i] / n;
    }
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int i = 0; i < n; i++) {
      sab += (a[i] - ma) * (b[i] - mb);
      saa += (a[i] - ma) * (a[i] - ma);
      sbb += (b[i] - mb) * (b[i] - mb);
    }
    if (saa == 0 || sbb == 0) {
      return Double.NaN;
    }
    return sab / Math.sqrt(saa * sbb);
  }

  /**
   * The area under the ROC curve of {@code scores} for the rows where {@code positive} is true, from the
   * Mann-Whitney U statistic (ties count a half, as the trapezoidal ROC area does); NaN when every row is on one side.
   */
  public static double rocAuc(boolean[] positive, double[] scores) {
    double[] ranks = averageRanks(scores);
    long positives = 0;
    double rankSum = 0;
    for (int i = 0; i < positive.length; i++) {
      if (positive[i]) {
        positives++;
        rankSum += ranks[i];
      }
    }
    long negatives = positive.length - positives;
    if (positives == 0 || negatives == 0) {
      return Double.NaN;
    }
    return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
  }
}
