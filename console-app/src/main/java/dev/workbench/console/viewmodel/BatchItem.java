package dev.workbench.console.viewmodel;

import dev.workbench.api.BatchState;
import java.time.Duration;
import java.time.Instant;

/** One async batch in the in-flight jobs view. */
public record BatchItem(String endpoint, String inferenceId, String rows, String phase, String input, String output,
    String age, String error) {
  static BatchItem of(String endpoint, BatchState s, Instant now) {
    long secs = Math.max(0, Duration.between(s.submittedAt(), now).toSeconds());
    return new BatchItem(endpoint, s.inferenceId(), (s.firstRow() + 1) + "-" + (s.firstRow() + s.rowCount())
        + (s.attempt() > 1 ? " (attempt " + s.attempt() + ")" : ""), s.phase().name(), orDash(s.inputLocation()),
        orDash(s.phase().name().equals("FAILED") ? s.failureLocation() : s.outputLocation()),
        secs < 60 ? secs + "s" : secs / 60 + "m " + secs % 60 + "s", orDash(s.error()));
  }

  /** The row as the table shows it, for Copy row. */
  public java.util.List<String> values() {
    return java.util.List.of(endpoint, inferenceId, rows, phase, age, error, input, output);
  }

  private static String orDash(@org.jspecify.annotations.Nullable String s) {
    return s == null || s.isBlank() ? "-" : s;
  }
}
