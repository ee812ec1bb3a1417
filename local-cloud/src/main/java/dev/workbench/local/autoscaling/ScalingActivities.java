package dev.workbench.local.autoscaling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.local.spi.StateStore;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * The scaling history DescribeScalingActivities reports: one activity per capacity change a policy made, newest
 * first. The desired count is set at once, so an activity is Successful when recorded (instances then start as
 * SageMaker's own status shows). Kept durable and bounded per resource, as AWS keeps only recent history.
 */
final class ScalingActivities {

    static final String ACTIVITY = "autoscaling.activity";
    private static final int KEEP_PER_RESOURCE = 50;

    private final StateStore state;
    private final Clock clock;

    ScalingActivities(StateStore state, Clock clock) {
        this.state = state;
        this.clock = clock;
    }

    void record(String resourceId, int from, int to, String cause) {
        double now = clock.millis() / 1000.0;
        ObjectNode doc = Json.MAPPER.createObjectNode();
        String id = UUID.randomUUID().toString();
        doc.put("ActivityId", id);
        doc.put("ServiceNamespace", ScalingTargets.NAMESPACE);
        doc.put("ResourceId", resourceId);
        doc.put("ScalableDimension", ScalingTargets.DIMENSION);
        // AWS words it the same way; clients read the new count from it
        doc.put("Description", "Setting desired instance count to " + to + ".");
        doc.put("Cause", cause);
        doc.put("StartTime", now);
        doc.put("EndTime", now);
        doc.put("StatusCode", "Successful");
        doc.put("StatusMessage", "Successfully set desired instance count to " + to + ". Change successfully fulfilled by sagemaker.");
        doc.put("Details", "{\"previousDesiredInstanceCount\":" + from + "}");
        state.put(ACTIVITY, id, doc);
        List<ObjectNode> mine = newestFirst(resourceId);
        for (ObjectNode old : mine.subList(Math.min(mine.size(), KEEP_PER_RESOURCE), mine.size())) {
            state.delete(ACTIVITY, old.path("ActivityId").asText());
        }
    }

    ObjectNode describe(ObjectNode body) {
        String namespace = Json.required(body, "ServiceNamespace");
        String resourceId = body.path("ResourceId").asText(null);
        String dimension = body.path("ScalableDimension").asText(null);
        int max = body.path("MaxResults").asInt(50);
        if (max < 1 || max > 50) {
            throw dev.workbench.local.http.AwsException.validation("MaxResults must be between 1 and 50, was " + max);
        }
        ObjectNode result = Json.MAPPER.createObjectNode();
        ArrayNode out = result.putArray("ScalingActivities");
        newestFirst(resourceId).stream()
                .filter(a -> namespace.equals(a.path("ServiceNamespace").asText()))
                .filter(a -> dimension == null || dimension.equals(a.path("ScalableDimension").asText()))
                .limit(max)
                .forEach(out::add);
        return result;
    }

    private List<ObjectNode> newestFirst(String resourceId) {
        return state.list(ACTIVITY).stream()
                .filter(a -> resourceId == null || resourceId.equals(a.path("ResourceId").asText()))
                .sorted(Comparator.comparingDouble((JsonNode a) -> a.path("StartTime").asDouble()).reversed())
                .toList();
    }
}
