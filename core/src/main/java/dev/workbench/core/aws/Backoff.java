package dev.workbench.core.aws;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Jittered exponential backoff, the one used for every retry in core: a random wait in [c/2, c] with
 * c = min(cap, base * 2^(attempt-1)). The jitter keeps processes that failed together from retrying together.
 */
public record Backoff(Duration base, Duration cap, int maxAttempts) {
  public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10), 6);

  public Backoff {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
    }
  }

  /** Wait before retry number {@code attempt} (1 = first retry). */
  public Duration delay(int attempt) {
    long ceiling = Math.min(cap.toMillis(), base.toMillis() << Math.min(20, Math.max(0, attempt - 1)));
    return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
  }
}
