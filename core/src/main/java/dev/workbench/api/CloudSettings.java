package dev.workbench.api;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Where the clients connect. With an {@code endpointUrl} (local-cloud or any AWS-compatible service) the
 * credentials default to test/test and the region to us-east-1; without one, credentials and region come from
 * the AWS default chain and profile as the AWS CLI resolves them ({@code region} is then resolved when the
 * Cloud connects if it was not given).
 */
public record CloudSettings(@Nullable URI endpointUrl, @Nullable String profile, String region,
    @Nullable String accessKeyId, @Nullable String secretAccessKey, @Nullable String bucket,
    Path dataDir, @Nullable String executionRoleArn) {

  /** Region used with an endpoint URL when none is given. */
  public static final String DEFAULT_REGION = "us-east-1";
  /** Environment variable naming an AWS-compatible endpoint (e.g. a running local cloud). */
  public static final String ENDPOINT_URL_ENV = "WORKBENCH_ENDPOINT_URL";
  /** Marks "resolve from the AWS default region chain" until the Cloud connects. */
  public static final String RESOLVE_REGION = "";

  public CloudSettings {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(dataDir, "dataDir");
  }

  public static Path defaultDataDir() {
    return Path.of(System.getProperty("user.home"), ".workbench");
  }

  public static Builder builder() {
    return new Builder();
  }

  public static CloudSettings of(Consumer<Builder> settings) {
    Builder b = builder();
    settings.accept(b);
    return b.build();
  }

  public Builder toBuilder() {
    Builder b = new Builder().endpointUrl(endpointUrl).profile(profile).accessKeyId(accessKeyId)
        .secretAccessKey(secretAccessKey).bucket(bucket).dataDir(dataDir).executionRoleArn(executionRoleArn);
    return region.isEmpty() ? b : b.region(region);
  }

  /** Same settings with the region filled in (used once the AWS chain resolved it). */
  public CloudSettings withRegion(String resolved) {
    return new CloudSettings(endpointUrl, profile, resolved, accessKeyId, secretAccessKey, bucket, dataDir, executionRoleArn);
  }

  /** Never shows the secret. */
  @Override
  public String toString() {
    return "CloudSettings[endpointUrl=" + endpointUrl + ", profile=" + profile + ", region=" + region
        + ", accessKeyId=" + accessKeyId + ", secretAccessKey=" + (secretAccessKey == null ? "null" : "****")
        + ", bucket=" + bucket + ", dataDir=" + dataDir + ", executionRoleArn=" + executionRoleArn + "]";
  }

  public static final class Builder {
    private @Nullable URI endpointUrl;
    private @Nullable String profile;
    private @Nullable String region;
    private @Nullable String accessKeyId;
    private @Nullable String secretAccessKey;
    private @Nullable String bucket;
    private @Nullable Path dataDir;
    private @Nullable String executionRoleArn;

    private Builder() {}

    public Builder endpointUrl(@Nullable URI url) { this.endpointUrl = url; return this; }
    public Builder endpointUrl(String url) { this.endpointUrl = URI.create(url); return this; }
    public Builder profile(@Nullable String profile) { this.profile = profile; return this; }
    public Builder region(@Nullable String region) { this.region = region; return this; }
    public Builder accessKeyId(@Nullable String accessKeyId) { this.accessKeyId = accessKeyId; return this; }
    public Builder secretAccessKey(@Nullable String secretAccessKey) { this.secretAccessKey = secretAccessKey; return this; }
    /** Both parts of a static credential. */
    public Builder credentials(String accessKeyId, String secretAccessKey) {
      this.accessKeyId = accessKeyId;
      this.secretAccessKey = secretAccessKey;
      return this;
    }
    /**
     * Takes {@code AWS_ACCESS_KEY_ID} / {@code AWS_SECRET_ACCESS_KEY} from the environment when both are set, as the
     * AWS CLI does with {@code --endpoint-url}; otherwise leaves the credentials as they are.
     */
    public Builder environmentCredentials() {
      return environmentCredentials(System::getenv);
    }

    /** Like {@link #environmentCredentials()}, reading the variables from {@code environment} (name to value). */
    public Builder environmentCredentials(Function<String, @Nullable String> environment) {
      String key = environment.apply("AWS_ACCESS_KEY_ID");
      String secret = environment.apply("AWS_SECRET_ACCESS_KEY");
      if (key != null && secret != null && !key.isBlank() && !secret.isBlank()) {
        credentials(key, secret);
      }
      return this;
    }

    public Builder bucket(@Nullable String bucket) { this.bucket = bucket; return this; }
    public Builder dataDir(@Nullable Path dataDir) { this.dataDir = dataDir; return this; }
    public Builder executionRoleArn(@Nullable String arn) { this.executionRoleArn = arn; return this; }

    public CloudSettings build() {
      String r = region;
      if (r == null || r.isBlank()) {
        r = endpointUrl != null ? DEFAULT_REGION : RESOLVE_REGION;
      }
      String key = accessKeyId;
      String secret = secretAccessKey;
      if (endpointUrl != null && key == null && secret == null) {
        key = "test";
        secret = "test";
      }
      return new CloudSettings(endpointUrl, profile, r, key, secret, bucket,
          dataDir != null ? dataDir : defaultDataDir(), executionRoleArn);
    }
  }
}
