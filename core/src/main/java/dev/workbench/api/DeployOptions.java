package dev.workbench.api;

import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * How {@link Model#toEndpoint(Consumer)} deploys. Defaults follow Workbench: async instance ml.c7i.xlarge
 * (sync ml.t2.medium), one initial instance, at most 8, scale to zero after 60 idle minutes, 1 concurrent
 * invocation per instance. Values are checked before any AWS call (see the deployer).
 *
 * <p>{@code serverless} set (see {@link Builder#serverless(int, int)}) deploys a serverless endpoint: no instance
 * type, count or autoscaling; SageMaker allows neither async nor data capture on it.
 *
 * <p>{@code autoscaling} set on a sync endpoint (see {@link Builder#autoscaling(RealtimeScaling)}) registers it with
 * Application Auto Scaling between min (at least 1) and max instances, tracking invocations per instance or CPU.
 */
public record DeployOptions(@Nullable String endpointName, boolean async, String instance, int initialInstances,
    int maxInstances, int minInstances, int idleMinutes, int maxConcurrent, List<String> tags,
    boolean dataCapture, int captureSamplePercent, @Nullable String kmsKeyId, @Nullable ServerlessSettings serverless,
    @Nullable RealtimeScaling autoscaling, @Nullable Consumer<DeployProgress> onProgress) {

  public static final String DEFAULT_ASYNC_INSTANCE = "ml.c7i.xlarge";
  public static final String DEFAULT_SYNC_INSTANCE = "ml.t2.medium";

  public DeployOptions {
    tags = List.copyOf(tags);
  }

  /** What describe will report for an endpoint deployed with these options. */
  public EndpointKind kind() {
    return serverless != null ? EndpointKind.SERVERLESS : async ? EndpointKind.ASYNC : EndpointKind.SYNC;
  }

  public static DeployOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public static DeployOptions of(Consumer<Builder> options) {
    Builder b = builder();
    options.accept(b);
    return b.build();
  }

  public static final class Builder {
    private @Nullable String endpointName;
    private boolean async;
    private @Nullable String instance;
    private int initialInstances = 1;
    private int maxInstances = 8;
    private @Nullable Integer minInstances;
    private int idleMinutes = 60;
    private int maxConcurrent = 1;
    private List<String> tags = List.of();
    private boolean dataCapture;
    private int captureSamplePercent = 100;
    private @Nullable String kmsKeyId;
    private @Nullable Integer memoryMb;
    private @Nullable Integer maxConcurrency;
    private @Nullable Integer provisionedConcurrency;
    private boolean serverless;
    private @Nullable RealtimeScaling autoscaling;
    private @Nullable Consumer<DeployProgress> onProgress;

    private Builder() {}

    public Builder endpointName(@Nullable String name) { this.endpointName = name; return this; }
    public Builder async(boolean async) { this.async = async; return this; }
    public Builder instance(String instanceType) { this.instance = instanceType; return this; }
    public Builder initialInstances(int n) { this.initialInstances = n; return this; }
    public Builder maxInstances(int n) { this.maxInstances = n; return this; }
    /** Default 0 for async endpoints (scale to zero), 1 for sync ones. */
    public Builder minInstances(int n) { this.minInstances = n; return this; }
    public Builder idleMinutes(int minutes) { this.idleMinutes = minutes; return this; }
    public Builder maxConcurrent(int invocationsPerInstance) { this.maxConcurrent = invocationsPerInstance; return this; }
    public Builder tags(List<String> tags) { this.tags = List.copyOf(tags); return this; }
    public Builder tags(String... tags) { return tags(List.of(tags)); }
    public Builder dataCapture(boolean capture) { this.dataCapture = capture; return this; }
    public Builder captureSamplePercent(int percent) { this.captureSamplePercent = percent; return this; }
    public Builder kmsKeyId(@Nullable String keyId) { this.kmsKeyId = keyId; return this; }
    /** A serverless endpoint with Workbench's defaults (2048 MB, 2 concurrent invocations). */
    public Builder serverless(boolean serverless) { this.serverless = serverless; return this; }
    /** A serverless endpoint: memory 1024..6144 MB in steps of 1024, 1..200 concurrent invocations. */
    public Builder serverless(int memoryMb, int maxConcurrency) {
      this.serverless = true;
      this.memoryMb = memoryMb;
      this.maxConcurrency = maxConcurrency;
      return this;
    }
    public Builder memoryMb(int memoryMb) { this.serverless = true; this.memoryMb = memoryMb; return this; }
    public Builder maxConcurrency(int maxConcurrency) { this.serverless = true; this.maxConcurrency = maxConcurrency; return this; }
    /** Serverless: this many of the concurrent invocations kept warm (no cold start), 1..maxConcurrency. */
    public Builder provisionedConcurrency(int n) { this.serverless = true; this.provisionedConcurrency = n; return this; }
    /** Sync endpoints: target tracking between minInstances and maxInstances (null: a fixed fleet, the default). */
    public Builder autoscaling(@Nullable RealtimeScaling scaling) { this.autoscaling = scaling; return this; }
    /** Sync: track SageMakerVariantInvocationsPerInstance (per instance per minute) at {@code target}. */
    public Builder autoscaleOnInvocations(double target) { return autoscaling(RealtimeScaling.invocationsPerInstance(target)); }
    /** Sync: track the instances' CPUUtilization at {@code percent}. */
    public Builder autoscaleOnCpu(double percent) { return autoscaling(RealtimeScaling.cpu(percent)); }
    public Builder onProgress(@Nullable Consumer<DeployProgress> listener) { this.onProgress = listener; return this; }

    public DeployOptions build() {
      String type = instance != null ? instance : async ? DEFAULT_ASYNC_INSTANCE : DEFAULT_SYNC_INSTANCE;
      int min = minInstances != null ? minInstances : async ? 0 : 1;
      return new DeployOptions(endpointName, async, type, initialInstances, maxInstances, min, idleMinutes,
          maxConcurrent, tags, dataCapture, captureSamplePercent, kmsKeyId, serverlessSettings(), autoscaling, onProgress);
    }

    private @Nullable ServerlessSettings serverlessSettings() {
      if (!serverless) {
        return null;
      }
      return new ServerlessSettings(memoryMb != null ? memoryMb : ServerlessSettings.DEFAULT_MEMORY_MB,
          maxConcurrency != null ? maxConcurrency : ServerlessSettings.DEFAULT_MAX_CONCURRENCY, provisionedConcurrency);
    }
  }
}
