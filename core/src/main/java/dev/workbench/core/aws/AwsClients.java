package dev.workbench.core.aws;

import dev.workbench.api.CloudSettings;
import dev.workbench.api.WorkbenchException;
import java.net.URI;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The one place where the SDK clients are built. Local and AWS differ only in the endpoint URL and the
 * credentials: an endpoint URL gets static credentials (test/test unless given) and path-style S3; otherwise
 * the AWS default credential chain, profile and region apply, as the AWS CLI resolves them.
 *
 * <p>All clients share one Apache connection pool. The runtime client does not retry: the round trips count
 * and pace their own retries (throttling, 5xx) so progress reports them. Control-plane clients keep the SDK's
 * default retries. None of this ends an outage early: the round trips retry connection failures for the job's
 * outage window ({@link RetryBudget}), the SDK's few quick retries only come inside each of their tries. The
 * socket timeout stays above SageMaker's 60 s sync limit, so a healthy endpoint's answer is never cut off; a
 * caller's shorter invocation timeout is set on each InvokeEndpoint call.
 */
public final class AwsClients implements AutoCloseable {
  /** Enough for 64 async invocations in flight plus uploads, listings and sync threads at once. */
  public static final int MAX_CONNECTIONS = 256;

  private final CloudSettings settings;
  private final SdkHttpClient http;
  private final AwsCredentialsProvider credentials;
  private final Region region;
  // Built on first use: building an SDK client costs about a second on a busy machine, and a sync inference
  // needs two of the six.
  private final Lazy<SageMakerClient> sageMaker;
  private final Lazy<SageMakerRuntimeClient> runtime;
  private final Lazy<S3Client> s3;
  private final Lazy<CloudWatchClient> cloudWatch;
  private final Lazy<ApplicationAutoScalingClient> autoScaling;
  private final Lazy<CloudWatchLogsClient> logs;
  private final Lazy<ServiceQuotasClient> quotas;

  public AwsClients(CloudSettings settings) {
    this.region = Region.of(resolveRegion(settings));
    this.settings = settings.region().isEmpty() ? settings.withRegion(region.id()) : settings;
    this.credentials = credentialsFor(settings);
    this.http = ApacheHttpClient.builder()
        .maxConnections(MAX_CONNECTIONS)
        .connectionTimeout(Duration.ofSeconds(10))
        .connectionAcquisitionTimeout(Duration.ofSeconds(60))
        // A sync invocation may take up to 60 s on SageMaker before it answers.
        .socketTimeout(Duration.ofSeconds(90))
        .tcpKeepAlive(true)
        .build();
    this.sageMaker = new Lazy<>(() -> configure(SageMakerClient.builder()).build());
    this.runtime = new Lazy<>(() -> configure(SageMakerRuntimeClient.builder(),
        o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build());
    this.s3 = new Lazy<>(() -> configure(S3Client.builder()).forcePathStyle(settings.endpointUrl() != null).build());
    this.cloudWatch = new Lazy<>(() -> configure(CloudWatchClient.builder()).build());
    this.autoScaling = new Lazy<>(() -> configure(ApplicationAutoScalingClient.builder()).build());
    this.logs = new Lazy<>(() -> configure(CloudWatchLogsClient.builder()).build());
    this.quotas = new Lazy<>(() -> configure(ServiceQuotasClient.builder()).build());
  }

  private <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B configure(B builder) {
    return configure(builder, o -> { });
  }

  private <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B configure(B builder,
      Consumer<ClientOverrideConfiguration.Builder> override) {
    builder.region(region).credentialsProvider(credentials);
    builder.overrideConfiguration(o -> {
      if (settings.profile() != null) {
        // the named profile's other settings (endpoint_url, retry mode...) apply too, as with the AWS CLI's --profile
        o.defaultProfileName(settings.profile());
      }
      override.accept(o);
    });
    builder.httpClient(http);
    URI url = settings.endpointUrl();
    if (url != null) {
      builder.endpointOverride(url);
    }
    return builder;
  }

  private static String resolveRegion(CloudSettings settings) {
    if (!settings.region().isEmpty()) {
      return settings.region();
    }
    try {
      DefaultAwsRegionProviderChain.Builder chain = DefaultAwsRegionProviderChain.builder();
      if (settings.profile() != null) {
        chain.profileName(settings.profile());
      }
      return chain.build().getRegion().id();
    } catch (SdkClientException e) {
      throw new WorkbenchException("No AWS region found (set AWS_REGION or a region in your AWS profile), "
          + "or use --local / --endpoint-url to run against a local cloud", e);
    }
  }

  private static AwsCredentialsProvider credentialsFor(CloudSettings settings) {
    if (settings.accessKeyId() != null && settings.secretAccessKey() != null) {
      return StaticCredentialsProvider.create(
          AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey()));
    }
    AwsCredentialsProvider provider = settings.profile() != null
        ? ProfileCredentialsProvider.create(settings.profile())
        : DefaultCredentialsProvider.builder().build();
    if (settings.endpointUrl() == null) {
      // Fail now with a clear message rather than on the first call deep inside an inference.
      try {
        provider.resolveCredentials();
      } catch (SdkClientException e) {
        throw new WorkbenchException("No AWS credentials found"
            + (settings.profile() != null ? " for profile '" + settings.profile() + "'" : "")
            + " (configure them as for the AWS CLI), or use --local / --endpoint-url to run against a local cloud", e);
      }
    }
    return provider;
  }

  public CloudSettings settings() { return settings; }

  public Region region() { return region; }

  public SageMakerClient sageMaker() { return sageMaker.get(); }

  public SageMakerRuntimeClient runtime() { return runtime.get(); }

  public S3Client s3() { return s3.get(); }

  public CloudWatchClient cloudWatch() { return cloudWatch.get(); }

  public ApplicationAutoScalingClient autoScaling() { return autoScaling.get(); }

  public CloudWatchLogsClient logs() { return logs.get(); }

  /** Service Quotas: the account's limits (instances per type for endpoints), read before autoscaling registers. */
  public ServiceQuotasClient quotas() { return quotas.get(); }

  /**
   * The account id from STS GetCallerIdentity; null with an endpoint URL (an emulator has no real account:
   * local-cloud serves no STS) or when STS cannot answer. A short-lived client: it is asked once per Cloud.
   */
  public @Nullable String accountId() {
    if (settings.endpointUrl() != null) {
      return null;
    }
    try (StsClient sts = configure(StsClient.builder(),
        o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()).apiCallTimeout(Duration.ofSeconds(10))).build()) {
      String account = sts.getCallerIdentity().account();
      return account == null || account.isBlank() ? null : account;
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** Closes every client, then the shared connection pool. */
  @Override
  public void close() {
    sageMaker.close();
    runtime.close();
    s3.close();
    cloudWatch.close();
    autoScaling.close();
    logs.close();
    quotas.close();
    http.close();
  }

  /** A client built once, on first use; closing it before that builds nothing. */
  private static final class Lazy<T extends AutoCloseable> {
    private final Supplier<T> factory;
    private @Nullable T value; // guarded by this
    private boolean closed; // guarded by this

    Lazy(Supplier<T> factory) {
      this.factory = factory;
    }

    synchronized T get() {
      if (closed) {
        throw new IllegalStateException("the Cloud was closed");
      }
      if (value == null) {
        value = factory.get();
      }
      return value;
    }

    synchronized void close() {
      closed = true;
      if (value != null) {
        try {
          value.close();
        } catch (Exception ignored) {
          // closing is best effort; the pool is closed after
        }
      }
    }
  }
}
