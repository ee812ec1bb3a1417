package dev.workbench.local.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.local.spi.StateStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Alarms another service keeps on its own behalf, as Application Auto Scaling keeps a target-tracking policy's
 * AlarmHigh and AlarmLow: created as by PutMetricAlarm (so DescribeAlarms shows them and the evaluator runs them),
 * and found by the action they carry.
 */
public final class ServiceAlarms {

    /** An alarm as DescribeScalingPolicies lists it. */
    public record Named(String name, String arn) {}

    private final StateStore state;
    private final AlarmOps ops;

    public ServiceAlarms(StateStore state, Clock clock, String region, String accountId) {
        this.state = state;
        this.ops = new AlarmOps(state, clock, region, accountId);
    }

    /** PutMetricAlarm with this request (the JSON form of its parameters); returns the alarm as listed. */
    public Named put(JsonNode request) {
        ops.putMetricAlarm(request);
        String name = request.path("AlarmName").asText();
        ObjectNode stored = state.get(AlarmOps.KIND, name).orElseThrow();
        return new Named(name, stored.path("AlarmArn").asText());
    }

    /** Alarms whose AlarmActions include {@code actionArn}, in name order. */
    public List<Named> withAction(String actionArn) {
        List<Named> out = new ArrayList<>();
        for (ObjectNode alarm : state.list(AlarmOps.KIND)) {
            for (JsonNode action : alarm.path("AlarmActions")) {
                if (action.asText().equals(actionArn)) {
                    out.add(new Named(alarm.path("AlarmName").asText(), alarm.path("AlarmArn").asText()));
                    break;
                }
            }
        }
        out.sort((a, b) -> a.name().compareTo(b.name()));
        return out;
    }

    public void delete(String name) {
        state.delete(AlarmOps.KIND, name);
    }
}
