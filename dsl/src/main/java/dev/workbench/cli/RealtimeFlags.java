package dev.workbench.cli;

import dev.workbench.api.RealtimeScaling;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The sync autoscaling flags deploy and update share (a picocli mixin): a target metric and its cooldowns. */
final class RealtimeFlags {
  @Option(names = "--target-invocations", paramLabel = "X", description = "Sync autoscaling: track invocations per instance per minute.") @Nullable Double invocations;
  @Option(names = "--target-cpu", paramLabel = "PCT", description = "Sync autoscaling: track the instances' CPU percent instead.") @Nullable Double cpu;
  @Option(names = "--scale-in-cooldown", paramLabel = "S", description = "Sync autoscaling: seconds between scale-ins (default 300).") @Nullable Integer scaleIn;
  @Option(names = "--scale-out-cooldown", paramLabel = "S", description = "Sync autoscaling: seconds between scale-outs (default 60).") @Nullable Integer scaleOut;

  void check() {
    if (invocations != null && cpu != null) {
      throw new CliException("give --target-invocations or --target-cpu, not both");
    }
    if (invocations == null && cpu == null && (scaleIn != null || scaleOut != null)) {
      throw new CliException("--scale-in-cooldown and --scale-out-cooldown need --target-invocations or --target-cpu");
    }
  }

  @Nullable RealtimeScaling scaling() {
    if (invocations == null && cpu == null) {
      return null;
    }
    RealtimeScaling s = cpu != null ? RealtimeScaling.cpu(cpu) : RealtimeScaling.invocationsPerInstance(invocations);
    return s.withCooldowns(scaleIn != null ? scaleIn : s.scaleInCooldownSeconds(),
        scaleOut != null ? scaleOut : s.scaleOutCooldownSeconds());
  }
}
