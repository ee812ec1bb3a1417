package dev.workbench.core.aws;

import dev.workbench.api.ServiceUnreachableException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * How long one failing call keeps being tried. A service that answers with throttling or a 5xx gets
 * {@code maxAttempts} tries in a row; a connection refused or reset (the service, or the way to it, is down)
 * is tried again until it has lasted the outage window, so a cloud that is down for a minute is ridden out
 * instead of failing the job. After an outage the count of answered failures starts again: a service coming
 * back often throttles or is not ready for a while. One per call; not thread-safe.
 */
public final class RetryBudget {
  private final int maxAttempts;
  private final Duration outageWindow;
  private int answered;
  private boolean unreachable;
  private long unreachableSince;
  private int attempts;

  public RetryBudget(int maxAttempts, Duration outageWindow) {
    this.maxAttempts = maxAttempts;
    this.outageWindow = outageWindow;
  }

  /** Records a retryable failure of the call; true when it gets another try. */
  public boolean another(Throwable error) {
    attempts++;
    if (isConnectionFailure(error)) {
      long now = System.nanoTime();
      if (!unreachable) {
        unreachable = true;
        unreachableSince = now;
        answered = 0;
      }
      return now - unreachableSince < outageWindow.toNanos();
    }
    unreachable = false;
    return ++answered < maxAttempts;
  }

  /** Tries so far that failed. */
  public int attempts() {
    return attempts;
  }

  /** True when the last failure was a connection failure (the budget then ran out on the outage window). */
  public boolean unreachable() {
    return unreachable;
  }

  /** The error to give up with after {@code last}: the outage when the service could not be reached. */
  public RuntimeException exhausted(RuntimeException last) {
    return unreachable ? new ServiceUnreachableException(outageWindow, last) : last;
  }

  /**
   * The request never got an answer because of the connection: refused, reset, closed early, or no answer
   * at all at the socket level. A call-timeout of the caller's own (an invocation timeout) is not one.
   */
  public static boolean isConnectionFailure(Throwable error) {
    if (!(error instanceof SdkClientException) || error instanceof AbortedException
        || error instanceof ApiCallTimeoutException || error instanceof ApiCallAttemptTimeoutException) {
      return false;
    }
    for (Throwable c = error.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
      if (c instanceof IOException && c.getClass() != InterruptedIOException.class) {
        return true;
      }
    }
    return String.valueOf(error.getMessage()).startsWith("Unable to execute HTTP request");
  }
}
