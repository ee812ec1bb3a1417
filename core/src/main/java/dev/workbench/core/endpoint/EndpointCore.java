package dev.workbench.core.endpoint;

import dev.workbench.api.Cloud;
import dev.workbench.api.Endpoint;
import dev.workbench.api.EndpointDescription;
import dev.workbench.api.EndpointHealth;
import dev.workbench.api.EndpointMeta;
import dev.workbench.api.EndpointMetrics;
import dev.workbench.api.EndpointUpdate;
import dev.workbench.api.EndpointNotReadyException;
import dev.workbench.api.Frame;
import dev.workbench.api.FrameException;
import dev.workbench.api.InferenceJob;
import dev.workbench.api.InferenceOptions;
import dev.workbench.api.LogEvent;
import dev.workbench.api.LogFollow;
import dev.workbench.api.MetricsQuery;
import dev.workbench.api.PurgeOptions;
import dev.workbench.api.PurgeResult;
import dev.workbench.api.StreamingJob;
import dev.workbench.api.InferenceCapture;
import dev.workbench.api.TestInferenceResult;
import dev.workbench.core.async.AsyncPurge;
import dev.workbench.core.aws.UntilReachable;
import dev.workbench.core.capture.CapturePlan;
import dev.workbench.core.capture.CaptureReader;
import dev.workbench.core.capture.CaptureStore;
import dev.workbench.core.capture.CapturingJob;
import dev.workbench.core.csv.RowSink;
import dev.workbench.core.deploy.EndpointDeleter;
import dev.workbench.core.deploy.EndpointUpdater;
import dev.workbench.core.job.RunningJob;
import dev.workbench.core.job.StreamEnds;
import dev.workbench.core.job.StreamInput;
import dev.workbench.core.job.StreamedRun;
import dev.workbench.core.metrics.LogFollower;
import dev.workbench.core.metrics.LogsReader;
import dev.workbench.core.metrics.MetricsReader;
import dev.workbench.core.sync.SyncRoundTrip;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;

/**
 * An endpoint on a Cloud. Every inference looks the endpoint up (DescribeEndpoint, ListTags), then routes:
 * async endpoints go to the Cloud's async round trip, sync ones to the sync round trip. The caller's code is
 * the same either way.
 */
public final class EndpointCore implements Endpoint {
  /** States in which SageMaker serves invocations (an endpoint keeps serving while autoscaling updates it). */
  static final Set<String> SERVING = Set.of("InService", "Updating", "SystemUpdating");

  private final String name;
  private final Cloud cloud;
  private final CloudServices services;

  public EndpointCore(String name, Cloud cloud, CloudServices services) {
    if (name.isBlank()) {
      throw new IllegalArgumentException("endpoint name must not be blank");
    }
    this.name = name;
    this.cloud = cloud;
    this.services = services;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Frame inference(Frame input) {
    return submit(input).join();
  }

  @Override
  public Frame inference(Frame input, Consumer<InferenceOptions.Builder> options) {
    return submit(input, options).join();
  }

  @Override
  public Frame fastInference(Frame input, int threads) {
    return inference(input, o -> o.threads(threads));
  }

  @Override
  public InferenceJob submit(Frame input) {
    return submit(input, InferenceOptions.defaults());
  }

  @Override
  public InferenceJob submit(Frame input, Consumer<InferenceOptions.Builder> options) {
    return submit(input, InferenceOptions.of(options));
  }

  public InferenceJob submit(Frame input, InferenceOptions options) {
    if (input.isEmpty() || input.rowCount() == 0) {
      throw new FrameException("Nothing to send to endpoint '" + name + "': the frame has no rows (columns "
          + input.columns() + ")");
    }
    Route route = UntilReachable.call(options.outageWindow(), this::route);
    if (options.capture() != null) {
      // Checked before any row is sent: a capture that cannot be evaluated must not cost an inference first.
      ModelMetaLookup.Found model = ModelMetaLookup.forEndpoint(cloud.sageMaker(), route.endpoint(), route.meta());
      CapturePlan plan = CapturePlan.prepare(name, input, options, model.modelName(), model.meta(),
          new CaptureStore(cloud.s3(), cloud.bucket()));
      return new CapturingJob(send(input, options.toBuilder().capture(null).build(), route), plan);
    }
    return send(input, options, route);
  }

  private InferenceJob send(Frame input, InferenceOptions options, Route route) {
    EndpointMeta meta = route.meta();
    if (route.async()) {
      // Routed by its AsyncInferenceConfig alone: the async defaults (batch size 10) apply, not the sync ones.
      EndpointMeta asyncMeta = meta.asyncEndpointTag() == null ? meta.with(EndpointMeta.ASYNC_ENDPOINT, "true") : meta;
      return services.track(services.async().submit(name, input, options, asyncMeta));
    }
    RunningJob job = services.track(new RunningJob(name, false, input, options.onProgress()));
    int batchSize = options.batchSize() != null ? options.batchSize()
        : meta.intValue(EndpointMeta.INFERENCE_BATCH_SIZE, EndpointMeta.DEFAULT_SYNC_BATCH_SIZE);
    int threads = Math.min(options.threads(), CloudServices.MAX_SYNC_THREADS);
    Integer serverlessLimit = route.serverlessLimit();
    if (serverlessLimit != null) {
      // More threads than MaxConcurrency would only be throttled; other callers' throttling is retried.
      threads = Math.max(1, Math.min(threads, serverlessLimit));
    }
    new SyncRoundTrip(cloud.runtime(), services.syncExecutor()).start(job, name, input, batchSize, threads, options);
    return job;
  }

  @Override
  public StreamingJob submitFile(String input, String output, Consumer<InferenceOptions.Builder> options) {
    InferenceOptions o = InferenceOptions.of(options);
    if (o.capture() != null) {
      throw new IllegalArgumentException("capture evaluates the whole table at once; use inference(frame) with it");
    }
    StreamInput in = StreamEnds.input(input, cloud.s3());
    Route route = UntilReachable.call(o.outageWindow(), this::route);
    EndpointMeta meta = route.async() && route.meta().asyncEndpointTag() == null
        ? route.meta().with(EndpointMeta.ASYNC_ENDPOINT, "true") : route.meta();
    int batch = o.batchSize() != null ? o.batchSize() : meta.batchSize();
    // The window's chunks share the caller's concurrency instead of multiplying it.
    int inFlight = Math.max(1, ceilDiv(o.maxInFlight() != null ? o.maxInFlight() : meta.maxInFlight(), STREAM_WINDOW));
    int threads = Math.max(1, ceilDiv(o.threads(), STREAM_WINDOW));
    int chunkRows = (int) Math.max(MIN_CHUNK_ROWS, Math.min(MAX_CHUNK_ROWS,
        (long) batch * (route.async() ? inFlight : threads) * 4));
    InferenceOptions perChunk = o.toBuilder().maxInFlight(inFlight).threads(threads).onProgress(null).build();
    RowSink sink = StreamEnds.output(output, name + "#" + in.identity(), in.columnTypes(), cloud.s3());
    return new StreamedRun(name, in, sink, chunkRows, STREAM_WINDOW, rows -> send(rows, perChunk, route),
        o.onProgress()).start();
  }

  /** Chunks held at once by a streamed inference: the oldest being finished, the next one already running. */
  static final int STREAM_WINDOW = 2;
  static final int MIN_CHUNK_ROWS = 10_000;
  static final int MAX_CHUNK_ROWS = 200_000;

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }

  /** How a job on the endpoint is sent, from its state, config and meta (refused unless it serves). */
  private Route route() {
    DescribeEndpointResponse ep = EndpointLookup.describeEndpoint(cloud.sageMaker(), name);
    String status = ep.endpointStatusAsString();
    if (!SERVING.contains(status)) {
      throw new EndpointNotReadyException(name, status, ep.failureReason());
    }
    EndpointMeta meta = EndpointLookup.meta(cloud.sageMaker(), ep.endpointArn());
    return new Route(ep, meta, EndpointLookup.isAsync(cloud.sageMaker(), ep, meta),
        EndpointLookup.serverlessMaxConcurrency(ep));
  }

  private record Route(DescribeEndpointResponse endpoint, EndpointMeta meta, boolean async,
      @Nullable Integer serverlessLimit) {}

  @Override
  public boolean isAsync() {
    DescribeEndpointResponse ep = EndpointLookup.describeEndpoint(cloud.sageMaker(), name);
    return EndpointLookup.isAsync(cloud.sageMaker(), ep, EndpointLookup.meta(cloud.sageMaker(), ep.endpointArn()));
  }

  @Override
  public EndpointDescription describe() {
    return EndpointLookup.describe(cloud.sageMaker(), name);
  }

  @Override
  public EndpointMeta meta() {
    DescribeEndpointResponse ep = EndpointLookup.describeEndpoint(cloud.sageMaker(), name);
    return EndpointLookup.meta(cloud.sageMaker(), ep.endpointArn());
  }

  @Override
  public EndpointMetrics metrics(Duration since) {
    return metrics(MetricsQuery.since(since));
  }

  @Override
  public EndpointMetrics metrics(Consumer<MetricsQuery.Builder> query) {
    return metrics(MetricsQuery.of(query));
  }

  public EndpointMetrics metrics(MetricsQuery query) {
    EndpointDescription d = describe();
    return new MetricsReader(cloud.cloudWatch()).read(d.name(), d.variantName(), d.kind(), query);
  }

  @Override
  public Frame capture(Duration since) {
    return new CaptureReader(cloud.sageMaker(), cloud.s3()).read(name, since);
  }

  @Override
  public List<LogEvent> logs(Duration since) {
    return logs(since, null);
  }

  @Override
  public List<LogEvent> logs(Duration since, @Nullable String filter) {
    return new LogsReader(cloud.logs()).read(name, Instant.now().minus(since), null, filter);
  }

  @Override
  public LogFollow followLogs(Duration since, @Nullable String filter, Consumer<LogEvent> onEvent) {
    return LogFollower.start(new LogsReader(cloud.logs()), name, Instant.now().minus(since), filter, onEvent,
        LogFollower.POLL);
  }

  @Override
  public TestInferenceResult testInference(int rows) {
    return TestInference.run(cloud, this, rows);
  }

  @Override
  public TestInferenceResult testInference(Frame rows) {
    return TestInference.run(this, rows);
  }

  @Override
  public EndpointHealth health() {
    return health(EndpointHealth.DEFAULT_WINDOW);
  }

  @Override
  public EndpointHealth health(Duration window) {
    return HealthCheck.check(cloud, name, window);
  }

  @Override
  public List<InferenceCapture> captures() {
    return new CaptureStore(cloud.s3(), cloud.bucket()).list(name);
  }

  @Override
  public Optional<InferenceCapture> inferenceCapture(String captureName) {
    return Optional.ofNullable(new CaptureStore(cloud.s3(), cloud.bucket()).read(name, captureName));
  }

  @Override
  public PurgeResult purge() {
    return purge(PurgeOptions.abandoned());
  }

  @Override
  public PurgeResult purge(Consumer<PurgeOptions.Builder> options) {
    return purge(PurgeOptions.of(options));
  }

  public PurgeResult purge(PurgeOptions options) {
    // No DescribeEndpoint: the inputs of an endpoint already deleted are worth purging too.
    return new AsyncPurge(cloud.s3(), cloud.bucket(), services.journalFile()).purge(name, options);
  }

  @Override
  public EndpointDescription update(Consumer<EndpointUpdate.Builder> update) {
    return update(EndpointUpdate.of(update));
  }

  @Override
  public EndpointDescription update(EndpointUpdate update) {
    return new EndpointUpdater(cloud).update(name, update);
  }

  @Override
  public void delete() {
    new EndpointDeleter(cloud).delete(name);
  }

  @Override
  public String toString() {
    return "Endpoint[" + name + "]";
  }
}
