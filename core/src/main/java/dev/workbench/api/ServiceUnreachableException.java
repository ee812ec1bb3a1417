package dev.workbench.api;

import java.time.Duration;

/**
 * The cloud could not be reached (connection refused, reset, no answer) for the whole outage window
 * ({@link InferenceOptions#outageWindow()}): the inference stopped instead of waiting on. Rows an async
 * inference had already collected stay in the journal, so running it again collects them without invoking again.
 */
public class ServiceUnreachableException extends WorkbenchException {
  private static final long serialVersionUID = 1L;

  private final Duration window;

  public ServiceUnreachableException(Duration window, Throwable cause) {
    super("the cloud could not be reached for " + seconds(window) + " s, the outage window (raise it with "
        + "--outage-window or InferenceOptions.outageWindow): " + cause.getMessage(), cause);
    this.window = window;
  }

  public ServiceUnreachableException(String message, Duration window, Throwable cause) {
    super(message, cause);
    this.window = window;
  }

  public Duration window() {
    return window;
  }

  private static String seconds(Duration d) {
    long millis = d.toMillis();
    return millis % 1000 == 0 ? Long.toString(millis / 1000) : String.format(java.util.Locale.ROOT, "%.1f", millis / 1000.0);
  }
}
