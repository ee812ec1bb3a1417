package dev.workbench.console.viewmodel;

import java.time.Instant;

/**
 * One line of the log pane; {@code detail} holds the full error text (stack trace) for errors; {@code repeats}
 * counts how often the same error came again since (a refresh failing every second is one line, not hundreds).
 */
public record LogEntry(Instant time, Level level, String message, String detail, int repeats) {
  public enum Level { INFO, ERROR }

  public LogEntry(Instant time, Level level, String message, String detail) {
    this(time, level, message, detail, 0);
  }

  LogEntry repeated(Instant at) {
    return new LogEntry(at, level, message, detail, repeats + 1);
  }

  public String line() {
    return time.toString().substring(11, 19) + "  " + level + "  " + message
        + (repeats > 0 ? "  (" + (repeats + 1) + " times)" : "");
  }
}
