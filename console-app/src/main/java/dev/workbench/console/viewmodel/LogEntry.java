package dev.workbench.console.viewmodel;

import java.time.Instant;

/** One line of the log pane; {@code detail} holds the full error text (stack trace) for errors. */
public record LogEntry(Instant time, Level level, String message, String detail) {
  public enum Level { INFO, ERROR }

  public String line() {
    return time.toString().substring(11, 19) + "  " + level + "  " + message;
  }
}
