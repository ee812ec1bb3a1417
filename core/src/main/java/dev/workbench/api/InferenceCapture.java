package dev.workbench.api;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One stored inference capture of an endpoint, as {@link Endpoint#captures()} reads it back from
 * {@code s3://<bucket>/endpoints/<endpoint>/inference/<name>/} (Workbench's layout).
 *
 * @param name the capture name ({@code capture_name})
 * @param description Workbench's description (the name, title-cased)
 * @param dataHash a hash of the evaluated feature values (8 hex digits)
 * @param numRows rows in the capture: those whose target was present, failed ones included
 * @param failedRows rows left out of the metrics because inference failed on them; null when the capture does not
 *     say (one written by Workbench)
 * @param target the target column scored; null when the capture does not say
 * @param modelType the model's type; UNKNOWN when the capture does not say
 * @param metrics the metrics table ({@code inference_metrics.csv}); no rows when none were computed
 * @param confusionMatrix a classifier's confusion matrix ({@code inference_cm.csv}); null otherwise
 * @param created when the capture was written; null when the capture does not say
 * @param location the S3 folder of the capture
 */
public record InferenceCapture(String name, String description, String dataHash, int numRows,
    @Nullable Integer failedRows, @Nullable String target, ModelType modelType, Frame metrics,
    @Nullable Frame confusionMatrix, @Nullable Instant created, String location) {

  /** One metric of a regressor ("rmse", "r2", ...) or of a classifier's support-weighted "all" row ("f1", ...). */
  public double metric(String name) {
    if (!metrics.hasColumn(name) || metrics.rowCount() == 0) {
      throw new IllegalArgumentException("capture '" + this.name + "' has no metric '" + name + "'; its metrics: "
          + metrics.columns());
    }
    int row = metrics.rowCount() - 1; // a regressor's only row, a classifier's "all" row
    String v = metrics.get(row, name);
    return v == null || v.isBlank() ? Double.NaN : Double.parseDouble(v);
  }
}
