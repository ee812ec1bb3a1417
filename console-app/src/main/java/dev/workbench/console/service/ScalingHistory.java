package dev.workbench.console.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What Application Auto Scaling says about an endpoint variant: its recent capacity changes, newest first, and the
 * idle window of its target-tracking policy (ScaleInCooldown), after which an idle endpoint scales in.
 */
public record ScalingHistory(List<Change> changes, @Nullable Duration idleWindow) {
  public static final ScalingHistory NONE = new ScalingHistory(List.of(), null);

  /** One scaling activity: the desired count it set, when it was asked for, and why. */
  public record Change(Instant requested, int desired, String cause) {}

  /** The newest change that set {@code desired} to zero (the scale-in), if any. */
  public @Nullable Change lastScaleIn() {
    return changes.stream().filter(c -> c.desired() == 0).findFirst().orElse(null);
  }

  /** The newest change that asked for instances (a scale-out), if any. */
  public @Nullable Change lastScaleOut() {
    return changes.stream().filter(c -> c.desired() > 0).findFirst().orElse(null);
  }
}
