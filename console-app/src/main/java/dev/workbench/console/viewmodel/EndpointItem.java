package dev.workbench.console.viewmodel;

import dev.workbench.api.EndpointDescription;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One row of the endpoints list, as the user reads it.
 *
 * @param warmingSince when this console first saw the endpoint asked for instances while it had none
 */
public record EndpointItem(String name, boolean async, String status, @Nullable String failureReason,
    @Nullable String instanceType, int currentInstances, int desiredInstances, ScaleState scaleState,
    @Nullable Instant warmingSince) {

  /** Scale-to-zero state of an endpoint. */
  public enum ScaleState { RUNNING, SCALED_TO_ZERO, WARMING, NOT_RUNNING }

  static EndpointItem of(EndpointDescription d, @Nullable EndpointItem before, Instant now) {
    ScaleState state;
    if (!"InService".equals(d.status()) && !"Updating".equals(d.status())) {
      state = ScaleState.NOT_RUNNING;
    } else if (d.currentInstances() == 0 && d.desiredInstances() > 0) {
      state = ScaleState.WARMING;
    } else if (d.currentInstances() == 0) {
      state = ScaleState.SCALED_TO_ZERO;
    } else {
      state = ScaleState.RUNNING;
    }
    Instant since = null;
    if (state == ScaleState.WARMING) {
      since = before != null && before.warmingSince() != null ? before.warmingSince() : now;
    }
    return new EndpointItem(d.name(), d.async(), d.status(), d.failureReason(), d.instanceType(),
        d.currentInstances(), d.desiredInstances(), state, since);
  }

  public String kindBadge() {
    return async ? "ASYNC" : "SYNC";
  }

  public String statusText() {
    return failureReason != null && !failureReason.isBlank() ? status + ": " + failureReason : status;
  }

  public String instancesText() {
    return currentInstances + " / " + desiredInstances;
  }

  /** The scale badge: "scaled to zero", "warming up 12s", "running", or empty while not in service. */
  public String scaleBadge(Instant now) {
    return switch (scaleState) {
      case RUNNING -> "running";
      case SCALED_TO_ZERO -> "scaled to zero";
      case WARMING -> "warming up " + seconds(warmingSince == null ? Duration.ZERO : Duration.between(warmingSince, now));
      case NOT_RUNNING -> "";
    };
  }

  private static String seconds(Duration d) {
    long s = Math.max(0, d.toSeconds());
    return s < 60 ? s + "s" : (s / 60) + "m " + (s % 60) + "s";
  }
}
