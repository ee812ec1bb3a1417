package dev.workbench.local.sagemaker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.local.spi.S3Uri;
import java.time.Duration;
import java.time.Instant;

/**
 * One accepted InvokeEndpointAsync call waiting in (or taken from) its endpoint's queue.
 *
 * @param ticket unique per accepted call (InferenceIds may repeat): its key in the durable queue
 */
record AsyncRequest(
        String ticket,
        String endpointName,
        String inferenceId,
        S3Uri input,
        S3Uri output,
        S3Uri failure,
        String contentType,
        String accept,
        Instant received,
        Duration ttl,
        Duration invocationTimeout) {

    ObjectNode toJson() {
        ObjectNode node = Json.object();
        node.put("Ticket", ticket);
        node.put("EndpointName", endpointName);
        node.put("InferenceId", inferenceId);
        node.put("InputLocation", input.toString());
        node.put("OutputLocation", output.toString());
        node.put("FailureLocation", failure.toString());
        node.put("ContentType", contentType);
        node.put("Accept", accept);
        node.put("ReceivedMillis", received.toEpochMilli());
        node.put("TtlSeconds", ttl.toSeconds());
        node.put("InvocationTimeoutSeconds", invocationTimeout.toSeconds());
        return node;
    }

    static AsyncRequest fromJson(JsonNode node) {
        return new AsyncRequest(node.path("Ticket").asText(), node.path("EndpointName").asText(), node.path("InferenceId").asText(),
                S3Uri.parse(node.path("InputLocation").asText()), S3Uri.parse(node.path("OutputLocation").asText()),
                S3Uri.parse(node.path("FailureLocation").asText()), node.path("ContentType").asText(),
                node.path("Accept").asText(), Instant.ofEpochMilli(node.path("ReceivedMillis").asLong()),
                Duration.ofSeconds(node.path("TtlSeconds").asLong()), Duration.ofSeconds(node.path("InvocationTimeoutSeconds").asLong()));
    }

    boolean expired(Instant now) {
        return now.isAfter(received.plus(ttl));
    }
}
