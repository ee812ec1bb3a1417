package dev.workbench.console.viewmodel;

import dev.workbench.api.LogEvent;
import dev.workbench.api.LogFollow;
import dev.workbench.console.service.EndpointService;
import dev.workbench.console.task.BackgroundTask;
import dev.workbench.console.task.TaskExecutor;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.TreeSet;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.jspecify.annotations.Nullable;

/**
 * The container log of one endpoint (CloudWatch Logs, one stream per instance): the lines of a chosen range, a
 * CloudWatch filter pattern, one stream or all, and live tail, which keeps adding lines as the instances write them.
 */
public final class EndpointLogsViewModel {
  /** The ranges offered, shortest first. */
  public static final List<Duration> RANGES = List.of(Duration.ofMinutes(5), Duration.ofMinutes(15),
      Duration.ofHours(1), Duration.ofHours(3), Duration.ofDays(1));
  /** The stream choice that shows every instance's lines. */
  public static final String ALL_STREAMS = "all streams";
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
  private final EndpointService service;
  private final TaskExecutor executor;
  private final LogViewModel log;
  private final ZoneId zone;
  private final StringProperty endpoint = new SimpleStringProperty("");
  private final ObjectProperty<Duration> range = new SimpleObjectProperty<>(Duration.ofMinutes(15));
  private final StringProperty filter = new SimpleStringProperty("");
  private final StringProperty stream = new SimpleStringProperty(ALL_STREAMS);
  private final BooleanProperty live = new SimpleBooleanProperty();
  private final ObservableList<LogEvent> lines = FXCollections.observableArrayList();
  private final FilteredList<LogEvent> shown = new FilteredList<>(lines, e -> true);
  private final ObservableList<String> streams = FXCollections.observableArrayList(ALL_STREAMS);
  private final StringProperty status = new SimpleStringProperty("Pick an endpoint to read its container log.");
  private @Nullable LogFollow follow;
  /** Bumped on every reload, so lines of a follow that was replaced are dropped. */
  private int generation;

  public EndpointLogsViewModel(EndpointService service, TaskExecutor executor, LogViewModel log, ZoneId zone) {
    this.service = service;
    this.executor = executor;
    this.log = log;
    this.zone = zone;
    endpoint.addListener((o, a, b) -> reload());
    range.addListener((o, a, b) -> reload());
    live.addListener((o, a, b) -> reload());
    stream.addListener((o, a, b) -> applyStream());
  }

  public StringProperty endpointProperty() { return endpoint; }

  public ObjectProperty<Duration> rangeProperty() { return range; }

  /** A CloudWatch Logs filter pattern (e.g. {@code ERROR}, {@code "exact phrase"}, {@code ERROR -poison}). */
  public StringProperty filterProperty() { return filter; }

  public StringProperty streamProperty() { return stream; }

  public BooleanProperty liveProperty() { return live; }

  /** The lines shown (the stream choice applied), oldest first. */
  public ObservableList<LogEvent> shown() { return shown; }

  /** {@link #ALL_STREAMS} and every instance stream seen. */
  public ObservableList<String> streams() { return streams; }

  public StringProperty statusProperty() { return status; }

  /** A line as the view and the clipboard show it: time of day, stream, text. */
  public String line(LogEvent e) {
    return CLOCK.format(e.time().atZone(zone)) + "  " + e.stream() + "  " + e.message();
  }

  /** The shown lines as text, one a line (Copy). */
  public String text() {
    StringBuilder s = new StringBuilder();
    shown.forEach(e -> s.append(line(e)).append('\n'));
    return s.toString();
  }

  /** Reads the range again with the filter (or starts a new live tail): the filter applies on Enter / Apply. */
  public void reload() {
    stop();
    int mine = ++generation;
    lines.clear();
    String name = endpoint.get();
    if (name == null || name.isBlank()) {
      status.set("Pick an endpoint to read its container log.");
      return;
    }
    Duration since = range.get();
    String pattern = filter.get() == null || filter.get().isBlank() ? null : filter.get().trim();
    String what = name + ", last " + EndpointItem.duration(since) + (pattern == null ? "" : ", matching " + pattern);
    if (live.get()) {
      status.set("Following " + what + "...");
      executor.execute(BackgroundTask.of("follow log of " + name, p -> service.followLogs(name, since, pattern,
              e -> executor.ui(() -> {
                if (mine == generation) {
                  add(List.of(e));
                  status.set("Following " + what + ": " + lines.size() + " lines");
                }
              })))
          .onSuccess(f -> {
            if (mine == generation) {
              follow = f;
            } else {
              f.close(); // replaced while it was starting
            }
          })
          .onFailure(e -> {
            status.set("Could not follow the log of " + name + ": " + e.getMessage());
            log.error("following the log of " + name, e);
          }));
      return;
    }
    status.set("Reading " + what + "...");
    executor.execute(BackgroundTask.of("log of " + name, p -> service.logs(name, since, pattern))
        .onSuccess(events -> {
          if (mine == generation) {
            add(events);
            status.set(what + ": " + events.size() + (events.size() == 1 ? " line" : " lines")
                + (events.isEmpty() ? " (the endpoint has not logged anything in the range)" : ""));
          }
        })
        .onFailure(e -> {
          status.set("Could not read the log of " + name + ": " + e.getMessage());
          log.error("reading the log of " + name, e);
        }));
  }

  private void add(List<LogEvent> events) {
    lines.addAll(events);
    TreeSet<String> seen = new TreeSet<>(streams.subList(1, streams.size()));
    events.forEach(e -> seen.add(e.stream()));
    if (seen.size() != streams.size() - 1) {
      List<String> all = new java.util.ArrayList<>(List.of(ALL_STREAMS));
      all.addAll(seen);
      InPlace.update(streams, all, s -> s);
    }
  }

  private void applyStream() {
    String s = stream.get();
    shown.setPredicate(s == null || s.equals(ALL_STREAMS) ? e -> true : e -> e.stream().equals(s));
  }

  /** Stops a live tail (leaving the tab, closing the window). */
  public void stop() {
    LogFollow f = follow;
    follow = null;
    if (f != null) {
      f.close();
    }
  }

  /** "5m", "1h 0m": the range as the picker shows it. */
  public static String rangeText(Duration d) {
    long m = d.toMinutes();
    return m < 60 ? m + " min" : m < 1440 ? (m / 60) + " h" : (m / 1440) + " d";
  }

}
