package dev.workbench.local.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.local.cloudwatch.MetricStore.MetricId;
import dev.workbench.local.spi.StateStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalDouble;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates every alarm on the stored metrics, once per metric period. The emulator publishes its own
 * metrics every metric period, so an alarm's period is compressed to at most two metric periods: an alarm
 * on HasBacklogWithoutCapacity reacts in seconds locally instead of minutes. Actions of the alarm's current
 * state run at every evaluation (as CloudWatch re-invokes Auto Scaling actions while the state lasts);
 * policies apply their own cooldowns.
 */
public final class AlarmEvaluator implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(AlarmEvaluator.class);

    private final StateStore state;
    private final MetricStore metrics;
    private final Clock clock;
    private final Duration metricPeriod;
    private final AlarmActionListener actions;

    public AlarmEvaluator(StateStore state, MetricStore metrics, Clock clock, Duration metricPeriod, AlarmActionListener actions) {
        this.state = state;
        this.metrics = metrics;
        this.clock = clock;
        this.metricPeriod = metricPeriod;
        this.actions = actions;
    }

    @Override
    public void run() {
        try {
            for (ObjectNode alarm : state.list(AlarmOps.KIND)) {
                evaluate(alarm);
            }
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again; keep evaluating on the next tick.
            LOG.warn("Alarm evaluation failed: {}", e.toString());
        }
    }

    private void evaluate(ObjectNode alarm) {
        String name = alarm.path("AlarmName").asText();
        Duration window = Duration.ofSeconds(alarm.path("Period").asLong(60));
        Duration compressed = metricPeriod.multipliedBy(2);
        if (window.compareTo(compressed) > 0) {
            window = compressed;
        }
        MetricId metric = new MetricId(alarm.path("Namespace").asText(), alarm.path("MetricName").asText(),
                Dimensions.of(AlarmOps.dimensions(alarm)));
        Statistic statistic = Statistic.valueOf(alarm.path("Statistic").asText("Average"));
        int periods = Math.max(1, alarm.path("EvaluationPeriods").asInt(1));
        int needed = Math.max(1, alarm.path("DatapointsToAlarm").asInt(periods));
        double threshold = alarm.path("Threshold").asDouble();
        String comparison = alarm.path("ComparisonOperator").asText();
        Instant now = clock.instant();
        int present = 0;
        int breaching = 0;
        Double latest = null;
        for (int i = 0; i < periods; i++) {
            Instant to = now.minus(window.multipliedBy(i));
            OptionalDouble value = metrics.statistic(metric, statistic, to.minus(window), to);
            if (value.isPresent()) {
                present++;
                if (latest == null) {
                    latest = value.getAsDouble();
                }
                if (breaches(comparison, value.getAsDouble(), threshold)) {
                    breaching++;
                }
            }
        }
        String newState;
        String reason;
        if (present == 0) {
            switch (alarm.path("TreatMissingData").asText("missing")) {
                case "breaching" -> { newState = "ALARM"; reason = "Missing data treated as breaching"; }
                case "notBreaching" -> { newState = "OK"; reason = "Missing data treated as not breaching"; }
                case "ignore" -> { newState = alarm.path("StateValue").asText("INSUFFICIENT_DATA"); reason = alarm.path("StateReason").asText(); }
                default -> { newState = "INSUFFICIENT_DATA"; reason = "Insufficient Data: no datapoints were received"; }
            }
        } else if (breaching >= needed) {
            newState = "ALARM";
            reason = "Threshold Crossed: " + breaching + " datapoint(s) " + comparison + " the threshold (" + threshold
                    + "); most recent " + latest;
        } else {
            newState = "OK";
            reason = "Threshold Crossed: " + breaching + " of " + present + " datapoint(s) " + comparison + " the threshold ("
                    + threshold + "); most recent " + latest;
        }
        if (!newState.equals(alarm.path("StateValue").asText())) {
            // Re-read so a concurrent PutMetricAlarm's configuration is not overwritten by this older copy.
            state.get(AlarmOps.KIND, name).ifPresent(current -> {
                current.put("StateValue", newState);
                current.put("StateReason", reason);
                current.put("StateUpdatedTimestamp", now.toEpochMilli());
                state.put(AlarmOps.KIND, name, current);
            });
            LOG.info("Alarm {} is now {} ({})", name, newState, reason);
        }
        if (alarm.path("ActionsEnabled").asBoolean(true)) {
            String field = switch (newState) {
                case "ALARM" -> "AlarmActions";
                case "OK" -> "OKActions";
                default -> "InsufficientDataActions";
            };
            double value = latest == null ? Double.NaN : latest;
            for (JsonNode action : alarm.path(field)) {
                try {
                    actions.fire(action.asText(), name, value, threshold);
                } catch (RuntimeException e) {
                    LOG.warn("Action {} of alarm {} failed: {}", action.asText(), name, e.toString());
                }
            }
        }
    }

    static boolean breaches(String comparison, double value, double threshold) {
        return switch (comparison) {
            case "GreaterThanOrEqualToThreshold" -> value >= threshold;
            case "GreaterThanThreshold" -> value > threshold;
            case "LessThanThreshold" -> value < threshold;
            case "LessThanOrEqualToThreshold" -> value <= threshold;
            default -> false;
        };
    }
}
