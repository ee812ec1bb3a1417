package dev.workbench.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** Which metrics of an endpoint to read, over which range, at which period (empty names = the endpoint's set). */
public record MetricsQuery(Instant start, Instant end, Duration period, List<String> metricNames) {

  public MetricsQuery {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("end must be after start: " + start + " .. " + end);
    }
    if (period.getSeconds() < 1) {
      throw new IllegalArgumentException("period must be at least 1 second, was " + period);
    }
    metricNames = List.copyOf(metricNames);
  }

  /** A period giving a few hundred points at most, in CloudWatch's allowed steps (1 minute multiples). */
  public static Duration periodFor(Duration range) {
    long seconds = Math.max(60, range.getSeconds() / 360);
    return Duration.ofSeconds(((seconds + 59) / 60) * 60);
  }

  /** The last {@code since} up to now, period chosen from the range. */
  public static MetricsQuery since(Duration since) {
    return builder().since(since).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public static MetricsQuery of(Consumer<Builder> query) {
    Builder b = builder();
    query.accept(b);
    return b.build();
  }

  public static final class Builder {
    private @Nullable Instant start;
    private @Nullable Instant end;
    private @Nullable Duration period;
    private List<String> metricNames = List.of();

    private Builder() {}

    public Builder start(Instant start) { this.start = start; return this; }
    public Builder end(Instant end) { this.end = end; return this; }
    /** From now minus {@code range} to now. */
    public Builder since(Duration range) {
      Instant now = Instant.now();
      this.end = now;
      this.start = now.minus(range);
      return this;
    }
    public Builder period(Duration period) { this.period = period; return this; }
    public Builder metricNames(List<String> names) { this.metricNames = List.copyOf(names); return this; }
    public Builder metricNames(String... names) { return metricNames(List.of(names)); }

    public MetricsQuery build() {
      Instant e = end != null ? end : Instant.now();
      Instant s = start != null ? start : e.minus(Duration.ofHours(1));
      Duration p = period != null ? period : periodFor(Duration.between(s, e));
      return new MetricsQuery(s, e, p, metricNames);
    }
  }
}
