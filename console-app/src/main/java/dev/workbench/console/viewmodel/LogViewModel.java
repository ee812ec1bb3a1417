package dev.workbench.console.viewmodel;

import java.io.PrintWriter;
import java.io.StringWriter;
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
    LogEntry entry = new LogEntry(Instant.now(), LogEntry.Level.ERROR, doing + " failed: " + text,
        doing + " failed: " + text + "\n\n" + trace);
    LOG.warn("{}", entry.message(), cause);
    add(entry);
    lastError.set(entry);
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
