package dev.workbench.local.sagemaker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.local.http.AwsException;
import dev.workbench.local.runtime.ModelLauncher;
import dev.workbench.local.runtime.ModelSpec;
import dev.workbench.local.spi.CloudContext;
import dev.workbench.local.spi.ScalableVariants.VariantCapacity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Endpoints' lifecycle: creation (Creating -> InService or Failed), update, scaling, deletion, and their
 * return after a restart. Each endpoint document keeps a snapshot of its config and models, as SageMaker
 * does, so deleting a config or model later does not break a running endpoint.
 */
final class Endpoints {

    private static final Logger LOG = LoggerFactory.getLogger(Endpoints.class);
    private static final Duration WATCH_EVERY = Duration.ofMillis(50);

    private final CloudContext context;
    private final Store store;
    private final ModelLauncher launcher;
    private final Executor loader;
    private final Invoker invoker;
    private final Map<String, LiveEndpoint> live = new ConcurrentHashMap<>();
    /** Instance start failures of endpoints being created or updated, by live endpoint. */
    private final Map<LiveEndpoint, String> startFailures = new ConcurrentHashMap<>();

    Endpoints(CloudContext context, Store store, ModelLauncher launcher, Executor loader, Invoker invoker) {
        this.context = context;
        this.store = store;
        this.launcher = launcher;
        this.loader = loader;
        this.invoker = invoker;
    }

    Optional<LiveEndpoint> live(String name) {
        return Optional.ofNullable(live.get(Names.id(name)));
    }

    List<LiveEndpoint> allLive() {
        return List.copyOf(live.values());
    }

    // ---- create / update / delete

    String create(String name, String configName) {
        String arn = store.names.arn("endpoint", name);
        if (store.endpoint(name).isPresent()) {
            throw AwsException.validation("Cannot create already existing endpoint \"" + arn + "\".");
        }
        ObjectNode config = store.requireConfig(configName);
        ObjectNode models = modelsOf(config);
        double now = Json.epochSeconds(context.clock().instant());
        ObjectNode doc = Json.object();
        doc.put("EndpointName", name);
        doc.put("EndpointArn", arn);
        doc.put("EndpointConfigName", config.path("EndpointConfigName").asText());
        doc.put("EndpointStatus", "Creating");
        doc.put("CreationTime", now);
        doc.put("LastModifiedTime", now);
        doc.set("Config", config);
        doc.set("Models", models);
        ObjectNode desired = doc.putObject("DesiredCounts");
        ObjectNode weights = doc.putObject("DesiredWeights");
        for (JsonNode variant : config.path("ProductionVariants")) {
            desired.put(variant.path("VariantName").asText(), initialCount(variant));
            weights.put(variant.path("VariantName").asText(), variant.path("InitialVariantWeight").asDouble(1.0));
        }
        store.put(Store.ENDPOINT, name, doc);
        LiveEndpoint endpoint = launch(doc);
        live.put(Names.id(name), endpoint);
        watchStartup(name, endpoint, false);
        return arn;
    }

    void update(String name, String configName) {
        ObjectNode doc = store.requireEndpoint(name);
        requireStable(doc, "update");
        ObjectNode config = store.requireConfig(configName);
        doc.put("EndpointStatus", "Updating");
        doc.put("EndpointConfigName", config.path("EndpointConfigName").asText());
        doc.put("PendingConfigName", config.path("EndpointConfigName").asText());
        doc.set("PendingConfig", config);
        doc.set("PendingModels", modelsOf(config));
        doc.put("LastModifiedTime", Json.epochSeconds(context.clock().instant()));
        store.put(Store.ENDPOINT, name, doc);
        ObjectNode next = doc.deepCopy();
        next.set("Config", config);
        next.set("Models", doc.get("PendingModels"));
        ObjectNode desired = next.putObject("DesiredCounts");
        ObjectNode weights = next.putObject("DesiredWeights");
        for (JsonNode variant : config.path("ProductionVariants")) {
            desired.put(variant.path("VariantName").asText(), initialCount(variant));
            weights.put(variant.path("VariantName").asText(), variant.path("InitialVariantWeight").asDouble(1.0));
        }
        LiveEndpoint endpoint = launch(next);
        watchStartup(name, endpoint, true);
    }

    void delete(String name) {
        store.requireEndpoint(name);
        store.delete(Store.ENDPOINT, name);
        store.state.delete(Store.TAGS, store.names.arn("endpoint", name));
        forgetRequests(name);
        LiveEndpoint endpoint = live.remove(Names.id(name));
        if (endpoint != null) {
            loader.execute(endpoint::close);
        }
    }

    void requireStable(ObjectNode doc, String action) {
        String status = doc.path("EndpointStatus").asText();
        if (!status.equals("InService")) {
            throw AwsException.validation("Cannot " + action + " in-progress endpoint \"" + doc.path("EndpointArn").asText() + "\".");
        }
    }

    /**
     * Instances a variant starts with. A serverless variant starts its provisioned concurrency, and at least one
     * instance so a model that cannot load fails the endpoint as SageMaker's creation does; it goes cold later.
     */
    private static int initialCount(JsonNode variant) {
        ServerlessConfig serverless = ServerlessConfig.of(variant);
        return serverless != null ? Math.max(1, serverless.warm()) : variant.path("InitialInstanceCount").asInt(1);
    }

    private ObjectNode modelsOf(ObjectNode config) {
        ObjectNode models = Json.object();
        for (JsonNode variant : config.path("ProductionVariants")) {
            String modelName = variant.path("ModelName").asText();
            models.set(modelName, store.requireModel(modelName));
        }
        return models;
    }

    /** Builds the running side from a document and asks every variant for its desired instances now. */
    private LiveEndpoint launch(ObjectNode doc) {
        String name = doc.path("EndpointName").asText();
        JsonNode config = doc.path("Config");
        JsonNode asyncNode = config.get("AsyncInferenceConfig");
        AsyncConfig async = asyncNode == null || asyncNode.isNull() ? null : AsyncConfig.parse(asyncNode);
        DataCapture capture = DataCapture.of(name, config.get("DataCaptureConfig"), context.objects(), context.clock());
        var endpoint = new LiveEndpoint(name, config.path("EndpointConfigName").asText(), async, capture);
        for (JsonNode variant : config.path("ProductionVariants")) {
            String variantName = variant.path("VariantName").asText();
            JsonNode model = doc.path("Models").path(variant.path("ModelName").asText());
            var fleet = new VariantFleet(name, variantName, specOf(model), launcher, context.scheduler(), loader, endpoint,
                    context.logs());
            endpoint.addVariant(fleet, doc.path("DesiredWeights").path(variantName).asDouble(1.0));
            ServerlessConfig serverless = ServerlessConfig.of(variant);
            if (serverless != null) {
                endpoint.makeServerless(fleet, new ServerlessGate(serverless, fleet, context.clock().instant()));
            }
        }
        if (async != null) {
            endpoint.attachQueue(new AsyncQueue(endpoint, async, context, invoker));
        }
        endpoint.onStartFailure((e, reason) -> startFailures.putIfAbsent(e, reason));
        for (VariantFleet fleet : endpoint.variants.values()) {
            fleet.setDesired(doc.path("DesiredCounts").path(fleet.variantName).asInt(1), Duration.ZERO);
        }
        return endpoint;
    }

    static ModelSpec specOf(JsonNode model) {
        JsonNode container = model.path("PrimaryContainer");
        if (!container.isObject() && model.path("Containers").size() > 0) {
            container = model.path("Containers").get(0);
        }
        String url = Json.text(container, "ModelDataUrl");
        return new ModelSpec(container.path("Image").asText(""), url, Json.stringMap(container.get("Environment")));
    }

    /**
     * Polls a starting endpoint: InService once Timing.endpointCreation has passed and every variant has its
     * instances; Failed (or, for an update, back to the old config) when an instance cannot start.
     */
    private void watchStartup(String name, LiveEndpoint endpoint, boolean isUpdate) {
        Instant started = context.clock().instant();
        AtomicReference<ScheduledFuture<?>> self = new AtomicReference<>();
        Runnable check = () -> {
            try {
                if (checkStartup(name, endpoint, isUpdate, started)) {
                    ScheduledFuture<?> f = self.get();
                    if (f != null) {
                        f.cancel(false);
                    }
                }
            } catch (RuntimeException e) {
                LOG.warn("Endpoint {} startup check failed", name, e);
            }
        };
        self.set(context.scheduler().scheduleWithFixedDelay(check, WATCH_EVERY.toMillis(), WATCH_EVERY.toMillis(),
                TimeUnit.MILLISECONDS));
    }

    /** True when the watch is over. */
    private synchronized boolean checkStartup(String name, LiveEndpoint endpoint, boolean isUpdate, Instant started) {
        Optional<ObjectNode> current = store.endpoint(name);
        if (current.isEmpty() || (!isUpdate && live.get(Names.id(name)) != endpoint)) {
            endpoint.close(); // deleted (or replaced) while starting
            startFailures.remove(endpoint);
            return true;
        }
        ObjectNode doc = current.get();
        String failure = startFailures.remove(endpoint);
        if (failure != null) {
            endpoint.close();
            if (isUpdate) {
                doc.put("EndpointStatus", "InService");
                doc.put("FailureReason", "Update failed: " + failure);
                doc.put("EndpointConfigName", doc.path("Config").path("EndpointConfigName").asText());
                clearPending(doc);
            } else {
                live.remove(Names.id(name), endpoint);
                doc.put("EndpointStatus", "Failed");
                doc.put("FailureReason", failure);
            }
            doc.put("LastModifiedTime", Json.epochSeconds(context.clock().instant()));
            store.put(Store.ENDPOINT, name, doc);
            return true;
        }
        boolean waited = !context.clock().instant().isBefore(started.plus(context.timing().endpointCreation()));
        boolean ready = endpoint.variants.values().stream().allMatch(f -> f.current() >= f.desired() && f.starting() == 0);
        if (!waited || !ready) {
            return false;
        }
        if (isUpdate) {
            doc.set("Config", doc.get("PendingConfig"));
            doc.set("Models", doc.get("PendingModels"));
            ObjectNode desired = doc.putObject("DesiredCounts");
            ObjectNode weights = doc.putObject("DesiredWeights");
            for (VariantFleet fleet : endpoint.variants.values()) {
                desired.put(fleet.variantName, fleet.desired());
                weights.put(fleet.variantName, endpoint.weight(fleet.variantName));
            }
            clearPending(doc);
            doc.remove("FailureReason");
            LiveEndpoint old = live.put(Names.id(name), endpoint);
            if (old != null) {
                AsyncQueue oldQueue = old.queue();
                AsyncQueue newQueue = endpoint.queue();
                if (oldQueue != null && newQueue != null) {
                    oldQueue.drain().forEach(newQueue::enqueue);
                }
                loader.execute(old::close);
            }
        }
        doc.put("EndpointStatus", "InService");
        doc.put("LastModifiedTime", Json.epochSeconds(context.clock().instant()));
        store.put(Store.ENDPOINT, name, doc);
        LOG.info("Endpoint {} is InService", name);
        return true;
    }

    private static void clearPending(ObjectNode doc) {
        doc.remove("PendingConfig");
        doc.remove("PendingModels");
        doc.remove("PendingConfigName");
    }

    /** After a restart: endpoints that were serving (or on their way) start their instances again. */
    void restore() {
        List<ObjectNode> pending = store.list(Store.ASYNC);
        for (ObjectNode doc : store.list(Store.ENDPOINT)) {
            String name = doc.path("EndpointName").asText();
            String status = doc.path("EndpointStatus").asText();
            try {
                switch (status) {
                    case "InService", "Updating", "SystemUpdating" -> {
                        if (!status.equals("InService")) {
                            doc.put("EndpointStatus", "InService");
                            doc.put("EndpointConfigName", doc.path("Config").path("EndpointConfigName").asText());
                            clearPending(doc);
                            store.put(Store.ENDPOINT, name, doc);
                        }
                        LiveEndpoint endpoint = launch(doc);
                        live.put(Names.id(name), endpoint);
                        requeue(endpoint, pending);
                        // A failure to come back is logged; the endpoint stays InService with fewer instances.
                        endpoint.onStartFailure((e, reason) -> LOG.warn("Endpoint {} instance failed to restart: {}", name, reason));
                    }
                    case "Creating" -> {
                        LiveEndpoint endpoint = launch(doc);
                        live.put(Names.id(name), endpoint);
                        watchStartup(name, endpoint, false);
                    }
                    case "Deleting" -> store.delete(Store.ENDPOINT, name);
                    default -> { }
                }
            } catch (RuntimeException e) {
                LOG.warn("Endpoint {} could not be restored: {}", name, e.getMessage());
            }
        }
    }

    /** Puts the endpoint's stored, unfinished async requests back in its queue, oldest first. */
    private void requeue(LiveEndpoint endpoint, List<ObjectNode> pending) {
        AsyncQueue queue = endpoint.queue();
        int count = 0;
        for (ObjectNode node : pending) {
            if (!Names.id(node.path("EndpointName").asText()).equals(Names.id(endpoint.name))) {
                continue;
            }
            if (queue == null) {
                store.state.delete(Store.ASYNC, node.path("Ticket").asText());
            } else {
                queue.enqueue(AsyncRequest.fromJson(node));
                count++;
            }
        }
        if (count > 0) {
            LOG.info("Endpoint {}: {} async request(s) from before the restart are queued again", endpoint.name, count);
        }
    }

    private void forgetRequests(String name) {
        for (ObjectNode node : store.list(Store.ASYNC)) {
            if (Names.id(node.path("EndpointName").asText()).equals(Names.id(name))) {
                store.state.delete(Store.ASYNC, node.path("Ticket").asText());
            }
        }
    }

    // ---- describe / list

    ObjectNode describe(String name) {
        ObjectNode doc = store.requireEndpoint(name);
        ObjectNode out = Json.object();
        for (String field : List.of("EndpointName", "EndpointArn", "EndpointConfigName", "EndpointStatus", "FailureReason",
                "CreationTime", "LastModifiedTime")) {
            if (doc.has(field)) {
                out.set(field, doc.get(field));
            }
        }
        LiveEndpoint endpoint = live.get(Names.id(name));
        ArrayNode variants = out.putArray("ProductionVariants");
        JsonNode config = doc.path("Config");
        for (JsonNode variant : config.path("ProductionVariants")) {
            String variantName = variant.path("VariantName").asText();
            ObjectNode v = variants.addObject();
            v.put("VariantName", variantName);
            JsonNode model = doc.path("Models").path(variant.path("ModelName").asText());
            ObjectNode image = v.putArray("DeployedImages").addObject();
            image.put("SpecifiedImage", specOf(model).image());
            image.put("ResolvedImage", specOf(model).image());
            image.put("ResolutionTime", doc.path("CreationTime").asDouble());
            double weight = endpoint != null ? endpoint.weight(variantName) : doc.path("DesiredWeights").path(variantName).asDouble(1.0);
            v.put("CurrentWeight", weight);
            v.put("DesiredWeight", weight);
            ServerlessConfig serverless = ServerlessConfig.of(variant);
            if (serverless != null) {
                // As SageMaker: a serverless variant reports its config, never instance counts.
                v.set("CurrentServerlessConfig", serverless.toJson());
                v.set("DesiredServerlessConfig", serverless.toJson());
                continue;
            }
            VariantFleet fleet = endpoint == null ? null : endpoint.variants.get(variantName);
            v.put("CurrentInstanceCount", fleet == null ? 0 : fleet.current());
            v.put("DesiredInstanceCount", fleet == null ? doc.path("DesiredCounts").path(variantName).asInt(0) : fleet.desired());
            // No instance type: ProductionVariantSummary has none (DescribeEndpointConfig tells it).
        }
        if (config.has("AsyncInferenceConfig")) {
            out.set("AsyncInferenceConfig", config.get("AsyncInferenceConfig"));
        }
        if (config.has("DataCaptureConfig")) {
            JsonNode capture = config.get("DataCaptureConfig");
            ObjectNode summary = out.putObject("DataCaptureConfig");
            summary.put("EnableCapture", capture.path("EnableCapture").asBoolean(false));
            summary.put("CaptureStatus", capture.path("EnableCapture").asBoolean(false) ? "Started" : "Stopped");
            summary.put("CurrentSamplingPercentage", capture.path("InitialSamplingPercentage").asInt(100));
            summary.put("DestinationS3Uri", capture.path("DestinationS3Uri").asText());
            if (capture.has("KmsKeyId")) {
                summary.set("KmsKeyId", capture.get("KmsKeyId"));
            }
        }
        return out;
    }

    /** Serverless variants idle for the idle window stop their compute (beyond provisioned concurrency). */
    void reapIdleServerless() {
        var now = context.clock().instant();
        for (LiveEndpoint endpoint : live.values()) {
            for (VariantFleet fleet : endpoint.variants.values()) {
                ServerlessGate gate = endpoint.serverless(fleet.variantName);
                if (gate != null && gate.reapIdle(now, context.timing().serverlessIdle())) {
                    context.stats().count("runtime.ServerlessIdleStop:" + endpoint.name);
                    LOG.info("Serverless endpoint {} variant {} idle for {}: compute stopped", endpoint.name,
                            fleet.variantName, context.timing().serverlessIdle());
                }
            }
        }
    }

    // ---- scaling

    Optional<VariantCapacity> capacity(String endpointName, String variantName) {
        LiveEndpoint endpoint = live.get(Names.id(endpointName));
        if (endpoint != null) {
            VariantFleet fleet = endpoint.variants.get(variantName);
            return fleet == null ? Optional.empty() : Optional.of(new VariantCapacity(fleet.current(), fleet.desired()));
        }
        return store.endpoint(endpointName)
                .filter(doc -> doc.path("DesiredCounts").has(variantName))
                .map(doc -> new VariantCapacity(0, doc.path("DesiredCounts").path(variantName).asInt()));
    }

    /** Sets a variant's DesiredInstanceCount (Application Auto Scaling, UpdateEndpointWeightsAndCapacities). */
    synchronized void setDesired(String endpointName, String variantName, int desired, @Nullable Double weight) {
        ObjectNode doc = store.requireEndpoint(endpointName);
        LiveEndpoint endpoint = live.get(Names.id(endpointName));
        if (endpoint == null || !endpoint.variants.containsKey(variantName)) {
            throw AwsException.validation("The variant name(s) \"" + variantName + "\" is/are not present in the endpoint \""
                    + doc.path("EndpointArn").asText() + "\".");
        }
        if (desired >= 0) {
            endpoint.variants.get(variantName).setDesired(desired, context.timing().coldStart());
            ((ObjectNode) doc.with("DesiredCounts")).put(variantName, desired);
        }
        if (weight != null) {
            endpoint.setWeight(variantName, weight);
            ((ObjectNode) doc.with("DesiredWeights")).put(variantName, weight);
        }
        doc.put("LastModifiedTime", Json.epochSeconds(context.clock().instant()));
        store.put(Store.ENDPOINT, endpointName, doc);
    }

    void close() {
        List<LiveEndpoint> all = new ArrayList<>(live.values());
        live.clear();
        all.forEach(LiveEndpoint::close);
    }
}
