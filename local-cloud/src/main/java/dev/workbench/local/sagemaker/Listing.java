package dev.workbench.local.sagemaker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.local.http.AwsException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The shared filters and sort of the List* operations. */
final class Listing {

    private Listing() {
    }

    static List<ObjectNode> filterAndSort(List<ObjectNode> docs, JsonNode request, String nameField, Set<String> sortKeys) {
        String contains = Json.text(request, "NameContains");
        String status = Json.text(request, "StatusEquals");
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode doc : docs) {
            if (contains != null && !doc.path(nameField).asText().toLowerCase(Locale.ROOT)
                    .contains(contains.toLowerCase(Locale.ROOT))) {
                continue;
            }
            if (status != null && !doc.path("EndpointStatus").asText().equals(status)) {
                continue;
            }
            if (!inTime(doc, "CreationTime", request) || !inTime(doc, "LastModifiedTime", request)) {
                continue;
            }
            out.add(doc);
        }
        String sortBy = request.path("SortBy").asText("CreationTime");
        if (!sortKeys.contains(sortBy)) {
            throw AwsException.validation("1 validation error detected: Value '" + sortBy + "' at 'sortBy' failed to satisfy"
                    + " constraint: Member must satisfy enum value set: " + sortKeys);
        }
        String order = request.path("SortOrder").asText("Descending");
        if (!order.equals("Ascending") && !order.equals("Descending")) {
            throw AwsException.validation("1 validation error detected: Value '" + order + "' at 'sortOrder' failed to satisfy"
                    + " constraint: Member must satisfy enum value set: [Ascending, Descending]");
        }
        Comparator<ObjectNode> byName = Comparator.comparing(d -> d.path(nameField).asText());
        Comparator<ObjectNode> comparator = switch (sortBy) {
            case "Name" -> byName;
            case "Status" -> Comparator.<ObjectNode, String>comparing(d -> d.path("EndpointStatus").asText()).thenComparing(byName);
            default -> Comparator.<ObjectNode>comparingDouble(d -> d.path("CreationTime").asDouble()).thenComparing(byName);
        };
        out.sort(order.equals("Ascending") ? comparator : comparator.reversed());
        return out;
    }

    private static boolean inTime(ObjectNode doc, String field, JsonNode request) {
        double time = doc.path(field).asDouble();
        JsonNode before = request.get(field + "Before");
        JsonNode after = request.get(field + "After");
        return (before == null || before.isNull() || time < before.asDouble())
                && (after == null || after.isNull() || time > after.asDouble());
    }
}
