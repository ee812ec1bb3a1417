package dev.workbench.core.deploy;

import dev.workbench.api.RealtimeScaling;
import org.jspecify.annotations.Nullable;

/**
 * How Workbench registers an endpoint's variant with Application Auto Scaling: the scalable target's bounds, and
 * for async endpoints scale to zero after {@code idleMinutes}, for sync ones target tracking on {@code realtime}
 * (none: the target alone, as another tool may have left it).
 */
record ScalingPlan(boolean async, int min, int max, int idleMinutes, @Nullable RealtimeScaling realtime) {}
