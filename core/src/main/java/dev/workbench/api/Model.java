package dev.workbench.api;

import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** A SageMaker model that can be deployed to an endpoint. */
public interface Model {

  /** The model on the shared default connection ({@link Cloud#shared()}). */
  static Model of(String name) {
    return Cloud.shared().model(name);
  }

  static Model of(String name, Cloud cloud) {
    return cloud.model(name);
  }

  String name();

  ModelDescription describe();

  /** The Workbench meta evaluation reads (target, model type, class labels) from the model's tags. */
  ModelMeta meta();

  /** Replaces the model's evaluation meta (its {@link ModelMeta#KEYS} tags); other tags stay. */
  void setMeta(ModelMeta meta);

  boolean exists();

  /** A sync endpoint named like the model; blocks until InService. */
  Endpoint toEndpoint();

  /** Blocks until InService; progress via {@code options.onProgress}. */
  Endpoint toEndpoint(Consumer<DeployOptions.Builder> options);

  void delete();

  /**
   * Keeps {@code rows} as the model's sample input (CSV in the Workbench bucket under {@code models/<name>/}, its
   * location in the model's tag {@code workbench_sample}); {@link Endpoint#testInference(int)} sends it.
   */
  void sample(Frame rows);

  /** The model's sample input, or null when it has none. */
  @Nullable Frame sample();
}
