package dev.workbench.core.metrics;

import dev.workbench.api.LogEvent;
import dev.workbench.api.LogFollow;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;

/**
 * Follows an endpoint's logs as {@code aws logs tail --follow} does: FilterLogEvents from the newest timestamp seen,
 * once per poll interval, handing each event on once (events sharing the newest timestamp are remembered by id).
 * A failed poll is logged and tried again at the next one; the thread stops when closed.
 */
public final class LogFollower implements LogFollow {
  private static final Logger LOG = LoggerFactory.getLogger(LogFollower.class);
  public static final Duration POLL = Duration.ofSeconds(1);

  private final LogsReader reader;
  private final String endpointName;
  private final @Nullable String filter;
  private final Consumer<LogEvent> onEvent;
  private final ScheduledExecutorService thread;
  private Instant from; // only the poll thread touches these
  private final Set<String> seenAtFrom = new HashSet<>();
  private volatile boolean running = true;

  private LogFollower(LogsReader reader, String endpointName, Instant from, @Nullable String filter,
      Consumer<LogEvent> onEvent) {
    this.reader = reader;
    this.endpointName = endpointName;
    this.from = from;
    this.filter = filter;
    this.onEvent = onEvent;
    this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "workbench-logs-" + endpointName);
      t.setDaemon(true);
      return t;
    });
  }

  public static LogFollower start(LogsReader reader, String endpointName, Instant from, @Nullable String filter,
      Consumer<LogEvent> onEvent, Duration poll) {
    LogFollower f = new LogFollower(reader, endpointName, from, filter, onEvent);
    f.thread.scheduleWithFixedDelay(f::poll, 0, Math.max(10, poll.toMillis()), TimeUnit.MILLISECONDS);
    return f;
  }

  private void poll() {
    if (!running) {
      return;
    }
    List<FilteredLogEvent> events;
    try {
      events = reader.events(endpointName, from, null, filter);
    } catch (SdkException e) {
      LOG.warn("Reading the logs of {} failed (trying again): {}", endpointName, e.getMessage());
      return;
    }
    for (FilteredLogEvent e : events) {
      if (!running) {
        return;
      }
      Instant time = Instant.ofEpochMilli(e.timestamp() == null ? 0 : e.timestamp());
      String id = e.eventId() != null ? e.eventId() : e.logStreamName() + "/" + e.timestamp() + "/" + e.message();
      if (time.isBefore(from) || (time.equals(from) && !seenAtFrom.add(id))) {
        continue;
      }
      if (time.isAfter(from)) {
        from = time;
        seenAtFrom.clear();
        seenAtFrom.add(id);
      }
      try {
        onEvent.accept(LogsReader.event(e));
      } catch (RuntimeException listenerFailure) {
        LOG.warn("Log listener failed", listenerFailure);
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public void close() {
    running = false;
    thread.shutdownNow();
  }
}
