package dev.workbench.api;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A SageMaker endpoint. {@link #inference(Frame)} returns the table whether the endpoint is sync or async;
 * the routing follows the Workbench meta tag {@code async_endpoint}, else the endpoint's AsyncInferenceConfig.
 */
public interface Endpoint {

  /** The endpoint on the shared default connection ({@link Cloud#shared()}). */
  static Endpoint of(String name) {
    return Cloud.shared().endpoint(name);
  }

  static Endpoint of(String name, Cloud cloud) {
    return cloud.endpoint(name);
  }

  String name();

  /** Runs the rows through the endpoint: N rows in, N rows out in input order; failed rows carry inference_error. */
  Frame inference(Frame input);

  Frame inference(Frame input, Consumer<InferenceOptions.Builder> options);

  /** Sync endpoints: {@code threads} concurrent invocations. Async endpoints: as inference. */
  Frame fastInference(Frame input, int threads);

  InferenceJob submit(Frame input);

  InferenceJob submit(Frame input, Consumer<InferenceOptions.Builder> options);

  /**
   * Streams a CSV through the endpoint into another, holding only a few chunks of rows in memory however large the
   * input: {@code input} and {@code output} are local paths or {@code s3://bucket/key}. N rows in, N rows out, in
   * input order, failed rows with their {@code inference_error}; the output appears, complete, only at the end.
   * A local output left by a crashed run of the same input is continued from its last checkpoint.
   * {@code capture} is not available here (it evaluates the whole table at once).
   */
  StreamingJob submitFile(String input, String output, Consumer<InferenceOptions.Builder> options);

  /** As {@link #submitFile}, waiting for the end; failed rows do not throw (see {@link StreamResult#rowsFailed()}). */
  default StreamResult inferenceFile(String input, String output, Consumer<InferenceOptions.Builder> options) {
    return submitFile(input, output, options).join();
  }

  default StreamResult inferenceFile(String input, String output) {
    return inferenceFile(input, output, o -> {});
  }

  default StreamResult inferenceFile(java.nio.file.Path input, java.nio.file.Path output) {
    return inferenceFile(input.toString(), output.toString());
  }

  /** Meta tag async_endpoint, else AsyncInferenceConfig present. */
  boolean isAsync();

  EndpointDescription describe();

  EndpointMeta meta();

  /** The endpoint's metric set over the last {@code since}, period chosen from the range. */
  EndpointMetrics metrics(Duration since);

  EndpointMetrics metrics(Consumer<MetricsQuery.Builder> query);

  /** Data-capture records of the last {@code since} as a Frame. */
  Frame capture(Duration since);

  /**
   * The container log lines of the last {@code since} (log group {@code /aws/sagemaker/Endpoints/<name>}, every
   * instance's stream), oldest first; empty when the endpoint has not logged anything yet.
   */
  List<LogEvent> logs(Duration since);

  /** As {@link #logs(Duration)}, only lines matching a CloudWatch Logs filter pattern (e.g. {@code ERROR}), when given. */
  List<LogEvent> logs(Duration since, @Nullable String filter);

  /**
   * The lines of the last {@code since}, then every new one as it is written, each given to {@code onEvent} once, in
   * order, on a background thread, until the returned handle is closed.
   */
  LogFollow followLogs(Duration since, @Nullable String filter, Consumer<LogEvent> onEvent);

  /**
   * A smoke test, as Workbench's test_inference: the first {@code rows} rows of the model's sample (see
   * {@link Model#sample(Frame)}) sent as one call (sync, serverless) or one batch (async, waking the endpoint).
   * A model without a sample is an error naming what to do.
   */
  TestInferenceResult testInference(int rows);

  /** The smoke test with the given rows. */
  TestInferenceResult testInference(Frame rows);

  /**
   * Workbench's health check over the last {@link EndpointHealth#DEFAULT_WINDOW}: config present, status (Failed,
   * stuck Creating/Updating), server errors and activity from the metric set of the endpoint's kind.
   */
  EndpointHealth health();

  EndpointHealth health(Duration window);

  /**
   * The inference captures stored for this endpoint (Workbench's layout under {@code endpoints/<name>/inference/}),
   * each with its metrics; written by {@code inference(frame, o -> o.capture("holdout"))} or by Workbench.
   */
  List<InferenceCapture> captures();

  /** One inference capture by name, if stored. */
  Optional<InferenceCapture> inferenceCapture(String captureName);

  /**
   * Deletes the queued async inputs of batches nobody waits for: open in this connection's journal, their owner
   * process gone (see {@link PurgeOptions}); with outputs already written for them. Returns what went.
   */
  PurgeResult purge();

  /** As {@link #purge()}; {@code all(true)} for everything under the endpoint's async-input prefix, or a dry run. */
  PurgeResult purge(Consumer<PurgeOptions.Builder> options);

  /**
   * Changes the endpoint in place (instance type and count, autoscaling bounds, idle window, data capture, model):
   * a new endpoint config, UpdateEndpoint, a wait until InService with progress (the endpoint keeps serving
   * meanwhile), then the scaling target and policies and the Workbench meta tags to match. Returns the endpoint as
   * it is afterwards. Bad values are refused before any change; an update SageMaker rolls back is a
   * {@link DeployException} with its reason, the endpoint left serving on its old config and scaling.
   */
  EndpointDescription update(Consumer<EndpointUpdate.Builder> update);

  EndpointDescription update(EndpointUpdate update);

  /** Deletes the endpoint, its config, model, scaling target, policies and alarms. */
  void delete();
}
