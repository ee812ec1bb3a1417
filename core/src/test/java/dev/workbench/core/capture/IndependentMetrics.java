package dev.workbench.core.capture;

import java.util.List;

/**
 * The evaluation metrics computed another way than the code under test: straight from their textbook definitions,
 * with O(n^2) loops instead of sorting (ranks by counting, ROC AUC by comparing every positive with every negative).
 */
final class IndependentMetrics {
  private IndependentMetrics() {}

  static double rmse(double[] y, double[] p) {
    double s = 0;
    for (int i = 0; i < y.length; i++) {
      s += Math.pow(y[i] - p[i], 2);
    }
    return Math.sqrt(s / y.length);
  }

  static double mae(double[] y, double[] p) {
    double s = 0;
    for (int i = 0; i < y.length; i++) {
      s += Math.abs(y[i] - p[i]);
    }
    return s / y.length;
  }

  static double r2(double[] y, double[] p) {
    double mean = 0;
    for (double v : y) {
      mean += v;
    }
    mean /= y.length;
    double res = 0;
    double tot = 0;
    for (int i = 0; i < y.length; i++) {
      res += Math.pow(y[i] - p[i], 2);
      tot += Math.pow(y[i] - mean, 2);
    }
    return 1 - res / tot;
  }

  /** Rank of x[i]: how many values are smaller, plus half of the ties (itself included) plus a half. */
  static double[] ranks(double[] x) {
    double[] r = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      int less = 0;
      int equal = 0;
      for (double v : x) {
        if (v < x[i]) {
          less++;
        } else if (v == x[i]) {
          equal++;
        }
      }
      r[i] = less + (equal + 1) / 2.0;
    }
    return r;
  }

  static double spearman(double[] y, double[] p) {
    double[] a = ranks(y);
    double[] b = ranks(p);
    int n = a.length;
    double sa = 0;
    double sb = 0;
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int i = 0; i < n; i++) {
      sa += a[i];
      sb += b[i];
      sab += a[i] * b[i];
      saa += a[i] * a[i];
      sbb += b[i] * b[i];
    }
    return (n * sab - sa * sb) / Math.sqrt((n * saa - sa * sa) * (n * sbb - sb * sb));
  }

  /** P(score of a positive > score of a negative) + half the ties, over all pairs. */
  static double auc(List<String> actual, String positive, double[] score) {
    double wins = 0;
    long pairs = 0;
    for (int i = 0; i < score.length; i++) {
      if (!actual.get(i).equals(positive)) {
        continue;
      }
      for (int j = 0; j < score.length; j++) {
        if (actual.get(j).equals(positive)) {
          continue;
        }
        pairs++;
        wins += score[i] > score[j] ? 1 : score[i] == score[j] ? 0.5 : 0;
      }
    }
    return wins / pairs;
  }
}
