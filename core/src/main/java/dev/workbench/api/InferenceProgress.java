package dev.workbench.api;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot of a running inference.
 *
 * @param batchesStalled async batches waiting far longer than the batches submitted after them, which finished
 *                       (their output may have been deleted; given up on after a bounded time)
 */
public record InferenceProgress(int totalRows, int rowsDone, int rowsFailed, int rowsInFlight, int rowsQueued,
    int batchesTotal, int batchesDone, int batchesFailed, int batchesInFlight, int retries, int splits,
    long bytesUp, long bytesDown, EndpointState endpointState, Duration elapsed, @Nullable Duration warmingFor,
    int batchesStalled) {

  /** Finished rows (done or failed) per second of elapsed time. */
  public double rowsPerSecond() {
    double seconds = elapsed.toNanos() / 1e9;
    return seconds <= 0 ? 0 : rowsDone / seconds;
  }

  /** Time left at the current rate; null before the first row finishes. */
  public @Nullable Duration eta() {
    double rate = rowsPerSecond();
    if (rate <= 0) {
      return null;
    }
    int left = Math.max(0, totalRows - rowsDone);
    return Duration.ofMillis((long) (left / rate * 1000));
  }

  public boolean finished() {
    return rowsDone >= totalRows;
  }
}
