package dev.workbench.local.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.local.spi.StateStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** PutMetricAlarm, DescribeAlarms, DeleteAlarms over alarm documents in the state store. */
final class AlarmOps {

    static final String KIND = "cloudwatch.alarm";
    static final Set<String> COMPARISONS = Set.of("GreaterThanOrEqualToThreshold", "GreaterThanThreshold",
            "LessThanThreshold", "LessThanOrEqualToThreshold");
    private static final Set<String> MISSING = Set.of("breaching", "notBreaching", "ignore", "missing");
    /** Stored as epoch milliseconds, shown as timestamps. */
    private static final List<String> TIME_FIELDS = List.of("AlarmConfigurationUpdatedTimestamp", "StateUpdatedTimestamp");

    private final StateStore state;
    private final Clock clock;
    private final String region;
    private final String accountId;

    AlarmOps(StateStore state, Clock clock, String region, String accountId) {
        this.state = state;
        this.clock = clock;
        this.region = region;
        this.accountId = accountId;
    }

    ObjectNode putMetricAlarm(JsonNode request) {
        String name = Params.required(request, "AlarmName");
        if (request.hasNonNull("Metrics")) {
            throw Params.invalid("Metrics", "(metric math alarms) is not supported by the local cloud");
        }
        String comparison = Params.required(request, "ComparisonOperator");
        if (!COMPARISONS.contains(comparison)) {
            throw Params.invalid("ComparisonOperator", "must be one of " + COMPARISONS);
        }
        String statistic = Params.required(request, "Statistic");
        Statistic.parse(statistic, "InvalidParameterValue");
        int period = Params.integer(request, "Period", -1);
        if (period <= 0) {
            throw Params.invalid("Period", "must be a positive number of seconds");
        }
        int evaluationPeriods = Params.integer(request, "EvaluationPeriods", -1);
        if (evaluationPeriods < 1) {
            throw Params.invalid("EvaluationPeriods", "must be at least 1");
        }
        int datapointsToAlarm = Params.integer(request, "DatapointsToAlarm", evaluationPeriods);
        if (datapointsToAlarm < 1 || datapointsToAlarm > evaluationPeriods) {
            throw Params.invalid("DatapointsToAlarm", "must be between 1 and EvaluationPeriods");
        }
        String missing = Params.optional(request, "TreatMissingData");
        if (missing != null && !MISSING.contains(missing)) {
            throw Params.invalid("TreatMissingData", "must be one of " + MISSING);
        }
        long now = clock.millis();
        ObjectNode alarm = state.get(KIND, name).orElseGet(() -> {
            ObjectNode fresh = Replies.object();
            fresh.put("StateValue", "INSUFFICIENT_DATA");
            fresh.put("StateReason", "Unchecked: Initial alarm creation");
            fresh.put("StateUpdatedTimestamp", now);
            return fresh;
        });
        alarm.put("AlarmName", name);
        alarm.put("AlarmArn", "arn:aws:cloudwatch:" + region + ":" + accountId + ":alarm:" + name);
        putText(alarm, "AlarmDescription", Params.optional(request, "AlarmDescription"));
        alarm.put("AlarmConfigurationUpdatedTimestamp", now);
        alarm.put("ActionsEnabled", Params.bool(request, "ActionsEnabled", true));
        for (String actions : List.of("OKActions", "AlarmActions", "InsufficientDataActions")) {
            ArrayNode list = alarm.putArray(actions);
            Params.strings(request, actions).forEach(list::add);
        }
        alarm.put("MetricName", Params.required(request, "MetricName"));
        alarm.put("Namespace", Params.required(request, "Namespace"));
        alarm.put("Statistic", statistic);
        ArrayNode dims = alarm.putArray("Dimensions");
        Params.requiredDimensions(request, "Dimensions").forEach((k, v) -> dims.addObject().put("Name", k).put("Value", v));
        alarm.put("Period", period);
        putText(alarm, "Unit", Params.optional(request, "Unit"));
        alarm.put("EvaluationPeriods", evaluationPeriods);
        alarm.put("DatapointsToAlarm", datapointsToAlarm);
        alarm.put("Threshold", Params.number(request, "Threshold"));
        alarm.put("ComparisonOperator", comparison);
        alarm.put("TreatMissingData", missing == null ? "missing" : missing);
        state.put(KIND, name, alarm);
        return Replies.object();
    }

    ObjectNode describeAlarms(JsonNode request) {
        List<String> names = Params.strings(request, "AlarmNames");
        String prefix = Params.optional(request, "AlarmNamePrefix");
        String stateValue = Params.optional(request, "StateValue");
        String actionPrefix = Params.optional(request, "ActionPrefix");
        ObjectNode result = Replies.object();
        ArrayNode out = result.putArray("MetricAlarms");
        for (ObjectNode alarm : state.list(KIND)) {
            String name = alarm.path("AlarmName").asText();
            if ((!names.isEmpty() && !names.contains(name))
                    || (prefix != null && !name.startsWith(prefix))
                    || (stateValue != null && !stateValue.equals(alarm.path("StateValue").asText()))
                    || (actionPrefix != null && !hasActionWithPrefix(alarm, actionPrefix))) {
                continue;
            }
            out.add(shown(alarm));
        }
        result.putArray("CompositeAlarms");
        return result;
    }

    ObjectNode deleteAlarms(JsonNode request) {
        List<String> names = Params.strings(request, "AlarmNames");
        if (names.isEmpty()) {
            throw Params.missing("AlarmNames");
        }
        for (String name : names) {
            state.delete(KIND, name);
        }
        return Replies.object();
    }

    private static boolean hasActionWithPrefix(ObjectNode alarm, String prefix) {
        for (String field : List.of("OKActions", "AlarmActions", "InsufficientDataActions")) {
            for (JsonNode action : alarm.path(field)) {
                if (action.asText().startsWith(prefix)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static ObjectNode shown(ObjectNode alarm) {
        ObjectNode copy = alarm.deepCopy();
        for (String field : TIME_FIELDS) {
            if (copy.hasNonNull(field)) {
                copy.set(field, Replies.time(Instant.ofEpochMilli(copy.get(field).asLong())));
            }
        }
        return copy;
    }

    private static void putText(ObjectNode node, String field, @Nullable String value) {
        if (value == null) {
            node.remove(field);
        } else {
            node.put(field, value);
        }
    }

    static Map<String, String> dimensions(JsonNode alarm) {
        Map<String, String> dims = new java.util.TreeMap<>();
        for (JsonNode d : alarm.path("Dimensions")) {
            dims.put(d.path("Name").asText(), d.path("Value").asText());
        }
        return dims;
    }
}
