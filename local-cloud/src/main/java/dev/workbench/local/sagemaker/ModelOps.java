package dev.workbench.local.sagemaker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.local.http.AwsException;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/** CreateModel, DescribeModel, ListModels, DeleteModel. */
final class ModelOps {

    private final Store store;
    private final Tags tags;
    private final Clock clock;

    ModelOps(Store store, Tags tags, Clock clock) {
        this.store = store;
        this.tags = tags;
        this.clock = clock;
    }

    ObjectNode create(ObjectNode request) {
        String name = Names.check("modelName", Json.required(request, "ModelName"));
        String arn = store.names.arn("model", name);
        JsonNode primary = request.get("PrimaryContainer");
        JsonNode containers = request.get("Containers");
        boolean hasPrimary = primary != null && primary.isObject();
        boolean hasContainers = containers != null && containers.isArray() && containers.size() > 0;
        if (!hasPrimary && !hasContainers) {
            throw AwsException.validation("Either PrimaryContainer or Containers must be specified.");
        }
        JsonNode container = hasPrimary ? primary : containers.get(0);
        if (container.path("Image").asText("").isBlank()) {
            throw AwsException.validation("1 validation error detected: Value null at 'primaryContainer.image' failed to"
                    + " satisfy constraint: Member must not be null");
        }
        if (store.model(name).isPresent()) {
            throw AwsException.validation("Cannot create already existing model \"" + arn + "\".");
        }
        ObjectNode doc = Json.object();
        doc.put("ModelName", name);
        if (hasPrimary) {
            doc.set("PrimaryContainer", primary);
        }
        if (hasContainers) {
            doc.set("Containers", containers);
        }
        for (String field : List.of("ExecutionRoleArn", "VpcConfig", "InferenceExecutionConfig")) {
            if (request.has(field)) {
                doc.set(field, request.get(field));
            }
        }
        doc.put("CreationTime", Json.epochSeconds(clock.instant()));
        doc.put("ModelArn", arn);
        doc.put("EnableNetworkIsolation", request.path("EnableNetworkIsolation").asBoolean(false));
        store.put(Store.MODEL, name, doc);
        tags.set(arn, request.get("Tags"));
        ObjectNode out = Json.object();
        out.put("ModelArn", arn);
        return out;
    }

    ObjectNode describe(ObjectNode request) {
        return store.requireModel(Json.required(request, "ModelName"));
    }

    ObjectNode list(ObjectNode request) {
        var all = Listing.filterAndSort(store.list(Store.MODEL), request, "ModelName", Set.of("Name", "CreationTime"));
        var page = Paging.page(all, request, 10, 1, 100);
        ObjectNode out = Json.object();
        ArrayNode models = out.putArray("Models");
        for (ObjectNode doc : page.items()) {
            ObjectNode m = models.addObject();
            m.put("ModelName", doc.path("ModelName").asText());
            m.put("ModelArn", doc.path("ModelArn").asText());
            m.set("CreationTime", doc.get("CreationTime"));
        }
        if (page.nextToken() != null) {
            out.put("NextToken", page.nextToken());
        }
        return out;
    }

    ObjectNode delete(ObjectNode request) {
        String name = Json.required(request, "ModelName");
        store.requireModel(name);
        store.delete(Store.MODEL, name);
        tags.drop(store.names.arn("model", name));
        return Json.object();
    }
}
