package dev.workbench.local.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.local.http.AwsException;
import java.util.List;
import java.util.Map;

/**
 * Turns awsQuery parameters ({@code MetricData.member.1.Dimensions.member.2.Name=...}) into the same tree a
 * JSON 1.0 client sends, so one implementation serves both protocols. Values stay strings; readers convert.
 */
final class QueryForm {

    private static final int MAX_INDEX = 10_000;

    private QueryForm() {
    }

    static ObjectNode toTree(Map<String, List<String>> params) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, List<String>> param : params.entrySet()) {
            String name = param.getKey();
            if (name.equals("Action") || name.equals("Version") || param.getValue().isEmpty()) {
                continue;
            }
            insert(root, name, name.split("\\."), 0, param.getValue().get(0));
        }
        compact(root);
        return root;
    }

    private static void insert(ObjectNode node, String full, String[] parts, int i, String value) {
        String field = parts[i];
        if (field.isEmpty()) {
            throw malformed(full);
        }
        boolean list = i + 1 < parts.length && parts[i + 1].equals("member");
        if (!list) {
            if (i == parts.length - 1) {
                node.put(field, value);
                return;
            }
            JsonNode child = node.get(field);
            if (child == null) {
                child = node.putObject(field);
            } else if (!child.isObject()) {
                throw malformed(full);
            }
            insert((ObjectNode) child, full, parts, i + 1, value);
            return;
        }
        if (i + 2 >= parts.length) {
            throw malformed(full);
        }
        int index = index(parts[i + 2], full);
        JsonNode existing = node.get(field);
        ArrayNode array;
        if (existing == null) {
            array = node.putArray(field);
        } else if (existing.isArray()) {
            array = (ArrayNode) existing;
        } else {
            throw malformed(full);
        }
        while (array.size() < index) {
            array.addNull();
        }
        if (i + 3 == parts.length) {
            array.set(index - 1, JsonNodeFactory.instance.textNode(value));
            return;
        }
        JsonNode element = array.get(index - 1);
        if (element == null || element.isNull()) {
            element = JsonNodeFactory.instance.objectNode();
            array.set(index - 1, element);
        } else if (!element.isObject()) {
            throw malformed(full);
        }
        insert((ObjectNode) element, full, parts, i + 3, value);
    }

    /** Members may come numbered with gaps; the gaps are dropped as a list would have none. */
    private static void compact(JsonNode node) {
        if (node.isObject()) {
            node.forEach(QueryForm::compact);
        } else if (node.isArray()) {
            ArrayNode array = (ArrayNode) node;
            for (int i = array.size() - 1; i >= 0; i--) {
                if (array.get(i).isNull()) {
                    array.remove(i);
                } else {
                    compact(array.get(i));
                }
            }
        }
    }

    private static int index(String text, String full) {
        try {
            int index = Integer.parseInt(text);
            if (index >= 1 && index <= MAX_INDEX) {
                return index;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw malformed(full);
    }

    private static AwsException malformed(String name) {
        return new AwsException(400, "MalformedQueryString", "Malformed query parameter name '" + name + "'");
    }
}
