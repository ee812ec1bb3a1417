package dev.workbench.local.cloudwatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import dev.workbench.local.http.AwsResponse;
import dev.workbench.local.http.Xml;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes one result tree as JSON 1.0 (timestamps as epoch seconds) or as an awsQuery XML reply
 * (timestamps ISO 8601, lists as {@code <member>}). Timestamps in the tree are {@link Instant} POJO nodes.
 */
final class Replies {

    static final String NAMESPACE = "http://monitoring.amazonaws.com/doc/2010-08-01/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Replies() {
    }

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    static POJONode time(Instant instant) {
        return new POJONode(instant);
    }

    static AwsResponse json(ObjectNode result) {
        try {
            return AwsResponse.of(200, "application/x-amz-json-1.0", JSON.writeValueAsBytes(epochs(result)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode epochs(JsonNode node) {
        if (node instanceof POJONode pojo && pojo.getPojo() instanceof Instant instant) {
            return JsonNodeFactory.instance.numberNode(instant.toEpochMilli() / 1000.0);
        }
        if (node.isObject()) {
            ObjectNode copy = object();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                copy.set(e.getKey(), epochs(e.getValue()));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> copy.add(epochs(item)));
            return copy;
        }
        return node;
    }

    static AwsResponse xml(String action, ObjectNode result, String requestId) {
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<")
                .append(action).append("Response xmlns=\"").append(NAMESPACE).append("\">");
        if (result.size() > 0) {
            out.append('<').append(action).append("Result>");
            members(out, result);
            out.append("</").append(action).append("Result>");
        }
        out.append("<ResponseMetadata><RequestId>").append(Xml.escape(requestId)).append("</RequestId></ResponseMetadata></")
                .append(action).append("Response>");
        return AwsResponse.of(200, "text/xml", out.toString());
    }

    private static void members(StringBuilder out, JsonNode object) {
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isNull()) {
                continue;
            }
            out.append('<').append(e.getKey()).append('>');
            value(out, e.getValue());
            out.append("</").append(e.getKey()).append('>');
        }
    }

    private static void value(StringBuilder out, JsonNode node) {
        if (node instanceof POJONode pojo && pojo.getPojo() instanceof Instant instant) {
            out.append(instant);
        } else if (node.isObject()) {
            members(out, node);
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                out.append("<member>");
                value(out, item);
                out.append("</member>");
            }
        } else {
            out.append(Xml.escape(node.asText()));
        }
    }
}
