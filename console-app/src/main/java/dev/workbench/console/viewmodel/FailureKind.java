package dev.workbench.console.viewmodel;

import java.util.List;
import java.util.Locale;

/**
 * Whether a row's {@code inference_error} is worth a retry. Core puts only text in that column, so the kind is read
 * from core's own wording: timeouts, throttling and retries given up, an unreachable cloud, a lost lease or a
 * result that could not be read are transient; anything else is the model (or the answer check) refusing the
 * row, which a retry of the same row on the same model repeats.
 */
public enum FailureKind {
  /** The model refused the row, or its answer failed the checks: the same row fails again. */
  DETERMINISTIC,
  /** The row never got a real answer (timeout, throttling, outage, lease lost): a retry may well succeed. */
  TRANSIENT;

  /** Phrases of core's sync and async round trips (and SageMaker's) for failures that are not the row's fault. */
  private static final List<String> TRANSIENT_MARKERS = List.of(
      "no answer within", "no result within", "invocation timeout", "timed out", "timeout",
      "throttl", "rate exceeded", "too many requests", "slow down", "slowdown",
      "failed after ", "could not be reached", "unreachable", "connection refused", "connection reset",
      "service unavailable", "internal server error", "internalfailure",
      "lease holder", "could not read the output", "failure message could not be read",
      "that was to receive the result", "was closed while");

  public static FailureKind of(String error) {
    String text = error.toLowerCase(Locale.ROOT);
    return TRANSIENT_MARKERS.stream().anyMatch(text::contains) ? TRANSIENT : DETERMINISTIC;
  }
}
