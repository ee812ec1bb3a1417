package dev.workbench.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What evaluating a model needs, kept in the model's Workbench meta (SageMaker tags on the model, encoded as
 * {@link EndpointMeta} is): {@code workbench_model_target} (a column, or a JSON list for multi-target models),
 * {@code workbench_model_type} ({@link ModelType}), {@code class_labels} (a JSON list, classifiers) and
 * {@code workbench_model_features} (a JSON list). These are Workbench's own keys and are read as Workbench writes
 * them.
 *
 * <p>Prediction columns follow Workbench's convention: {@code prediction} for a single target, {@code <target>_pred}
 * for each target of a multi-target model. Workbench keeps no key for them; a model whose columns are named
 * otherwise lists them, one per target, under {@code workbench_prediction_columns} (this project's key).
 */
public record ModelMeta(List<String> targets, ModelType type, List<String> classLabels, List<String> features,
    List<String> predictionColumns) {

  public static final String TARGET = "workbench_model_target";
  public static final String MODEL_TYPE = "workbench_model_type";
  public static final String CLASS_LABELS = "class_labels";
  public static final String FEATURES = "workbench_model_features";
  public static final String PREDICTION_COLUMNS = "workbench_prediction_columns";
  /** Every key this record reads and writes. */
  public static final List<String> KEYS = List.of(TARGET, MODEL_TYPE, CLASS_LABELS, FEATURES, PREDICTION_COLUMNS);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ModelMeta EMPTY = new ModelMeta(List.of(), ModelType.UNKNOWN, List.of(), List.of(), List.of());

  public ModelMeta {
    targets = List.copyOf(targets);
    Objects.requireNonNull(type, "type");
    classLabels = List.copyOf(classLabels);
    features = List.copyOf(features);
    predictionColumns = List.copyOf(predictionColumns);
    if (!predictionColumns.isEmpty() && predictionColumns.size() != targets.size()) {
      throw new IllegalArgumentException("predictionColumns must name one column per target: " + predictionColumns
          + " for targets " + targets);
    }
    if (targets.stream().anyMatch(String::isBlank)) {
      throw new IllegalArgumentException("a target column name must not be blank: " + targets);
    }
  }

  public static ModelMeta empty() {
    return EMPTY;
  }

  /** A regressor predicting {@code target}. */
  public static ModelMeta regressor(String target) {
    return new ModelMeta(List.of(target), ModelType.REGRESSOR, List.of(), List.of(), List.of());
  }

  /** A classifier of {@code target} with its class labels in order (their {@code <label>_proba} columns, if any). */
  public static ModelMeta classifier(String target, List<String> classLabels) {
    return new ModelMeta(List.of(target), ModelType.CLASSIFIER, classLabels, List.of(), List.of());
  }

  public boolean isEmpty() {
    return targets.isEmpty() && type == ModelType.UNKNOWN && classLabels.isEmpty() && features.isEmpty();
  }

  /** The target a model is scored on (Workbench: the first of a multi-target model's); null when none. */
  public @Nullable String primaryTarget() {
    return targets.isEmpty() ? null : targets.get(0);
  }

  public boolean isMultiTarget() {
    return targets.size() > 1;
  }

  /** The column holding the model's prediction of {@code target}. */
  public String predictionColumn(String target) {
    int i = targets.indexOf(target);
    if (i < 0) {
      throw new IllegalArgumentException("'" + target + "' is not a target of this model " + targets);
    }
    if (!predictionColumns.isEmpty()) {
      return predictionColumns.get(i);
    }
    return isMultiTarget() ? target + "_pred" : "prediction";
  }

  public ModelMeta withFeatures(List<String> features) {
    return new ModelMeta(targets, type, classLabels, features, predictionColumns);
  }

  public ModelMeta withPredictionColumns(List<String> columns) {
    return new ModelMeta(targets, type, classLabels, features, columns);
  }

  /** Reads decoded meta values (as {@link EndpointMeta#asMap()} holds them); keys that are absent stay empty. */
  public static ModelMeta fromMeta(Map<String, String> meta) {
    return new ModelMeta(list(meta.get(TARGET)), ModelType.of(meta.get(MODEL_TYPE)), list(meta.get(CLASS_LABELS)),
        list(meta.get(FEATURES)), list(meta.get(PREDICTION_COLUMNS)));
  }

  /** The meta values to store (strings as they are, lists as JSON), only the keys that say something. */
  public Map<String, Object> toMeta() {
    Map<String, Object> meta = new LinkedHashMap<>();
    if (targets.size() == 1) {
      meta.put(TARGET, targets.get(0));
    } else if (!targets.isEmpty()) {
      meta.put(TARGET, targets);
    }
    if (type != ModelType.UNKNOWN) {
      meta.put(MODEL_TYPE, type.value());
    }
    if (!classLabels.isEmpty()) {
      meta.put(CLASS_LABELS, classLabels);
    }
    if (!features.isEmpty()) {
      meta.put(FEATURES, features);
    }
    if (!predictionColumns.isEmpty()) {
      meta.put(PREDICTION_COLUMNS, predictionColumns);
    }
    return meta;
  }

  /** A plain value is one column; a JSON list (Workbench's encoding of lists) is several; JSON null is none. */
  private static List<String> list(@Nullable String value) {
    if (value == null || value.isBlank() || value.trim().equals("null")) {
      return List.of();
    }
    String v = value.trim();
    if (!v.startsWith("[")) {
      return List.of(v);
    }
    try {
      JsonNode node = JSON.readTree(v);
      List<String> out = new ArrayList<>();
      for (JsonNode item : node) {
        out.add(item.isTextual() ? item.asText() : item.toString());
      }
      return out;
    } catch (JsonProcessingException e) {
      throw new WorkbenchException("Model meta value is not a JSON list: " + v, e);
    }
  }
}
