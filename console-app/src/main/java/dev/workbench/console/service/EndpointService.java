package dev.workbench.console.service;

import dev.workbench.api.DeployProgress;
import dev.workbench.api.EndpointDescription;
import dev.workbench.api.EndpointMetrics;
import dev.workbench.api.Frame;
import dev.workbench.api.ModelDescription;
import dev.workbench.core.deploy.EndpointDeleter;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

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

  /** Deletes the endpoint with its config, scaling and alarms; its model too only when asked. */
  public void delete(String endpoint, boolean withModel) {
    new EndpointDeleter(connection.current().cloud()).delete(endpoint, withModel);
  }

  /** The variant's scaling activities and idle window; NONE when nothing scales it (a sync endpoint). */
  public ScalingHistory scaling(String endpoint, String variant) {
    return ScalingReader.read(connection.current().cloud().autoScaling(), endpoint, variant);
  }

  /** The endpoint's metric set over the last {@code since}, about 300 points per series (live charts). */
  public EndpointMetrics metrics(String endpoint, Duration since) {
    Duration period = Duration.ofSeconds(Math.max(1, since.toSeconds() / 300));
    return connection.current().cloud().endpoint(endpoint).metrics(q -> q.since(since).period(period));
  }

  /** Data-capture records of the endpoint as a table. */
  public Frame capture(String endpoint, Duration since) {
    return connection.current().cloud().endpoint(endpoint).capture(since);
  }
}
