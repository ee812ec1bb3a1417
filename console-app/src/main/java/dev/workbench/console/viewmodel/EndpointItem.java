package dev.workbench.console.viewmodel;

import dev.workbench.api.EndpointDescription;
import dev.workbench.api.EndpointKind;
import dev.workbench.console.service.ScalingHistory;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.jspecify.annotations.Nullable;

/**
 * One row of the endpoints list, as the user reads it.
 *
 * @param warmingSince when the scale-out was requested (Application Auto Scaling), else when this console first
 *     saw the endpoint ask for instances while it had none
 * @param zeroSince when the endpoint was scaled in to zero (its scale-in activity, else its last modification)
 * @param idleWindow how long the endpoint must be idle before it scales in; null when nothing scales it in
 * @param scaleInNotBefore the earliest scale-in of a running endpoint: its last scale-out plus the idle window
 * @param health the last health check's issue codes ("healthy" when none); null until one ran
 */
public record EndpointItem(String name, boolean async, String status, @Nullable String failureReason,
    @Nullable String instanceType, int currentInstances, int desiredInstances, ScaleState scaleState,
    @Nullable Instant warmingSince, @Nullable Instant zeroSince, @Nullable Duration idleWindow,
    @Nullable Instant scaleInNotBefore, @Nullable String modelName, EndpointKind kind, @Nullable String health) {
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

  /** Scale-to-zero state of an endpoint. */
  public enum ScaleState { RUNNING, SCALED_TO_ZERO, WARMING, NOT_RUNNING }

  static EndpointItem of(EndpointDescription d, @Nullable EndpointItem before, Instant now, ScalingHistory scaling) {
    ScaleState state;
    if (!"InService".equals(d.status()) && !"Updating".equals(d.status())) {
      state = ScaleState.NOT_RUNNING;
    } else if (d.kind() == EndpointKind.SERVERLESS) {
      state = ScaleState.RUNNING; // on-demand compute: no instance count to scale to zero
    } else if (d.currentInstances() == 0 && d.desiredInstances() > 0) {
      state = ScaleState.WARMING;
    } else if (d.currentInstances() == 0) {
      state = ScaleState.SCALED_TO_ZERO;
    } else {
      state = ScaleState.RUNNING;
    }
    ScalingHistory.Change out = scaling.lastScaleOut();
    ScalingHistory.Change in = scaling.lastScaleIn();
    boolean outIsNewest = out != null && (in == null || !out.requested().isBefore(in.requested()));
    Instant warming = null;
    Instant zero = null;
    Instant scaleIn = null;
    if (state == ScaleState.WARMING) {
      // the request is the truth; the first sighting is the fallback when no scaling activity says more
      warming = outIsNewest ? out.requested()
          : before != null && before.warmingSince() != null ? before.warmingSince() : now;
    } else if (state == ScaleState.SCALED_TO_ZERO) {
      zero = in != null && !outIsNewest ? in.requested() : d.lastModified();
    } else if (state == ScaleState.RUNNING && scaling.idleWindow() != null) {
      scaleIn = (outIsNewest ? out.requested() : d.lastModified()).plus(scaling.idleWindow());
    }
    return new EndpointItem(d.name(), d.async(), d.status(), d.failureReason(), d.instanceType(),
        d.currentInstances(), d.desiredInstances(), state, warming, zero, scaling.idleWindow(), scaleIn,
        d.modelName(), d.kind(), before == null ? null : before.health());
  }

  public String kindBadge() {
    return kind.name();
  }

  /** The same row with a fresh health check's result. */
  EndpointItem withHealth(@Nullable String checked) {
    return new EndpointItem(name, async, status, failureReason, instanceType, currentInstances, desiredInstances,
        scaleState, warmingSince, zeroSince, idleWindow, scaleInNotBefore, modelName, kind, checked);
  }

  public String statusText() {
    return failureReason != null && !failureReason.isBlank() ? status + ": " + failureReason : status;
  }

  public String instancesText() {
    return kind == EndpointKind.SERVERLESS ? "serverless" : currentInstances + " / " + desiredInstances;
  }

  /**
   * The scale badge: "scaled to zero since 09:12", "warming up 12s", "running, scale-in in 14m", "running", or
   * empty while not in service.
   */
  public String scaleBadge(Instant now, ZoneId zone) {
    return switch (scaleState) {
      case RUNNING -> scaleInNotBefore == null ? "running"
          : now.isBefore(scaleInNotBefore) ? "running, scale-in in " + duration(Duration.between(now, scaleInNotBefore))
          : "running, scale-in after " + duration(idleWindow) + " idle";
      case SCALED_TO_ZERO -> zeroSince == null ? "scaled to zero"
          : "scaled to zero since " + CLOCK.format(zeroSince.atZone(zone));
      case WARMING -> "warming up " + duration(warmingSince == null ? Duration.ZERO : Duration.between(warmingSince, now));
      case NOT_RUNNING -> "";
    };
  }

  /** The longer explanation on hover: what the badge's times are measured from. */
  public String scaleDetail(Instant now, ZoneId zone) {
    String idle = idleWindow == null ? "" : " Idle window (scale-in cooldown): " + duration(idleWindow) + ".";
    return switch (scaleState) {
      case RUNNING -> scaleInNotBefore == null ? "Running; nothing scales it in." : "Running. Scales in to zero once idle for the idle "
          + "window, not before " + CLOCK.format(scaleInNotBefore.atZone(zone)) + " (last scale-out plus the window)." + idle;
      case SCALED_TO_ZERO -> "No instance running" + (zeroSince == null ? "" : " since "
          + zeroSince.atZone(zone).toLocalDateTime()) + "; work sent to it starts an instance." + idle;
      case WARMING -> "Instances requested" + (warmingSince == null ? "" : " at " + warmingSince.atZone(zone).toLocalTime())
          + "; none is serving yet.";
      case NOT_RUNNING -> statusText();
    };
  }

  static String duration(@Nullable Duration d) {
    long s = d == null ? 0 : Math.max(0, d.toSeconds());
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return (s / 60) + "m" + (s % 60 == 0 ? "" : " " + (s % 60) + "s");
    }
    return (s / 3600) + "h " + (s % 3600 / 60) + "m";
  }
}
