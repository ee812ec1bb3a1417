package dev.workbench.dsl;

import dev.workbench.api.Cloud;
import dev.workbench.api.CloudSettings;
import dev.workbench.api.DeployOptions;
import dev.workbench.api.Endpoint;
import dev.workbench.api.EndpointDescription;
import dev.workbench.api.EndpointKind;
import dev.workbench.api.EndpointMetrics;
import dev.workbench.api.Frame;
import dev.workbench.api.InferenceCache;
import dev.workbench.api.InferenceJob;
import dev.workbench.api.JournalBatch;
import dev.workbench.api.Model;
import dev.workbench.api.ModelDescription;
import dev.workbench.api.ModelRegistration;
import dev.workbench.api.WorkbenchException;
import dev.workbench.local.LocalCloudConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * One connection for a script: to AWS, to a running local cloud, or to an embedded local cloud started in this
 * JVM. Everything the console does goes through here. Close it when done (Kotlin: {@code use {}}).
 *
 * <pre>{@code
 * try (Workbench wb = Workbench.local()) {
 *   wb.registerDemoModels();
 *   Endpoint ep = wb.deploy("smiles-descriptors", d -> d.maxInstances(1));
 *   Frame out = ep.inference(wb.csv("examples/molecules.csv"));
 *   System.out.println(out.get(0, "mw"));
 *   // The caller's timeouts: per invocation, and how long an unreachable cloud is waited for.
 *   Frame slow = ep.inference(wb.csv("big.csv"), o -> o.invocationTimeout(Duration.ofSeconds(30))
 *       .outageWindow(Duration.ofMinutes(10)));
 * }
 * }</pre>
 */
public final class Workbench implements AutoCloseable {
  /** The bundled local models {@link #registerDemoModels()} registers (image {@code local/<name>}). */
  public static final List<String> DEMO_MODELS = List.of("smiles-descriptors", "smiles-to-3d", "latency", "esol-solubility");
  /** The bundled regressor of aqueous solubility, fitted on the ESOL train split ({@code examples/esol.csv}). */
  public static final String ESOL_MODEL = "esol-solubility";
  /** Its target: the measured log10 solubility in mol/L. */
  public static final String ESOL_TARGET = "log_solubility";

  private final Cloud cloud;
  private final @Nullable EmbeddedCloud embedded;
  private final String description;
  private final List<InferenceCache> caches = new CopyOnWriteArrayList<>();

  private Workbench(Cloud cloud, @Nullable EmbeddedCloud embedded, String description) {
    this.cloud = cloud;
    this.embedded = embedded;
    this.description = description;
  }

  // ---- connecting ----

  /** AWS (or any endpoint) with explicit settings: {@code Workbench.connect(c -> c.profile("ml-dev").region("us-west-2"))}. */
  public static Workbench connect(Consumer<CloudSettings.Builder> settings) {
    return connect(CloudSettings.of(settings));
  }

  public static Workbench connect(CloudSettings settings) {
    return wrap(Cloud.connect(settings));
  }

  /** Connection from the environment: {@code WORKBENCH_ENDPOINT_URL} when set, else the AWS default chain. */
  public static Workbench fromEnvironment() {
    return wrap(Cloud.fromEnvironment());
  }

  /** A running AWS-compatible endpoint such as {@code workbench local}: {@code Workbench.at("http://127.0.0.1:4566")}. */
  public static Workbench at(String endpointUrl) {
    return at(URI.create(endpointUrl));
  }

  public static Workbench at(URI endpointUrl) {
    return wrap(Cloud.at(endpointUrl));
  }

  /** Like {@link #at(URI)} with more client settings (data directory for the journal and cache, region...). */
  public static Workbench at(URI endpointUrl, Consumer<CloudSettings.Builder> settings) {
    return wrap(Cloud.at(endpointUrl, settings));
  }

  /** Starts the embedded local cloud in this JVM (data in {@code ~/.workbench/local}, AWS-like timing). */
  public static Workbench local() {
    return local(c -> { });
  }

  /** Starts the embedded local cloud configured by {@code config}; closing the Workbench stops it. */
  public static Workbench local(Consumer<LocalCloudConfig.Builder> config) {
    return embedded(EmbeddedCloud.start(config));
  }

  /** Starts the embedded local cloud with its data under {@code dataDir} and its clock at {@code pace}. */
  public static Workbench local(Path dataDir, Pace pace) {
    return embedded(EmbeddedCloud.start(dataDir, pace));
  }

  private static Workbench embedded(EmbeddedCloud local) {
    try {
      Cloud cloud = Cloud.connect(s -> s.endpointUrl(local.endpoint()).region(local.region())
          .credentials(local.accessKey(), local.secretKey()).dataDir(local.dataDir().resolve("client")));
      return new Workbench(cloud, local, "embedded local cloud at " + local.endpoint() + " (data " + local.dataDir() + ")");
    } catch (RuntimeException e) {
      local.close();
      throw e;
    }
  }

  private static Workbench wrap(Cloud cloud) {
    CloudSettings s = cloud.settings();
    String where = s.endpointUrl() != null
        ? "endpoint " + s.endpointUrl() + ", region " + cloud.region()
        : "AWS" + (s.profile() != null ? " profile " + s.profile() : "") + ", region " + cloud.region();
    return new Workbench(cloud, null, where);
  }

  // ---- the connection ----

  /** The core connection (SDK clients, bucket, data directory). */
  public Cloud cloud() {
    return cloud;
  }

  /** Where this Workbench is connected, for people: never contains secrets. */
  public String connectionDescription() {
    return description;
  }

  /** True when this Workbench runs its own embedded local cloud. */
  public boolean isEmbedded() {
    return embedded != null;
  }

  /** The embedded cloud's URL, when this Workbench started one. */
  public @Nullable URI embeddedEndpoint() {
    EmbeddedCloud e = embedded;
    return e == null ? null : e.endpoint();
  }

  // ---- endpoints ----

  /** Every endpoint, described (sync/async, status, instances). */
  public List<EndpointDescription> endpoints() {
    return cloud.endpoints();
  }

  /** The endpoints matching {@code filter}, e.g. {@code wb.endpoints(EndpointDescription::scaledToZero)}. */
  public List<EndpointDescription> endpoints(Predicate<EndpointDescription> filter) {
    return endpoints().stream().filter(filter).toList();
  }

  public List<EndpointDescription> syncEndpoints() {
    return endpoints(d -> !d.async());
  }

  public List<EndpointDescription> asyncEndpoints() {
    return endpoints(EndpointDescription::async);
  }

  public List<EndpointDescription> serverlessEndpoints() {
    return endpoints(d -> d.kind() == EndpointKind.SERVERLESS);
  }

  /** Endpoints in a SageMaker status such as {@code InService}, {@code Creating}, {@code Failed} (any case). */
  public List<EndpointDescription> endpointsWithStatus(String status) {
    return endpoints(d -> d.status().equalsIgnoreCase(status));
  }

  /** The endpoint named {@code name} (not contacted until used). */
  public Endpoint endpoint(String name) {
    return cloud.endpoint(name);
  }

  /** Deletes the endpoint, its config, model, scaling and alarms. */
  public void delete(String endpointName) {
    endpoint(endpointName).delete();
  }

  /**
   * Waits until the endpoint's description matches {@code condition}, polling every 250 ms; returns it.
   * Throws WorkbenchException after {@code timeout}. Example: {@code wb.await("ep", d -> d.scaledToZero(), Duration.ofMinutes(2))}.
   */
  public EndpointDescription await(String endpointName, Predicate<EndpointDescription> condition, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      EndpointDescription d = endpoint(endpointName).describe();
      if (condition.test(d)) {
        return d;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new WorkbenchException("endpoint " + endpointName + " did not reach the expected state within "
            + timeout.toSeconds() + " s (status " + d.status() + ", instances " + d.currentInstances() + ")");
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new WorkbenchException("interrupted while waiting for endpoint " + endpointName, e);
      }
    }
  }

  // ---- models and deploy ----

  public Model model(String name) {
    return cloud.model(name);
  }

  public List<ModelDescription> models() {
    return cloud.models();
  }

  /** Registers a SageMaker model: {@code wb.registerModel("m", r -> r.image("local/latency").environment("K", "V"))}. */
  public Model registerModel(String name, Consumer<ModelRegistration.Builder> registration) {
    return cloud.registerModel(name, registration);
  }

  /** Registers the bundled local models ({@link #DEMO_MODELS}, images {@code local/<name>}) that are not registered yet. */
  public List<Model> registerDemoModels() {
    List<Model> models = new ArrayList<>();
    for (String name : DEMO_MODELS) {
      Model m = model(name);
      // The regressor carries the meta evaluation reads, so `o.capture(...)` can score it.
      models.add(m.exists() ? m : registerModel(name, r -> {
        r.image("local/" + name);
        if (name.equals(ESOL_MODEL)) {
          r.regressor(ESOL_TARGET).features("smiles");
        }
      }));
    }
    return models;
  }

  /** Deploys {@code model} to an endpoint (named like the model unless set) and waits until it is InService. */
  public Endpoint deploy(Model model, Consumer<DeployOptions.Builder> options) {
    return model.toEndpoint(options);
  }

  public Endpoint deploy(String modelName, Consumer<DeployOptions.Builder> options) {
    return deploy(model(modelName), options);
  }

  public Endpoint deploy(String modelName) {
    return deploy(modelName, d -> { });
  }

  // ---- tables ----

  /** Reads a CSV file (UTF-8, header row). */
  public Frame csv(Path path) {
    return Frame.readCsv(path);
  }

  public Frame csv(String path) {
    return csv(Path.of(path));
  }

  /** A table builder: {@code wb.frame("name", "smiles").row("ethanol", "CCO").build()}. */
  public Frame.Builder frame(String... columns) {
    return Frame.builder(columns);
  }

  public Frame frame(List<String> columns, List<? extends List<@Nullable String>> rows) {
    return Frame.of(columns, rows);
  }

  // ---- cache, metrics, jobs ----

  /** An inference cache keyed by {@code keyColumn} in this connection's data directory; closed with the Workbench. */
  public InferenceCache cache(Endpoint endpoint, String keyColumn) {
    InferenceCache cache = new InferenceCache(endpoint, keyColumn, cloud);
    caches.add(cache);
    return cache;
  }

  public InferenceCache cache(String endpointName, String keyColumn) {
    return cache(endpoint(endpointName), keyColumn);
  }

  /** The endpoint's metrics over the last {@code since}. */
  public EndpointMetrics metrics(Endpoint endpoint, Duration since) {
    return endpoint.metrics(since);
  }

  public EndpointMetrics metrics(String endpointName, Duration since) {
    return metrics(endpoint(endpointName), since);
  }

  /** Inference jobs running in this process. */
  public List<InferenceJob> jobs() {
    return cloud.jobs();
  }

  /** Async batches recorded in the journal and not collected yet (by any process). */
  public List<JournalBatch> journalBatches() {
    return cloud.journalBatches();
  }

  /** Closes caches, the connection and, when embedded, stops the local cloud. */
  @Override
  public void close() {
    for (InferenceCache c : caches) {
      try {
        c.close();
      } catch (RuntimeException ignored) {
        // closing the rest matters more
      }
    }
    try {
      cloud.close();
    } finally {
      EmbeddedCloud e = embedded;
      if (e != null) {
        e.close();
      }
    }
  }

  @Override
  public String toString() {
    return "Workbench[" + description + "]";
  }
}
