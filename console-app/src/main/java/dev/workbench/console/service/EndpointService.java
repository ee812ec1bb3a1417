package dev.workbench.console.service;

import dev.workbench.api.DeployProgress;
import dev.workbench.api.EndpointDescription;
import dev.workbench.api.EndpointHealth;
import dev.workbench.api.EndpointMetrics;
import dev.workbench.api.EndpointUpdate;
import dev.workbench.api.Frame;
import dev.workbench.api.LogEvent;
import dev.workbench.api.LogFollow;
import dev.workbench.api.TestInferenceResult;
import dev.workbench.api.ModelDescription;
import dev.workbench.core.deploy.EndpointDeleter;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** Endpoint operations of the current connection. Every method blocks: call them from background tasks. */
public final class EndpointService {
  private final ConnectionService connection;

  public EndpointService(ConnectionService connection) {
    this.connection = connection;
  }

  public List<EndpointDescription> endpoints() {
    return connection.current().cloud().endpoints().stream()
        .sorted(Comparator.comparing(EndpointDescription::name)).toList();
  }

  public EndpointDescription describe(String endpoint) {
    return connection.current().cloud().endpoint(endpoint).describe();
  }

  public List<String> models() {
    return connection.current().cloud().models().stream().map(ModelDescription::name).sorted().toList();
  }

  /** Deploys and waits until InService; progress steps arrive on the calling (worker) thread. */
  public EndpointDescription deploy(DeployRequest request, Consumer<DeployProgress> progress) {
    var cloud = connection.current().cloud();
    var endpoint = cloud.model(request.model()).toEndpoint(o -> {
      o.endpointName(request.endpointName()).instance(request.instanceType()).async(request.async())
          .tags(request.tags()).dataCapture(request.dataCapture())
          .captureSamplePercent(request.captureSamplePercent()).onProgress(progress);
      if (request.async()) {
        o.maxConcurrent(request.maxConcurrent()).maxInstances(request.maxInstances())
            .idleMinutes(request.idleMinutes()).minInstances(request.scaleToZero() ? 0 : 1);
      }
    });
    return endpoint.describe();
  }

  /**
   * Changes the endpoint in place and waits until it is InService again; progress steps arrive on the calling
   * (worker) thread. A rollback is a DeployException: the old config still serves.
   */
  public EndpointDescription update(String endpoint, EndpointUpdate u, Consumer<DeployProgress> progress) {
    return connection.current().cloud().endpoint(endpoint).update(new EndpointUpdate(u.instance(), u.instances(),
        u.minInstances(), u.maxInstances(), u.idleMinutes(), u.dataCapture(), u.captureSamplePercent(), u.model(),
        u.autoscaling(), progress));
  }

  /** Deletes the endpoint with its config, scaling and alarms; its model too only when asked. */
  public void delete(String endpoint, boolean withModel) {
    new EndpointDeleter(connection.current().cloud()).delete(endpoint, withModel);
  }

  /** The variant's scaling activities and idle window; NONE when nothing scales it (a sync endpoint). */
  public ScalingHistory scaling(String endpoint, String variant) {
    return ScalingReader.read(connection.current().cloud().autoScaling(), endpoint, variant);
  }

  /** Data-capture records of the endpoint as a table. */
  public Frame capture(String endpoint, Duration since) {
    return connection.current().cloud().endpoint(endpoint).capture(since);
  }

  /** The endpoint's whole description for the detail pane (several calls: SageMaker, auto scaling, alarms). */
  public EndpointDetail detail(String endpoint) {
    return EndpointDetailReader.read(connection.current().cloud(), endpoint);
  }

  /** Workbench's health check of the endpoint. */
  public EndpointHealth health(String endpoint) {
    return connection.current().cloud().endpoint(endpoint).health();
  }

  /** The endpoint's model's sample rows as CSV, or null when the model keeps none. */
  public @Nullable String sample(String endpoint) {
    var cloud = connection.current().cloud();
    String model = cloud.endpoint(endpoint).describe().modelName();
    Frame sample = model == null ? null : cloud.model(model).sample();
    return sample == null ? null : sample.toCsv();
  }

  /** A smoke test with the given CSV rows (header first). */
  public TestInferenceResult testInference(String endpoint, String csv) {
    Frame rows = Frame.parseCsv(csv);
    if (rows.rowCount() == 0) {
      throw new IllegalArgumentException("the test body has a header but no row: add at least one CSV line");
    }
    return connection.current().cloud().endpoint(endpoint).testInference(rows);
  }

  /** The metric set between two instants, at the given period. */
  public EndpointMetrics metrics(String endpoint, Instant start, Instant end, Duration period) {
    return connection.current().cloud().endpoint(endpoint).metrics(q -> q.start(start).end(end).period(period));
  }

  /** The container log lines of the last {@code since}, oldest first. */
  public List<LogEvent> logs(String endpoint, Duration since, @Nullable String filter) {
    return connection.current().cloud().endpoint(endpoint).logs(since, filter);
  }

  /** Follows the container log; lines arrive on a background thread until the handle is closed. */
  public LogFollow followLogs(String endpoint, Duration since, @Nullable String filter, Consumer<LogEvent> onEvent) {
    return connection.current().cloud().endpoint(endpoint).followLogs(since, filter, onEvent);
  }
}
