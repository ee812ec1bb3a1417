package dev.workbench.core.capture;

import dev.workbench.api.Frame;
import dev.workbench.api.InferenceOptions;
import dev.workbench.api.ModelMeta;
import dev.workbench.api.WorkbenchException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An inference capture asked for with {@link InferenceOptions#capture()}: checked before any row is sent (a model
 * without a target or type, an id column or measured values that are not there), then applied to the answer.
 */
public final class CapturePlan {
  private static final Logger LOG = LoggerFactory.getLogger(CapturePlan.class);

  private final String endpoint;
  private final String capture;
  private final @Nullable String idColumn;
  private final ModelMeta meta;
  private final String modelName;
  private final List<String> inputColumns;
  private final CaptureStore store;

  private CapturePlan(String endpoint, String capture, @Nullable String idColumn, ModelMeta meta, String modelName,
      List<String> inputColumns, CaptureStore store) {
    this.endpoint = endpoint;
    this.capture = capture;
    this.idColumn = idColumn;
    this.meta = meta;
    this.modelName = modelName;
    this.inputColumns = inputColumns;
    this.store = store;
  }

  /** What {@link #apply} produced: the answer (with residuals) and the stored captures. */
  public record Applied(Frame result, List<CaptureContent> captures, List<String> locations) {}

  public static CapturePlan prepare(String endpoint, Frame input, InferenceOptions options, String modelName,
      ModelMeta meta, CaptureStore store) {
    String capture = options.capture();
    if (capture == null) {
      throw new IllegalArgumentException("no capture asked for");
    }
    String where = "Cannot capture '" + capture + "' on endpoint '" + endpoint + "': ";
    if (meta.primaryTarget() == null) {
      throw new WorkbenchException(where + "model '" + modelName + "' has no " + ModelMeta.TARGET
          + " in its meta (register it with a target, e.g. r.regressor(\"log_solubility\"), or set it with"
          + " model.setMeta(...))");
    }
    if (!meta.type().isRegressor() && !meta.type().isClassifier()) {
      throw new WorkbenchException(where + "model '" + modelName + "' has " + ModelMeta.MODEL_TYPE + " '"
          + meta.type().value() + "'; evaluation needs a regressor or a classifier");
    }
    String id = options.idColumn();
    if (id != null && !input.hasColumn(id)) {
      throw new WorkbenchException(where + "the input has no id column '" + id + "' (columns: " + input.columns() + ")");
    }
    if (meta.type().isRegressor()) {
      for (String target : meta.targets()) {
        if (input.hasColumn(target)) {
          checkNumbers(where, input, target);
        }
      }
    }
    return new CapturePlan(endpoint, capture, id, meta, modelName, input.columns(), store);
  }

  private static void checkNumbers(String where, Frame input, String target) {
    for (int r = 0; r < input.rowCount(); r++) {
      String v = input.get(r, target);
      if (v != null && !v.isBlank() && Numbers.parse(v) == null) {
        throw new WorkbenchException(where + "target column '" + target + "' row " + (r + 1) + " is '" + v
            + "', not a number (a regressor's measured values must be numbers; leave it empty when unknown)");
      }
    }
  }

  /** Whether the input holds any target column, i.e. whether metrics can be computed. */
  public boolean hasTarget(Frame input) {
    return meta.targets().stream().anyMatch(input::hasColumn);
  }

  public Applied apply(Frame result) {
    InferenceEvaluation.Outcome outcome = InferenceEvaluation.evaluate(result, meta, capture, idColumn, inputColumns);
    Instant now = Instant.now();
    List<String> locations = new ArrayList<>();
    for (CaptureContent c : outcome.captures()) {
      locations.add(store.write(endpoint, c, now));
      LOG.info("Capture {} of {} on {}: {} rows, {} failed, metrics {}", c.name(), modelName, endpoint, c.numRows(),
          c.failedRows(), c.metrics().rowCount() == 0 ? "none (no measured values)" : c.metrics().toCsv().strip());
    }
    return new Applied(outcome.result(), outcome.captures(), locations);
  }
}
