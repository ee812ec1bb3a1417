package dev.workbench.local.sagemaker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.local.http.AwsException;
import java.util.Set;

/** CreateEndpoint, DescribeEndpoint, ListEndpoints, UpdateEndpoint, UpdateEndpointWeightsAndCapacities, DeleteEndpoint. */
final class EndpointOps {

    private final Store store;
    private final Tags tags;
    private final Endpoints endpoints;

    EndpointOps(Store store, Tags tags, Endpoints endpoints) {
        this.store = store;
        this.tags = tags;
        this.endpoints = endpoints;
    }

    ObjectNode create(ObjectNode request) {
        String name = Names.check("endpointName", Json.required(request, "EndpointName"));
        String configName = Json.required(request, "EndpointConfigName");
        // Tags are checked before anything starts, so a bad tag leaves no endpoint behind.
        tags.validate(request.get("Tags"));
        String arn = endpoints.create(name, configName);
        tags.set(arn, request.get("Tags"));
        return arnOf(arn);
    }

    ObjectNode describe(ObjectNode request) {
        return endpoints.describe(Json.required(request, "EndpointName"));
    }

    ObjectNode list(ObjectNode request) {
        var all = Listing.filterAndSort(store.list(Store.ENDPOINT), request, "EndpointName", Set.of("Name", "CreationTime", "Status"));
        var page = Paging.page(all, request, 10, 1, 100);
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("Endpoints");
        for (ObjectNode doc : page.items()) {
            ObjectNode e = list.addObject();
            e.put("EndpointName", doc.path("EndpointName").asText());
            e.put("EndpointArn", doc.path("EndpointArn").asText());
            e.set("CreationTime", doc.get("CreationTime"));
            e.set("LastModifiedTime", doc.get("LastModifiedTime"));
            e.put("EndpointStatus", doc.path("EndpointStatus").asText());
        }
        if (page.nextToken() != null) {
            out.put("NextToken", page.nextToken());
        }
        return out;
    }

    ObjectNode update(ObjectNode request) {
        String name = Json.required(request, "EndpointName");
        endpoints.update(name, Json.required(request, "EndpointConfigName"));
        return arnOf(store.requireEndpoint(name).path("EndpointArn").asText());
    }

    ObjectNode updateWeightsAndCapacities(ObjectNode request) {
        String name = Json.required(request, "EndpointName");
        ObjectNode doc = store.requireEndpoint(name);
        endpoints.requireStable(doc, "update");
        JsonNode changes = request.path("DesiredWeightsAndCapacities");
        if (!changes.isArray() || changes.isEmpty()) {
            throw AwsException.validation("1 validation error detected: Value at 'desiredWeightsAndCapacities' failed to"
                    + " satisfy constraint: Member must have length greater than or equal to 1");
        }
        for (JsonNode change : changes) {
            int count = change.path("DesiredInstanceCount").asInt(-1);
            if (change.has("DesiredInstanceCount") && count < 0) {
                throw AwsException.validation("1 validation error detected: Value '" + count + "' at"
                        + " 'desiredWeightsAndCapacities.member.desiredInstanceCount' failed to satisfy constraint:"
                        + " Member must have value greater than or equal to 0");
            }
        }
        for (JsonNode change : changes) {
            Double weight = change.has("DesiredWeight") ? change.get("DesiredWeight").asDouble() : null;
            endpoints.setDesired(name, Json.required(change, "VariantName"), change.path("DesiredInstanceCount").asInt(-1), weight);
        }
        return arnOf(doc.path("EndpointArn").asText());
    }

    ObjectNode delete(ObjectNode request) {
        endpoints.delete(Json.required(request, "EndpointName"));
        return Json.object();
    }

    private static ObjectNode arnOf(String arn) {
        ObjectNode out = Json.object();
        out.put("EndpointArn", arn);
        return out;
    }
}
