package dev.workbench.core.async;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/**
 * When an async endpoint's queue was last seen empty, from CloudWatch's {@code ApproximateBacklogSize} (queued
 * plus running): every invocation accepted before that moment has finished, so a result still missing was
 * never written or was deleted. Asked only while some batch waits suspiciously long, at most once per
 * {@link #ASK_EVERY} and endpoint; any doubt (no datapoint yet, an error) is "not known empty".
 */
final class BacklogProbe {
    private static final Logger LOG = LoggerFactory.getLogger(BacklogProbe.class);
    static final Duration ASK_EVERY = Duration.ofSeconds(5);
    private static final Duration PERIOD = Duration.ofSeconds(10);
    private static final Duration LOOK_BACK = Duration.ofHours(1);

    private record Known(long askedNanos, @Nullable Instant emptyAt) {}

    private final Supplier<CloudWatchClient> cloudWatch;
    private final RequestCounts counts;
    private final Map<String, Known> known = new ConcurrentHashMap<>();

    BacklogProbe(Supplier<CloudWatchClient> cloudWatch, RequestCounts counts) {
        this.cloudWatch = cloudWatch;
        this.counts = counts;
    }

    /** Whether the endpoint's queue has been empty at some moment after {@code since}. */
    boolean drainedSince(String endpoint, Instant since) {
        Instant empty = lastEmpty(endpoint);
        return empty != null && !empty.isBefore(after(since));
    }

    /**
     * A datapoint aggregates the samples from its timestamp on: one stamped at or after this saw only moments
     * after {@code since}, whatever granularity the service keeps (a minute on AWS, finer locally).
     */
    private static Instant after(Instant since) {
        long step = PERIOD.toSeconds();
        return Instant.ofEpochSecond((since.getEpochSecond() / step + 1) * step);
    }

    private @Nullable Instant lastEmpty(String endpoint) {
        long now = System.nanoTime();
        Known k = known.get(endpoint);
        if (k != null && now - k.askedNanos() < ASK_EVERY.toNanos()) {
            return k.emptyAt();
        }
        Instant latest = k == null ? null : k.emptyAt();
        Instant end = Instant.now();
        try {
            counts.count("cloudwatch.GetMetricStatistics");
            for (Datapoint d : cloudWatch.get().getMetricStatistics(b -> b.namespace("AWS/SageMaker")
                    .metricName("ApproximateBacklogSize")
                    .dimensions(Dimension.builder().name("EndpointName").value(endpoint).build())
                    .startTime(after(end.minus(LOOK_BACK))).endTime(end).period((int) PERIOD.toSeconds())
                    .statistics(Statistic.MINIMUM)).datapoints()) {
                if (d.minimum() != null && d.minimum() == 0 && (latest == null || d.timestamp().isAfter(latest))) {
                    latest = d.timestamp();
                }
            }
        } catch (RuntimeException e) {
            LOG.debug("ApproximateBacklogSize of {}: {}", endpoint, e.toString());
        }
        known.put(endpoint, new Known(now, latest));
        return latest;
    }
}
