package dev.workbench.console.viewmodel;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionException;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jspecify.annotations.Nullable;

/** The log pane's lines and the latest error (the view shows it as a notification). Called on the UI thread. */
public final class LogViewModel {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LogViewModel.class);
  private static final int MAX_ENTRIES = 5_000;
  private static final Duration REPEAT_WINDOW = Duration.ofMinutes(1);
  private static final java.util.regex.Pattern ATTEMPTS = java.util.regex.Pattern.compile("\\s*\\(SDK Attempt Count: \\d+\\)");
  private final ObservableList<LogEntry> entries = FXCollections.observableArrayList();
  private final ObjectProperty<@Nullable LogEntry> lastError = new SimpleObjectProperty<>();

  public ObservableList<LogEntry> entries() { return entries; }

  public ObjectProperty<@Nullable LogEntry> lastErrorProperty() { return lastError; }

  public void info(String message) {
    LOG.info(message);
    add(new LogEntry(Instant.now(), LogEntry.Level.INFO, message, message));
  }

  /** Logs an error with what the user was doing; never swallowed: it also becomes the last error. */
  public void error(String doing, Throwable error) {
    Throwable cause = unwrap(error);
    String text = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    StringWriter trace = new StringWriter();
    cause.printStackTrace(new PrintWriter(trace));
    Instant now = Instant.now();
    LogEntry entry = new LogEntry(now, LogEntry.Level.ERROR, doing + " failed: " + text,
        doing + " failed: " + text + "\n\n" + trace);
    int earlier = recentSame(entry, now);
    if (earlier >= 0) {
      // the same failure again (a live refresh while the cloud is unreachable): count it, notify once
      LOG.debug("{} (again)", entry.message());
      entries.set(earlier, entries.get(earlier).repeated(now));
      return;
    }
    LOG.warn("{}", entry.message(), cause);
    add(entry);
    lastError.set(entry);
  }

  /** Equal but for the SDK's attempt count, which varies with how the retries went. */
  private static boolean sameFailure(String a, String b) {
    return ATTEMPTS.matcher(a).replaceAll("").equals(ATTEMPTS.matcher(b).replaceAll(""));
  }

  /** The position of the same error logged within the last minute, or -1. */
  private int recentSame(LogEntry error, Instant now) {
    for (int i = entries.size() - 1; i >= 0; i--) {
      LogEntry e = entries.get(i);
      if (Duration.between(e.time(), now).compareTo(REPEAT_WINDOW) > 0) {
        return -1;
      }
      if (e.level() == LogEntry.Level.ERROR && sameFailure(e.message(), error.message())) {
        return i;
      }
    }
    return -1;
  }

  private static Throwable unwrap(Throwable error) {
    Throwable t = error;
    while ((t instanceof CompletionException || t instanceof java.util.concurrent.ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  private void add(LogEntry entry) {
    entries.add(entry);
    if (entries.size() > MAX_ENTRIES) {
      entries.remove(0, entries.size() - MAX_ENTRIES);
    }
  }
}
