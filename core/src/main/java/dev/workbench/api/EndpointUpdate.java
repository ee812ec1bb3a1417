package dev.workbench.api;

import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A change to a live endpoint ({@link Endpoint#update(Consumer)}): each value left null keeps what the endpoint has.
 * The update makes a new endpoint config and calls UpdateEndpoint; the endpoint keeps serving on its old fleet until
 * the new one is InService (SageMaker rolls back to the old config if the new one fails).
 *
 * <p>{@code instances} is the new fleet's instance count; {@code minInstances} / {@code maxInstances} the autoscaling
 * bounds (on a sync endpoint without autoscaling they start target tracking, on {@code autoscaling} or invocations
 * per instance at {@link RealtimeScaling#DEFAULT_INVOCATIONS_TARGET}); {@code idleMinutes} the async scale-in window;
 * {@code dataCapture} on or off with {@code captureSamplePercent}, as Workbench's data_capture().enable()/disable().
 */
public record EndpointUpdate(@Nullable String instance, @Nullable Integer instances, @Nullable Integer minInstances,
    @Nullable Integer maxInstances, @Nullable Integer idleMinutes, @Nullable Boolean dataCapture,
    @Nullable Integer captureSamplePercent, @Nullable String model, @Nullable RealtimeScaling autoscaling,
    @Nullable Consumer<DeployProgress> onProgress) {

  public static Builder builder() {
    return new Builder();
  }

  public static EndpointUpdate of(Consumer<Builder> update) {
    Builder b = builder();
    update.accept(b);
    return b.build();
  }

  /** True when nothing would change (progress listeners aside). */
  public boolean isEmpty() {
    return instance == null && instances == null && minInstances == null && maxInstances == null && idleMinutes == null
        && dataCapture == null && captureSamplePercent == null && model == null && autoscaling == null;
  }

  public static final class Builder {
    private @Nullable String instance;
    private @Nullable Integer instances;
    private @Nullable Integer minInstances;
    private @Nullable Integer maxInstances;
    private @Nullable Integer idleMinutes;
    private @Nullable Boolean dataCapture;
    private @Nullable Integer captureSamplePercent;
    private @Nullable String model;
    private @Nullable RealtimeScaling autoscaling;
    private @Nullable Consumer<DeployProgress> onProgress;

    private Builder() {}

    /** A new instance type (ml.*). */
    public Builder instance(String instanceType) { this.instance = instanceType; return this; }
    /** The new fleet's instance count (at least 1). */
    public Builder instances(int n) { this.instances = n; return this; }
    public Builder minInstances(int n) { this.minInstances = n; return this; }
    public Builder maxInstances(int n) { this.maxInstances = n; return this; }
    /** Async: scale to zero after this many idle minutes. */
    public Builder idleMinutes(int minutes) { this.idleMinutes = minutes; return this; }
    /** Data capture on (at the endpoint's sampling percent, 100 when it had none) or off. */
    public Builder dataCapture(boolean on) { this.dataCapture = on; return this; }
    /** Data capture on or off, sampling {@code percent} (1..100) of the calls when on. */
    public Builder dataCapture(boolean on, int percent) { this.dataCapture = on; this.captureSamplePercent = percent; return this; }
    public Builder captureSamplePercent(int percent) { this.captureSamplePercent = percent; return this; }
    /** Serve another registered model. */
    public Builder model(String modelName) { this.model = modelName; return this; }
    /** Sync: target tracking as at deploy ({@link DeployOptions.Builder#autoscaling(RealtimeScaling)}). */
    public Builder autoscaling(RealtimeScaling scaling) { this.autoscaling = scaling; return this; }
    public Builder onProgress(@Nullable Consumer<DeployProgress> listener) { this.onProgress = listener; return this; }

    public EndpointUpdate build() {
      return new EndpointUpdate(instance, instances, minInstances, maxInstances, idleMinutes, dataCapture,
          captureSamplePercent, model, autoscaling, onProgress);
    }
  }
}
