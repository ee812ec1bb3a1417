package dev.workbench.core.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Workbench's classification metrics: per class precision, recall, F1 and support (scikit-learn's
 * precision_recall_fscore_support with the model's labels and zero_division=0), the one-vs-rest ROC AUC of the
 * class's {@code <label>_proba} column when the model answers probabilities, and a support-weighted "all" row; plus
 * the confusion matrix (rows: measured class, columns: predicted class, in label order).
 */
public record ClassificationScores(List<String> labels, List<PerClass> classes, PerClass all, long[][] confusion) {

  public static final List<String> COLUMNS = List.of("precision", "recall", "f1", "roc_auc", "support");
  /** The label of the support-weighted row. */
  public static final String ALL = "all";

  /** One row of the metrics; rocAuc is null without probabilities and NaN when the class is undefined for it. */
  public record PerClass(String label, double precision, double recall, double f1, @Nullable Double rocAuc,
      long support) {}

  /**
   * @param probabilities label -> that class's probability per row, or null when the model gives none
   */
  public static ClassificationScores of(List<String> labels, String[] actual, String[] predicted,
      @Nullable Map<String, double[]> probabilities) {
    int n = actual.length;
    int k = labels.size();
    long[][] confusion = new long[k][k];
    for (int i = 0; i < n; i++) {
      int a = labels.indexOf(actual[i]);
      int p = labels.indexOf(predicted[i]);
      if (a >= 0 && p >= 0) {
        confusion[a][p]++;
      }
    }
    List<PerClass> classes = new ArrayList<>(k);
    double wp = 0;
    double wr = 0;
    double wf = 0;
    double wauc = 0;
    long total = 0;
    for (int c = 0; c < k; c++) {
      String label = labels.get(c);
      long tp = 0;
      long predictedC = 0;
      long actualC = 0;
      boolean[] positive = new boolean[n];
      for (int i = 0; i < n; i++) {
        boolean isA = label.equals(actual[i]);
        boolean isP = label.equals(predicted[i]);
        positive[i] = isA;
        if (isA) {
          actualC++;
        }
        if (isP) {
          predictedC++;
        }
        if (isA && isP) {
          tp++;
        }
      }
      double precision = predictedC == 0 ? 0 : tp / (double) predictedC;
      double recall = actualC == 0 ? 0 : tp / (double) actualC;
      long fp = predictedC - tp;
      long fn = actualC - tp;
      double f1 = 2 * tp + fp + fn == 0 ? 0 : 2.0 * tp / (2 * tp + fp + fn);
      Double auc = probabilities == null ? null : Ranks.rocAuc(positive, probabilities.get(label));
      classes.add(new PerClass(label, precision, recall, f1, auc, actualC));
      wp += precision * actualC;
      wr += recall * actualC;
      wf += f1 * actualC;
      if (auc != null) {
        wauc += auc * actualC;
      }
      total += actualC;
    }
    double t = total;
    PerClass all = new PerClass(ALL, wp / t, wr / t, wf / t, probabilities == null ? null : wauc / t, total);
    return new ClassificationScores(List.copyOf(labels), List.copyOf(classes), all, confusion);
  }
}
