package dev.workbench.local.cloudwatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.TreeMap;

/** A metric's dimensions in one canonical order, with a stable key for storage and exact matching. */
public record Dimensions(TreeMap<String, String> values) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static Dimensions of(Map<String, String> values) {
        return new Dimensions(new TreeMap<>(values));
    }

    /** Unit separators cannot appear in what clients send as names or values in practice, and are never ambiguous. */
    public String key() {
        StringBuilder key = new StringBuilder();
        values.forEach((k, v) -> key.append(k).append('\u001f').append(v).append('\u001e'));
        return key.toString();
    }

    public String json() {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Dimensions fromJson(String json) {
        try {
            return of(JSON.readValue(json, new TypeReference<Map<String, String>>() { }));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored dimensions are not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
