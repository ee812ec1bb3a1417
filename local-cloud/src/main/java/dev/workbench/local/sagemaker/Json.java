package dev.workbench.local.sagemaker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.local.http.AwsException;
import dev.workbench.local.http.AwsResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** JSON 1.1 bodies of the control plane and the runtime's small JSON answers. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String AMZ_JSON = "application/x-amz-json-1.1";

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    static ObjectNode parse(byte[] body) {
        if (body.length == 0) {
            return object();
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || node.isNull() || node.isMissingNode()) {
                return object();
            }
            if (!node.isObject()) {
                throw new AwsException(400, "SerializationException", "Request body must be a JSON object");
            }
            return (ObjectNode) node;
        } catch (IOException e) {
            throw new AwsException(400, "SerializationException", "Malformed JSON request body: " + e.getMessage());
        }
    }

    static AwsResponse ok(JsonNode body) {
        return AwsResponse.of(200, AMZ_JSON, write(body));
    }

    static byte[] write(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A required string member, with AWS's "1 validation error" wording when it is missing. */
    static String required(JsonNode body, String member) {
        JsonNode value = body.get(member);
        if (value == null || value.isNull() || !value.isTextual()) {
            throw AwsException.validation("1 validation error detected: Value null at '" + lowerFirst(member)
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return value.asText();
    }

    static @Nullable String text(JsonNode body, String member) {
        JsonNode value = body.get(member);
        return value == null || value.isNull() ? null : value.asText();
    }

    static Map<String, String> stringMap(@Nullable JsonNode node) {
        var map = new LinkedHashMap<String, String>();
        if (node != null && node.isObject()) {
            node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        }
        return map;
    }

    /** AWS JSON timestamps: epoch seconds with milliseconds as the fraction, so creations in one second still order. */
    static double epochSeconds(java.time.Instant time) {
        return time.toEpochMilli() / 1000.0;
    }

    static String lowerFirst(String member) {
        return Character.toLowerCase(member.charAt(0)) + member.substring(1);
    }
}
