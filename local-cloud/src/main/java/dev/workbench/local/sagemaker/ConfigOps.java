package dev.workbench.local.sagemaker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.local.http.AwsException;
import dev.workbench.local.spi.S3Uri;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** CreateEndpointConfig, DescribeEndpointConfig, ListEndpointConfigs, DeleteEndpointConfig. */
final class ConfigOps {

    private final Store store;
    private final Tags tags;
    private final Clock clock;

    ConfigOps(Store store, Tags tags, Clock clock) {
        this.store = store;
        this.tags = tags;
        this.clock = clock;
    }

    ObjectNode create(ObjectNode request) {
        String name = Names.check("endpointConfigName", Json.required(request, "EndpointConfigName"));
        String arn = store.names.arn("endpoint-config", name);
        JsonNode variants = request.path("ProductionVariants");
        if (!variants.isArray() || variants.isEmpty() || variants.size() > 10) {
            throw AwsException.validation("1 validation error detected: Value at 'productionVariants' failed to satisfy"
                    + " constraint: Member must have length between 1 and 10");
        }
        Set<String> seen = new HashSet<>();
        boolean anyServerless = false;
        for (JsonNode variant : variants) {
            String variantName = Names.check("productionVariants.member.variantName", Json.required(variant, "VariantName"));
            if (!seen.add(variantName)) {
                throw AwsException.validation("The variant name \"" + variantName + "\" is used more than once in \"" + arn + "\".");
            }
            store.requireModel(Json.required(variant, "ModelName"));
            boolean serverless = ServerlessConfig.of(variant) != null;
            if (serverless && (variant.hasNonNull("InstanceType") || variant.hasNonNull("InitialInstanceCount"))) {
                throw AwsException.validation("Production variant " + variantName + " specifies both ServerlessConfig"
                        + " and InstanceType or InitialInstanceCount: a serverless variant takes neither.");
            }
            anyServerless |= serverless;
            JsonNode count = variant.get("InitialInstanceCount");
            if (!serverless && (count == null || count.asInt() < 1)) {
                throw AwsException.validation("1 validation error detected: Value '" + (count == null ? "null" : count.asText())
                        + "' at 'productionVariants.member.initialInstanceCount' failed to satisfy constraint:"
                        + " Member must have value greater than or equal to 1");
            }
        }
        JsonNode async = request.get("AsyncInferenceConfig");
        if (async != null && !async.isNull()) {
            if (anyServerless) {
                throw AwsException.validation("AsyncInferenceConfig is not supported for endpoint configurations with"
                        + " serverless production variants.");
            }
            AsyncConfig.parse(async);
        }
        JsonNode capture = request.get("DataCaptureConfig");
        if (anyServerless && capture != null && !capture.isNull()) {
            throw AwsException.validation("DataCaptureConfig is not supported for endpoint configurations with"
                    + " serverless production variants.");
        }
        validateCapture(capture);
        if (store.config(name).isPresent()) {
            throw AwsException.validation("Cannot create already existing endpoint configuration \"" + arn + "\".");
        }
        ObjectNode doc = Json.object();
        doc.put("EndpointConfigName", name);
        doc.put("EndpointConfigArn", arn);
        doc.set("ProductionVariants", variants);
        for (String field : List.of("DataCaptureConfig", "KmsKeyId", "AsyncInferenceConfig", "ExplainerConfig",
                "ShadowProductionVariants", "ExecutionRoleArn", "EnableNetworkIsolation")) {
            if (request.has(field) && !request.get(field).isNull()) {
                doc.set(field, request.get(field));
            }
        }
        doc.put("CreationTime", Json.epochSeconds(clock.instant()));
        store.put(Store.CONFIG, name, doc);
        tags.set(arn, request.get("Tags"));
        ObjectNode out = Json.object();
        out.put("EndpointConfigArn", arn);
        return out;
    }

    private static void validateCapture(JsonNode capture) {
        if (capture == null || capture.isNull()) {
            return;
        }
        String destination = capture.path("DestinationS3Uri").asText("");
        if (destination.isEmpty()) {
            throw AwsException.validation("1 validation error detected: Value null at 'dataCaptureConfig.destinationS3Uri'"
                    + " failed to satisfy constraint: Member must not be null");
        }
        S3Uri.parse(destination);
        int percentage = capture.path("InitialSamplingPercentage").asInt(-1);
        if (percentage < 0 || percentage > 100) {
            throw AwsException.validation("1 validation error detected: Value '" + capture.path("InitialSamplingPercentage").asText()
                    + "' at 'dataCaptureConfig.initialSamplingPercentage' failed to satisfy constraint:"
                    + " Member must have value between 0 and 100");
        }
        JsonNode options = capture.path("CaptureOptions");
        if (!options.isArray() || options.isEmpty() || options.size() > 2) {
            throw AwsException.validation("1 validation error detected: Value at 'dataCaptureConfig.captureOptions' failed to"
                    + " satisfy constraint: Member must have length between 1 and 2");
        }
        for (JsonNode option : options) {
            String mode = option.path("CaptureMode").asText();
            if (!mode.equals("Input") && !mode.equals("Output") && !mode.equals("InputAndOutput")) {
                throw AwsException.validation("1 validation error detected: Value '" + mode + "' at 'captureMode' failed to"
                        + " satisfy constraint: Member must satisfy enum value set: [Input, Output, InputAndOutput]");
            }
        }
    }

    ObjectNode describe(ObjectNode request) {
        return store.requireConfig(Json.required(request, "EndpointConfigName"));
    }

    ObjectNode list(ObjectNode request) {
        var all = Listing.filterAndSort(store.list(Store.CONFIG), request, "EndpointConfigName", Set.of("Name", "CreationTime"));
        var page = Paging.page(all, request, 10, 1, 100);
        ObjectNode out = Json.object();
        ArrayNode configs = out.putArray("EndpointConfigs");
        for (ObjectNode doc : page.items()) {
            ObjectNode c = configs.addObject();
            c.put("EndpointConfigName", doc.path("EndpointConfigName").asText());
            c.put("EndpointConfigArn", doc.path("EndpointConfigArn").asText());
            c.set("CreationTime", doc.get("CreationTime"));
        }
        if (page.nextToken() != null) {
            out.put("NextToken", page.nextToken());
        }
        return out;
    }

    ObjectNode delete(ObjectNode request) {
        String name = Json.required(request, "EndpointConfigName");
        store.requireConfig(name);
        store.delete(Store.CONFIG, name);
        tags.drop(store.names.arn("endpoint-config", name));
        return Json.object();
    }
}
