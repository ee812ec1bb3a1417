package dev.workbench.local.sagemaker;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.local.http.AwsException;
import dev.workbench.local.http.AwsRequest;
import dev.workbench.local.http.AwsResponse;
import dev.workbench.local.model.ModelFailure;
import dev.workbench.local.model.ModelInput;
import dev.workbench.local.model.ModelOutput;
import dev.workbench.local.spi.CloudContext;
import dev.workbench.local.spi.S3Uri;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** SageMaker Runtime (REST-JSON): InvokeEndpoint and InvokeEndpointAsync. */
final class RuntimeApi {

    static final int MAX_SYNC_BODY = 6_291_456;

    private final CloudContext context;
    private final Store store;
    private final Endpoints endpoints;
    private final Invoker invoker;

    RuntimeApi(CloudContext context, Store store, Endpoints endpoints, Invoker invoker) {
        this.context = context;
        this.store = store;
        this.endpoints = endpoints;
        this.invoker = invoker;
    }

    AwsResponse handle(AwsRequest request) {
        String[] parts = request.path().split("/");
        // "", "endpoints", name, action
        if (parts.length == 4 && request.method().equals("POST")) {
            String name = java.net.URLDecoder.decode(parts[2], java.nio.charset.StandardCharsets.UTF_8);
            if (parts[3].equals("invocations")) {
                context.stats().count("runtime.InvokeEndpoint");
                return invoke(name, request);
            }
            if (parts[3].equals("async-invocations")) {
                context.stats().count("runtime.InvokeEndpointAsync");
                return invokeAsync(name, request);
            }
        }
        throw new AwsException(404, "UnknownOperationException",
                "Unsupported SageMaker Runtime operation: " + request.method() + " " + request.path());
    }

    private LiveEndpoint serving(String name) {
        var doc = store.endpoint(name);
        String status = doc.map(d -> d.path("EndpointStatus").asText()).orElse("");
        var live = endpoints.live(name);
        if (live.isEmpty() || !(status.equals("InService") || status.equals("Updating"))) {
            throw validation("Endpoint " + name + " of account " + store.names.accountId() + " not found.");
        }
        return live.get();
    }

    private AwsResponse invoke(String name, AwsRequest request) {
        LiveEndpoint endpoint = serving(name);
        if (endpoint.async != null) {
            throw validation("Endpoint " + name + " of account " + store.names.accountId()
                    + " is an asynchronous endpoint: invoke it with InvokeEndpointAsync.");
        }
        if (request.body().length > MAX_SYNC_BODY) {
            throw validation("Received payload of " + request.body().length + " bytes, more than the maximum of "
                    + MAX_SYNC_BODY + " bytes for InvokeEndpoint.");
        }
        VariantFleet fleet = endpoint.route();
        VariantStats stats = endpoint.stats(fleet.variantName);
        if (context.faults().throttleInvocation()) {
            stats.errors4xx.increment();
            throw new AwsException(429, "ThrottlingException", "Rate exceeded");
        }
        Duration timeout = context.timing().syncInvocationTimeout();
        ServerlessGate serverless = endpoint.serverless(fleet.variantName);
        if (serverless != null) {
            return invokeServerless(name, request, endpoint, fleet, serverless, stats, timeout);
        }
        Instance instance = fleet.acquire(timeout);
        if (instance == null) {
            stats.errors5xx.increment();
            throw new AwsException(429, "ModelNotReadyException", "Model for endpoint " + name + " variant "
                    + fleet.variantName + " is not ready: no instance is in service.");
        }
        return invokeOn(name, request, endpoint, fleet, instance, stats, timeout);
    }

    /**
     * A serverless invocation: throttled beyond MaxConcurrency (ThrottlingException, as SageMaker answers), else
     * served by a free instance, or by one started for it (the cold start, published as ModelSetupTime).
     */
    private AwsResponse invokeServerless(String name, AwsRequest request, LiveEndpoint endpoint, VariantFleet fleet,
            ServerlessGate gate, VariantStats stats, Duration timeout) {
        long waitStart = System.nanoTime();
        ServerlessGate.Entry entry = gate.tryEnter(context.clock().instant());
        if (entry == ServerlessGate.Entry.THROTTLED) {
            stats.errors4xx.increment();
            context.stats().count("runtime.ServerlessThrottled");
            throw new AwsException(429, "ThrottlingException", "Rate exceeded: endpoint " + name + " is serving its"
                    + " MaxConcurrency of " + gate.config.maxConcurrency() + " concurrent invocations.");
        }
        try {
            Instance instance = fleet.acquireFree(1);
            if (instance == null) {
                instance = fleet.awaitFree(1, timeout);
                if (instance == null) {
                    stats.errors5xx.increment();
                    throw new AwsException(429, "ModelNotReadyException", "Model for endpoint " + name + " variant "
                            + fleet.variantName + " is not ready: its serverless compute did not start within "
                            + timeout.toSeconds() + " s.");
                }
            }
            if (entry == ServerlessGate.Entry.COLD) {
                context.stats().count("runtime.ServerlessColdStart");
                stats.modelSetupTime.add(new VariantStats.Sample(context.clock().instant(),
                        (System.nanoTime() - waitStart) / 1000.0));
            }
            return invokeOn(name, request, endpoint, fleet, instance, stats, timeout);
        } finally {
            gate.exit(context.clock().instant());
        }
    }

    private AwsResponse invokeOn(String name, AwsRequest request, LiveEndpoint endpoint, VariantFleet fleet,
            Instance instance, VariantStats stats, Duration timeout) {
        String contentType = request.header("Content-Type").orElse("application/octet-stream");
        String accept = request.header("Accept").orElse(contentType);
        try {
            stats.invocations.increment();
            ModelOutput output = invoker.invoke(endpoint, fleet, instance, new ModelInput(request.body(), contentType, accept),
                    timeout, null);
            return AwsResponse.of(200, output.contentType(), output.body())
                    .withHeader("x-Amzn-Invoked-Production-Variant", fleet.variantName);
        } catch (ModelFailure e) {
            int original = e.statusCode();
            (original >= 400 && original < 500 ? stats.errors4xx : stats.errors5xx).increment();
            throw modelError(name, fleet.variantName, instance, e);
        } finally {
            fleet.release(instance);
        }
    }

    private AwsException modelError(String endpointName, String variant, Instance instance, ModelFailure failure) {
        int original = failure.statusCode();
        String kind = original >= 400 && original < 500 ? "client" : "server";
        String modelMessage = failure.getMessage() == null ? "" : failure.getMessage();
        String logGroup = "/aws/sagemaker/Endpoints/" + endpointName;
        String message = "Received " + kind + " error (" + original + ") from primary with message \"" + modelMessage
                + "\". See the log " + instance.model.logName() + " of log group " + logGroup + " in account "
                + store.names.accountId() + " for more information.";
        String logStream = "arn:aws:logs:" + context.region() + ":" + store.names.accountId() + ":log-group:" + logGroup
                + ":log-stream:" + variant + "/" + instance.id;
        return new AwsException(424, "ModelError", message, Map.of(
                "OriginalStatusCode", original,
                "OriginalMessage", modelMessage,
                "LogStreamArn", logStream));
    }

    private AwsResponse invokeAsync(String name, AwsRequest request) {
        LiveEndpoint endpoint = serving(name);
        AsyncConfig async = endpoint.async;
        AsyncQueue queue = endpoint.queue();
        if (async == null || queue == null) {
            throw validation("Endpoint " + name + " of account " + store.names.accountId()
                    + " is not an asynchronous endpoint: it has no AsyncInferenceConfig.");
        }
        String inputLocation = request.header("X-Amzn-SageMaker-InputLocation").orElse("");
        if (inputLocation.isEmpty()) {
            throw validation("1 validation error detected: Value null at 'inputLocation' failed to satisfy constraint:"
                    + " Member must not be null");
        }
        S3Uri input;
        try {
            input = S3Uri.parse(inputLocation);
        } catch (AwsException e) {
            throw validation("InputLocation must be an s3://bucket/key location, got " + inputLocation);
        }
        String inferenceId = request.header("X-Amzn-SageMaker-Inference-Id").orElse(UUID.randomUUID().toString());
        if (inferenceId.isEmpty() || inferenceId.length() > 64) {
            throw validation("1 validation error detected: Value '" + inferenceId + "' at 'inferenceId' failed to satisfy"
                    + " constraint: Member must have length between 1 and 64");
        }
        int ttl = intHeader(request, "X-Amzn-SageMaker-RequestTTLSeconds", "requestTTLSeconds", 21600, 60, 21600);
        int timeout = intHeader(request, "X-Amzn-SageMaker-InvocationTimeoutSeconds", "invocationTimeoutSeconds", 900, 1, 3600);
        if (context.faults().throttleInvocation()) {
            endpoint.stats(endpoint.firstVariant()).errors4xx.increment();
            throw new AwsException(429, "ThrottlingException", "Rate exceeded");
        }
        String contentType = request.header("X-Amzn-SageMaker-Content-Type").orElse("application/octet-stream");
        String accept = request.header("X-Amzn-SageMaker-Accept").orElse(contentType);
        S3Uri output = async.outputFor(inferenceId);
        S3Uri failure = async.failureFor(inferenceId);
        queue.submit(new AsyncRequest(UUID.randomUUID().toString(), name, inferenceId, input, output, failure, contentType, accept, context.clock().instant(),
                Duration.ofSeconds(ttl), Duration.ofSeconds(timeout)));
        ObjectNode body = Json.object();
        body.put("InferenceId", inferenceId);
        return AwsResponse.of(202, "application/json", Json.write(body))
                .withHeader("X-Amzn-SageMaker-OutputLocation", output.toString())
                .withHeader("X-Amzn-SageMaker-FailureLocation", failure.toString());
    }

    private static int intHeader(AwsRequest request, String header, String member, int fallback, int min, int max) {
        String text = request.header(header).orElse("");
        if (text.isEmpty()) {
            return fallback;
        }
        int value;
        try {
            value = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw validation("Value '" + text + "' at '" + member + "' is not a whole number");
        }
        if (value < min || value > max) {
            throw validation("1 validation error detected: Value '" + value + "' at '" + member + "' failed to satisfy"
                    + " constraint: Member must have value between " + min + " and " + max);
        }
        return value;
    }

    private static AwsException validation(String message) {
        return new AwsException(400, "ValidationError", message);
    }
}
