package dev.workbench.api;

import dev.workbench.core.aws.AwsClients;
import dev.workbench.core.aws.Buckets;
import dev.workbench.core.deploy.ModelCore;
import dev.workbench.core.endpoint.CloudServices;
import dev.workbench.core.endpoint.EndpointCore;
import dev.workbench.core.endpoint.EndpointListing;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;

/**
 * A connection to SageMaker, S3, CloudWatch, CloudWatch Logs and Application Auto Scaling: in AWS or at an AWS-compatible
 * endpoint such as local-cloud. Holds the SDK clients, the executors of the round trips and the jobs running
 * in this process; close it when done.
 */
public final class Cloud implements AutoCloseable {
  private static final Object SHARED_LOCK = new Object();
  private static @Nullable Cloud shared;

  private final AwsClients clients;
  private final CloudServices services;
  private final Object bucketLock = new Object();
  private volatile @Nullable String bucket;
  private volatile @Nullable String accountId;
  private volatile boolean accountAsked;

  private Cloud(CloudSettings settings) {
    this.clients = new AwsClients(settings);
    this.services = new CloudServices(this);
  }

  /**
   * A new connection from the environment: {@code WORKBENCH_ENDPOINT_URL} when set (credentials from
   * AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY if present, else test/test; region AWS_REGION or us-east-1),
   * otherwise the AWS default credential chain, profile (AWS_PROFILE) and region.
   */
  public static Cloud fromEnvironment() {
    return new Cloud(environmentSettings());
  }

  /**
   * The process-wide connection {@link Endpoint#of(String)} and {@link Model#of(String)} use, created from the
   * environment on first use and closed when the JVM exits. Do not close it yourself.
   */
  public static Cloud shared() {
    synchronized (SHARED_LOCK) {
      Cloud c = shared;
      if (c == null || c.services.isClosed()) {
        c = fromEnvironment();
        shared = c;
        Cloud toClose = c;
        Runtime.getRuntime().addShutdownHook(new Thread(toClose::close, "workbench-cloud-shutdown"));
      }
      return c;
    }
  }

  public static Cloud connect(Consumer<CloudSettings.Builder> settings) {
    return new Cloud(CloudSettings.of(settings));
  }

  public static Cloud connect(CloudSettings settings) {
    return new Cloud(settings);
  }

  /** An AWS-compatible endpoint such as local-cloud; access key and secret "test", region us-east-1. */
  public static Cloud at(URI endpointUrl) {
    return connect(s -> s.endpointUrl(endpointUrl));
  }

  /** Like {@link #at(URI)} with more settings (e.g. the data directory). */
  public static Cloud at(URI endpointUrl, Consumer<CloudSettings.Builder> settings) {
    return connect(s -> {
      s.endpointUrl(endpointUrl);
      settings.accept(s);
    });
  }

  static CloudSettings environmentSettings() {
    CloudSettings.Builder b = CloudSettings.builder();
    String url = System.getenv(CloudSettings.ENDPOINT_URL_ENV);
    String region = firstNonBlank(System.getenv("AWS_REGION"), System.getenv("AWS_DEFAULT_REGION"));
    if (url != null && !url.isBlank()) {
      b.endpointUrl(URI.create(url.trim())).environmentCredentials();
    } else {
      b.profile(System.getenv("AWS_PROFILE"));
    }
    b.region(region);
    String dataDir = System.getenv("WORKBENCH_DATA_DIR");
    if (dataDir != null && !dataDir.isBlank()) {
      b.dataDir(Path.of(dataDir));
    }
    return b.build();
  }

  private static @Nullable String firstNonBlank(@Nullable String a, @Nullable String b) {
    if (a != null && !a.isBlank()) {
      return a;
    }
    return b != null && !b.isBlank() ? b : null;
  }

  public CloudSettings settings() { return clients.settings(); }

  public SageMakerClient sageMaker() { return clients.sageMaker(); }

  public SageMakerRuntimeClient runtime() { return clients.runtime(); }

  public S3Client s3() { return clients.s3(); }

  public CloudWatchClient cloudWatch() { return clients.cloudWatch(); }

  public ApplicationAutoScalingClient autoScaling() { return clients.autoScaling(); }

  /** CloudWatch Logs: the endpoints' container logs. */
  public CloudWatchLogsClient logs() { return clients.logs(); }

  /** Service Quotas: the account's limits, e.g. instances of a type for endpoint usage. */
  public ServiceQuotasClient quotas() { return clients.quotas(); }

  /** The region the clients use (resolved from the AWS chain when the settings did not name one). */
  public String region() { return clients.region().id(); }

  /** The data directory: journal.db, cache/. */
  public Path dataDir() { return settings().dataDir(); }

  /**
   * The Workbench artifacts bucket: the settings' bucket, else env WORKBENCH_BUCKET (whatever the connection), else
   * {@code workbench-<account>-<region>} on AWS (account from STS), else {@code workbench-artifacts-<region>}
   * with an endpoint URL or when STS cannot answer (the name must not depend on anything that changes between
   * runs, so a later process finds the same bucket). Resolved once, created when missing.
   */
  public String bucket() {
    String b = bucket;
    if (b != null) {
      return b;
    }
    synchronized (bucketLock) {
      if (bucket == null) {
        // Here, not in one way of connecting: --endpoint-url, --local, a profile and the DSL all honour the variable.
        String name = settings().bucket();
        if (name == null) {
          name = Buckets.fromEnvironment(System::getenv);
        }
        if (name == null) {
          name = Buckets.defaultName(accountId(), region());
        }
        Buckets.ensure(clients.s3(), name, clients.region());
        bucket = name;
      }
      return bucket;
    }
  }

  /** The AWS account (STS GetCallerIdentity), asked once; null where there is no STS (local-cloud). */
  public @Nullable String accountId() {
    if (!accountAsked) {
      synchronized (bucketLock) {
        if (!accountAsked) {
          accountId = clients.accountId();
          accountAsked = true;
        }
      }
    }
    return accountId;
  }

  public Endpoint endpoint(String name) {
    return new EndpointCore(name, this, services);
  }

  public Model model(String name) {
    return new ModelCore(name, this, services);
  }

  /** CreateModel from an image (local-cloud: {@code local/<model>}), optional artifacts and environment. */
  public Model registerModel(String name, Consumer<ModelRegistration.Builder> registration) {
    return registerModel(name, ModelRegistration.of(registration));
  }

  public Model registerModel(String name, ModelRegistration registration) {
    return ModelCore.register(name, registration, this, services);
  }

  /** Every endpoint, described (sync/async, status, instances). */
  public List<EndpointDescription> endpoints() {
    return EndpointListing.endpoints(this);
  }

  public List<ModelDescription> models() {
    return EndpointListing.models(this);
  }

  /** Jobs running in this process on this connection. */
  public List<InferenceJob> jobs() {
    return services.jobs();
  }

  /** Async batches recorded in the journal and not collected yet (by any process). */
  public List<JournalBatch> journalBatches() {
    return services.journalBatches();
  }

  /** Internal services (executors, async round trip); for the core implementation. */
  public CloudServices services() {
    return services;
  }

  /** Cancels nothing: running jobs keep their futures; closes the round trips, executors and clients. */
  @Override
  public void close() {
    if (services.close()) {
      clients.close();
    }
  }

  @Override
  public String toString() {
    return "Cloud[" + (settings().endpointUrl() != null ? settings().endpointUrl() : "aws") + ", " + region() + "]";
  }
}
