package dev.workbench.local.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.local.http.AwsException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Reads request members that arrive as JSON values (JSON 1.0) or as strings (awsQuery). */
final class Params {

    private Params() {
    }

    static String required(JsonNode node, String field) {
        String value = optional(node, field);
        if (value == null || value.isEmpty()) {
            throw missing(field);
        }
        return value;
    }

    static @Nullable String optional(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isValueNode()) {
            throw invalid(field, "must be a single value");
        }
        return value.asText();
    }

    static double number(JsonNode node, String field) {
        String text = required(node, field);
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw invalid(field, "must be a number, got '" + text + "'");
        }
    }

    static @Nullable Double optionalNumber(JsonNode node, String field) {
        return node.hasNonNull(field) ? number(node, field) : null;
    }

    static int integer(JsonNode node, String field, int fallback) {
        if (!node.hasNonNull(field)) {
            return fallback;
        }
        double value = number(node, field);
        if (value != Math.rint(value)) {
            throw invalid(field, "must be a whole number");
        }
        return (int) value;
    }

    static boolean bool(JsonNode node, String field, boolean fallback) {
        String text = optional(node, field);
        return text == null ? fallback : Boolean.parseBoolean(text);
    }

    /** Epoch seconds (JSON 1.0 sends numbers, possibly fractional) or ISO 8601 (awsQuery). */
    static Instant time(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw missing(field);
        }
        if (value.isNumber()) {
            return Instant.ofEpochMilli(Math.round(value.asDouble() * 1000));
        }
        String text = value.asText().trim();
        try {
            return Instant.ofEpochMilli(Math.round(Double.parseDouble(text) * 1000));
        } catch (NumberFormatException ignored) {
            // not epoch seconds; try ISO 8601
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e2) {
                throw invalid(field, "must be a timestamp (ISO 8601 or epoch seconds), got '" + text + "'");
            }
        }
    }

    static List<JsonNode> list(JsonNode node, String field) {
        JsonNode value = node.get(field);
        List<JsonNode> out = new ArrayList<>();
        if (value == null || value.isNull()) {
            return out;
        }
        if (!value.isArray()) {
            throw invalid(field, "must be a list");
        }
        value.forEach(out::add);
        return out;
    }

    static List<String> strings(JsonNode node, String field) {
        List<String> out = new ArrayList<>();
        for (JsonNode item : list(node, field)) {
            out.add(item.asText());
        }
        return out;
    }

    /** {@code Dimensions: [{Name, Value}]}; Value may be missing in filters (then null). */
    static Map<String, @Nullable String> dimensions(JsonNode node, String field, boolean valueRequired) {
        Map<String, @Nullable String> out = new LinkedHashMap<>();
        for (JsonNode d : list(node, field)) {
            String name = required(d, "Name");
            String value = valueRequired ? required(d, "Value") : optional(d, "Value");
            if (out.containsKey(name)) {
                throw invalid(field, "has the dimension '" + name + "' twice");
            }
            out.put(name, value);
        }
        if (out.size() > 30) {
            throw invalid(field, "has more than 30 dimensions");
        }
        return out;
    }

    static Map<String, String> requiredDimensions(JsonNode node, String field) {
        Map<String, String> out = new LinkedHashMap<>();
        dimensions(node, field, true).forEach((k, v) -> out.put(k, v == null ? "" : v));
        return out;
    }

    static AwsException missing(String field) {
        return new AwsException(400, "MissingParameter", "The parameter " + field + " is required.");
    }

    static AwsException invalid(String field, String why) {
        return new AwsException(400, "InvalidParameterValue", "The parameter " + field + " " + why + ".");
    }
}
