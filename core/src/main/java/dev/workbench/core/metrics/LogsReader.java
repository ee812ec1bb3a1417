package dev.workbench.core.metrics;

import dev.workbench.api.LogEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/**
 * Reads an endpoint's container logs as SageMaker writes them: log group {@code /aws/sagemaker/Endpoints/<name>},
 * one stream per instance, through FilterLogEvents across all streams (what {@code aws logs tail} does).
 */
public final class LogsReader {
  private final CloudWatchLogsClient logs;

  public LogsReader(CloudWatchLogsClient logs) {
    this.logs = logs;
  }

  public static String group(String endpointName) {
    return "/aws/sagemaker/Endpoints/" + endpointName;
  }

  /** Lines in [from, to) matching {@code filter} (all when null or blank), oldest first; none when the group is missing. */
  public List<LogEvent> read(String endpointName, Instant from, @Nullable Instant to, @Nullable String filter) {
    List<LogEvent> out = new ArrayList<>();
    for (FilteredLogEvent e : events(endpointName, from, to, filter)) {
      out.add(event(e));
    }
    return out;
  }

  /** The raw events, every page; none when the endpoint has no log group yet. */
  List<FilteredLogEvent> events(String endpointName, Instant from, @Nullable Instant to, @Nullable String filter) {
    List<FilteredLogEvent> out = new ArrayList<>();
    String token = null;
    try {
      do {
        String next = token;
        FilterLogEventsResponse page = logs.filterLogEvents(b -> {
          b.logGroupName(group(endpointName)).startTime(Math.max(0, from.toEpochMilli())).nextToken(next);
          if (to != null) {
            b.endTime(to.toEpochMilli());
          }
          if (filter != null && !filter.isBlank()) {
            b.filterPattern(filter);
          }
        });
        out.addAll(page.events());
        token = page.nextToken();
      } while (token != null && !token.isEmpty());
    } catch (ResourceNotFoundException e) {
      return List.of();
    }
    return out;
  }

  static LogEvent event(FilteredLogEvent e) {
    return new LogEvent(Instant.ofEpochMilli(e.timestamp() == null ? 0 : e.timestamp()),
        e.logStreamName() == null ? "" : e.logStreamName(), e.message() == null ? "" : stripNewline(e.message()));
  }

  private static String stripNewline(String message) {
    return message.endsWith("\n") ? message.substring(0, message.length() - 1) : message;
  }
}
