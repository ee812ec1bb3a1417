package dev.workbench.local.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/** JSON 1.1 request bodies in and replies out, for the services that speak it (X-Amz-Target). */
public final class JsonBodies {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonBodies() {
    }

    /** The body as a JSON object (an empty body is an empty object); SerializationException otherwise. */
    public static ObjectNode body(AwsRequest request) {
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

    public static AwsResponse reply(ObjectNode result) {
        try {
            return AwsResponse.of(200, "application/x-amz-json-1.1", MAPPER.writeValueAsBytes(result));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
