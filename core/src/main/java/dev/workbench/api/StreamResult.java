package dev.workbench.api;

import java.time.Duration;

/**
 * What a streamed inference wrote: {@code rows} rows (as many as the input has, in its order), of which
 * {@code rowsFailed} carry an {@code inference_error}; {@code rowsResumed} of them were already written by an
 * earlier run of the same input that stopped (a crash) and were kept, not run again.
 */
public record StreamResult(String output, long rows, long rowsFailed, long rowsResumed, Duration elapsed) {
  public boolean allSucceeded() {
    return rowsFailed == 0;
  }
}
