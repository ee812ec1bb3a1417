package dev.workbench.core.aws;

import dev.workbench.api.WorkbenchException;
import java.time.Duration;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Runs a short call (a lookup before a job starts) again while the service cannot be reached, with growing
 * pauses, until the outage window has passed: a job started while the cloud restarts waits for it, as the job's
 * own requests would, instead of failing at once. Any other failure is the call's.
 */
public final class UntilReachable {
  private static final Backoff PAUSES = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(5), 1);

  private UntilReachable() {}

  public static <T> T call(Duration outageWindow, Supplier<T> call) {
    RetryBudget budget = new RetryBudget(1, outageWindow);
    int tries = 0;
    while (true) {
      try {
        return call.get();
      } catch (SdkClientException e) {
        if (!RetryBudget.isConnectionFailure(e)) {
          throw e;
        }
        if (!budget.another(e)) {
          throw budget.exhausted(e);
        }
      }
      try {
        Thread.sleep(PAUSES.delay(++tries).toMillis());
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        throw new WorkbenchException("Interrupted while waiting for the service to be reachable", ie);
      }
    }
  }
}
