package dev.workbench.api;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Workbench's model types, as its {@code workbench_model_type} meta value spells them. Evaluation computes
 * regression metrics for the regressor kinds and classification metrics for {@link #CLASSIFIER}.
 */
public enum ModelType {
  CLASSIFIER("classifier"),
  REGRESSOR("regressor"),
  UQ_REGRESSOR("uq_regressor"),
  ENSEMBLE_REGRESSOR("ensemble_regressor"),
  QUANTILE_REGRESSOR("quantile_regressor"),
  CLUSTERER("clusterer"),
  PROXIMITY("proximity"),
  PROJECTION("projection"),
  TRANSFORMER("transformer"),
  UNKNOWN("unknown");

  private final String value;

  ModelType(String value) {
    this.value = value;
  }

  /** The meta value ({@code "regressor"}, {@code "classifier"}, ...). */
  public String value() {
    return value;
  }

  /** The type a meta value names; {@link #UNKNOWN} for null, blank or a value Workbench does not define. */
  public static ModelType of(@Nullable String value) {
    if (value != null) {
      String v = value.trim().toLowerCase(Locale.ROOT);
      for (ModelType t : values()) {
        if (t.value.equals(v)) {
          return t;
        }
      }
    }
    return UNKNOWN;
  }

  public boolean isRegressor() {
    return this == REGRESSOR || this == UQ_REGRESSOR || this == ENSEMBLE_REGRESSOR || this == QUANTILE_REGRESSOR;
  }

  public boolean isClassifier() {
    return this == CLASSIFIER;
  }

  @Override
  public String toString() {
    return value;
  }
}
