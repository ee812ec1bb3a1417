package dev.workbench.local.sagemaker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.local.http.AwsException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Resource tags by ARN (AddTags, ListTags, DeleteTags, and the Tags of Create* calls), in insertion order. */
final class Tags {

    private static final int MAX_TAGS = 50;

    private final Store store;

    Tags(Store store) {
        this.store = store;
    }

    /** Tags given at creation: validated and stored. */
    void set(String arn, @Nullable JsonNode tags) {
        if (tags == null || tags.isNull() || tags.isEmpty()) {
            return;
        }
        Map<String, String> map = read(arn);
        merge(map, tags);
        write(arn, map);
    }

    /** Checks tags without storing them. */
    void validate(@Nullable JsonNode tags) {
        if (tags != null && !tags.isNull()) {
            merge(new LinkedHashMap<>(), tags);
        }
    }

    void drop(String arn) {
        store.state.delete(Store.TAGS, arn);
    }

    ObjectNode add(ObjectNode request) {
        String arn = Json.required(request, "ResourceArn");
        requireResource(arn);
        JsonNode tags = request.path("Tags");
        Map<String, String> map = read(arn);
        merge(map, tags);
        write(arn, map);
        ObjectNode out = Json.object();
        out.set("Tags", tags.isArray() ? tags : Json.array());
        return out;
    }

    ObjectNode list(ObjectNode request) {
        String arn = Json.required(request, "ResourceArn");
        requireResource(arn);
        List<Map.Entry<String, String>> all = new ArrayList<>(read(arn).entrySet());
        var page = Paging.page(all, request, 50, 50, 10_000);
        ObjectNode out = Json.object();
        ArrayNode tags = out.putArray("Tags");
        for (var entry : page.items()) {
            ObjectNode tag = tags.addObject();
            tag.put("Key", entry.getKey());
            tag.put("Value", entry.getValue());
        }
        if (page.nextToken() != null) {
            out.put("NextToken", page.nextToken());
        }
        return out;
    }

    ObjectNode delete(ObjectNode request) {
        String arn = Json.required(request, "ResourceArn");
        requireResource(arn);
        Map<String, String> map = read(arn);
        for (JsonNode key : request.path("TagKeys")) {
            map.remove(key.asText());
        }
        write(arn, map);
        return Json.object();
    }

    private void merge(Map<String, String> map, JsonNode tags) {
        for (JsonNode tag : tags) {
            String key = tag.path("Key").asText("");
            String value = tag.path("Value").asText("");
            if (key.isEmpty() || key.length() > 128) {
                throw AwsException.validation("1 validation error detected: Value '" + key + "' at 'tags.member.key' failed"
                        + " to satisfy constraint: Member must have length between 1 and 128");
            }
            if (value.length() > 256) {
                throw AwsException.validation("1 validation error detected: Value '" + value + "' at 'tags.member.value'"
                        + " failed to satisfy constraint: Member must have length less than or equal to 256");
            }
            map.put(key, value);
        }
        if (map.size() > MAX_TAGS) {
            throw new AwsException(400, "ResourceLimitExceeded", "A resource can have at most " + MAX_TAGS + " tags.");
        }
    }

    private void requireResource(String arn) {
        int colon = arn.lastIndexOf(':');
        int slash = arn.indexOf('/', Math.max(colon, 0));
        if (!arn.startsWith("arn:aws:sagemaker:") || colon < 0 || slash < 0) {
            throw AwsException.validation("Invalid ResourceArn: " + arn);
        }
        String type = arn.substring(colon + 1, slash);
        String name = arn.substring(slash + 1);
        boolean exists = switch (type) {
            case "model" -> store.model(name).isPresent();
            case "endpoint-config" -> store.config(name).isPresent();
            case "endpoint" -> store.endpoint(name).isPresent();
            default -> false;
        };
        if (!exists || !arn.equals(store.names.arn(type, name))) {
            throw AwsException.validation("Could not find resource \"" + arn + "\".");
        }
    }

    private Map<String, String> read(String arn) {
        Map<String, String> map = new LinkedHashMap<>();
        store.state.get(Store.TAGS, arn).ifPresent(doc -> doc.path("Tags")
                .forEach(t -> map.put(t.path("Key").asText(), t.path("Value").asText())));
        return map;
    }

    private void write(String arn, Map<String, String> map) {
        ObjectNode doc = Json.object();
        ArrayNode tags = doc.putArray("Tags");
        map.forEach((k, v) -> tags.addObject().put("Key", k).put("Value", v));
        store.state.put(Store.TAGS, arn, doc);
    }
}
