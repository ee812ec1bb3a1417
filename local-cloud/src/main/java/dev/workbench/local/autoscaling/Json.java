package dev.workbench.local.autoscaling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.local.http.AwsException;
import dev.workbench.local.http.AwsRequest;
import dev.workbench.local.http.AwsResponse;
import dev.workbench.local.http.JsonBodies;

/** JSON 1.1 bodies in and out. */
final class Json {

    static final ObjectMapper MAPPER = JsonBodies.MAPPER;

    private Json() {
    }

    static ObjectNode body(AwsRequest request) {
        return JsonBodies.body(request);
    }

    static AwsResponse reply(ObjectNode result) {
        return JsonBodies.reply(result);
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
