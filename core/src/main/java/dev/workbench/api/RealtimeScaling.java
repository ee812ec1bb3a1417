package dev.workbench.api;

import org.jspecify.annotations.Nullable;

/**
 * Target tracking for a sync (realtime) endpoint between {@link DeployOptions#minInstances()} and
 * {@link DeployOptions#maxInstances()}: on SageMaker's predefined SageMakerVariantInvocationsPerInstance
 * (invocations per instance per minute) or on the instances' CPUUtilization (percent, from
 * {@code /aws/sagemaker/Endpoints}), with Application Auto Scaling's cooldowns in seconds.
 */
public record RealtimeScaling(Metric metric, double target, int scaleInCooldownSeconds, int scaleOutCooldownSeconds) {

  public enum Metric { INVOCATIONS_PER_INSTANCE, CPU_UTILIZATION }

  /** Invocations per instance per minute the fleet aims at by default. */
  public static final double DEFAULT_INVOCATIONS_TARGET = 100;
  /** CPU percent the fleet aims at by default (SageMaker reports up to 100 per vCPU). */
  public static final double DEFAULT_CPU_TARGET = 70;
  /** Scale in slowly: a fleet that shrinks at the first quiet minute grows again at the next burst. */
  public static final int DEFAULT_SCALE_IN_COOLDOWN_SECONDS = 300;
  public static final int DEFAULT_SCALE_OUT_COOLDOWN_SECONDS = 60;

  public static RealtimeScaling invocationsPerInstance(double target) {
    return new RealtimeScaling(Metric.INVOCATIONS_PER_INSTANCE, target, DEFAULT_SCALE_IN_COOLDOWN_SECONDS,
        DEFAULT_SCALE_OUT_COOLDOWN_SECONDS);
  }

  public static RealtimeScaling cpu(double percent) {
    return new RealtimeScaling(Metric.CPU_UTILIZATION, percent, DEFAULT_SCALE_IN_COOLDOWN_SECONDS,
        DEFAULT_SCALE_OUT_COOLDOWN_SECONDS);
  }

  public RealtimeScaling withCooldowns(int scaleInSeconds, int scaleOutSeconds) {
    return new RealtimeScaling(metric, target, scaleInSeconds, scaleOutSeconds);
  }

  /** What Application Auto Scaling would refuse in these values, naming the value; null when they are fine. */
  public @Nullable String problem() {
    if (!(target > 0) || Double.isInfinite(target)) {
      return "target must be a number greater than 0, was " + target;
    }
    if (scaleInCooldownSeconds < 0) {
      return "scaleInCooldown must be >= 0 seconds, was " + scaleInCooldownSeconds;
    }
    if (scaleOutCooldownSeconds < 0) {
      return "scaleOutCooldown must be >= 0 seconds, was " + scaleOutCooldownSeconds;
    }
    return null;
  }

  /** "InvocationsPerInstance 100" or "CPUUtilization 70%", for progress lines and describe. */
  public String label() {
    String value = target == Math.rint(target) ? String.valueOf((long) target) : String.valueOf(target);
    return metric == Metric.CPU_UTILIZATION ? "CPUUtilization " + value + "%" : "InvocationsPerInstance " + value;
  }
}
