package dev.workbench.core.deploy;

import dev.workbench.api.DeployOptions;
import dev.workbench.api.RealtimeScaling;
import dev.workbench.api.ServerlessSettings;

/** Checks deploy options before any AWS call; each failure names the field. */
final class DeployValidation {
  private DeployValidation() {}

  static void check(String endpointName, DeployOptions o) {
    Names.check("endpointName", endpointName);
    ServerlessSettings serverless = o.serverless();
    if (serverless != null) {
      checkServerless(o, serverless);
      checkTags(o);
      return;
    }
    if (o.instance().isBlank() || !o.instance().startsWith("ml.")) {
      throw new IllegalArgumentException("instance '" + o.instance() + "' is not a SageMaker instance type (ml.*)");
    }
    if (o.initialInstances() < 1) {
      throw new IllegalArgumentException("initialInstances must be >= 1 (SageMaker creates endpoints with at least "
          + "one instance; async ones scale in to zero afterwards), was " + o.initialInstances());
    }
    if (o.maxInstances() < 1) {
      throw new IllegalArgumentException("maxInstances must be >= 1, was " + o.maxInstances());
    }
    if (o.minInstances() < 0 || o.minInstances() > o.maxInstances()) {
      throw new IllegalArgumentException("minInstances must be between 0 and maxInstances (" + o.maxInstances()
          + "), was " + o.minInstances());
    }
    if (!o.async() && o.minInstances() < 1) {
      throw new IllegalArgumentException("minInstances must be >= 1 for a sync endpoint (only async endpoints "
          + "scale to zero), was " + o.minInstances());
    }
    if (o.initialInstances() > o.maxInstances()) {
      throw new IllegalArgumentException("initialInstances (" + o.initialInstances() + ") must not exceed maxInstances ("
          + o.maxInstances() + ")");
    }
    if (o.idleMinutes() < 1) {
      throw new IllegalArgumentException("idleMinutes must be >= 1, was " + o.idleMinutes());
    }
    if (o.maxConcurrent() < 1 || o.maxConcurrent() > 1000) {
      throw new IllegalArgumentException("maxConcurrent must be between 1 and 1000, was " + o.maxConcurrent());
    }
    checkAutoscaling(o);
    if (o.dataCapture() && (o.captureSamplePercent() < 1 || o.captureSamplePercent() > 100)) {
      throw new IllegalArgumentException("captureSamplePercent must be between 1 and 100, was " + o.captureSamplePercent());
    }
    checkTags(o);
  }

  /** Target tracking is for sync endpoints; async ones scale on their backlog (scale to zero). */
  private static void checkAutoscaling(DeployOptions o) {
    RealtimeScaling scaling = o.autoscaling();
    if (scaling == null) {
      return;
    }
    if (o.async()) {
      throw new IllegalArgumentException("autoscaling (" + scaling.label() + ") is for sync endpoints; an async endpoint "
          + "scales on its backlog between minInstances and maxInstances: drop autoscaling or async");
    }
    String problem = scaling.problem();
    if (problem != null) {
      throw new IllegalArgumentException("autoscaling: " + problem);
    }
  }

  /** As SageMaker checks a ServerlessConfig, plus what it refuses next to one (async, data capture). */
  private static void checkServerless(DeployOptions o, ServerlessSettings serverless) {
    String problem = serverless.problem();
    if (problem != null) {
      throw new IllegalArgumentException("serverless: " + problem);
    }
    if (o.async()) {
      throw new IllegalArgumentException("a serverless endpoint cannot be async (SageMaker serves async inference "
          + "only on instances): choose serverless or async");
    }
    if (o.dataCapture()) {
      throw new IllegalArgumentException("data capture is not supported on serverless endpoints (as in SageMaker): "
          + "deploy without dataCapture, or as a sync endpoint");
    }
    if (o.kmsKeyId() != null) {
      throw new IllegalArgumentException("kmsKeyId applies to async output only; a serverless endpoint has none");
    }
    if (o.autoscaling() != null) {
      throw new IllegalArgumentException("autoscaling is SageMaker's on a serverless endpoint (it scales by "
          + "maxConcurrency): drop autoscaling or serverless");
    }
  }

  private static void checkTags(DeployOptions o) {
    for (String tag : o.tags()) {
      if (tag.isBlank() || tag.contains("::")) {
        throw new IllegalArgumentException("tags: '" + tag + "' must be non-blank and must not contain '::'");
      }
    }
  }
}
