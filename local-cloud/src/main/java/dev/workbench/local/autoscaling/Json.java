package dev.workbench.local.autoscaling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.local.http.AwsException;
import dev.workbench.local.http.AwsRequest;
import dev.workbench.local.http.AwsResponse;
import java.io.IOException;

/** JSON 1.1 bodies in and out. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static ObjectNode body(AwsRequest request) {
        if (request.body().length == 0) {
            return MAPPER.createObjectNode();
        }
        try {
            JsonNode node = MAPPER.readTree(request.body());
            if (node == null || !node.isObject()) {
                throw new AwsException(400, "SerializationException", "The request body must be a JSON object");
            }
            return (ObjectNode) node;
        } catch (IOException e) {
            throw new AwsException(400, "SerializationException", "The request body is not valid JSON: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    static AwsResponse reply(ObjectNode result) {
        try {
            return AwsResponse.of(200, "application/x-amz-json-1.1", MAPPER.writeValueAsBytes(result));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || !value.isValueNode() || value.asText().isEmpty()) {
            throw AwsException.validation("1 validation error detected: Value null at '" + lowerFirst(field)
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return value.asText();
    }

    static AwsException invalid(String message) {
        return AwsException.validation(message);
    }

    private static String lowerFirst(String s) {
        return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
