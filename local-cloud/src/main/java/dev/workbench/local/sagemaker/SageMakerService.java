package dev.workbench.local.sagemaker;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.local.http.AwsException;
import dev.workbench.local.http.AwsRequest;
import dev.workbench.local.http.AwsResponse;
import dev.workbench.local.http.AwsService;
import dev.workbench.local.runtime.LocalModels;
import dev.workbench.local.runtime.ModelLauncher;
import dev.workbench.local.spi.CloudContext;
import dev.workbench.local.spi.ScalableVariants;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SageMaker on the shared port: the control plane (JSON 1.1, {@code X-Amz-Target: SageMaker.<Op>}) and the
 * runtime (REST-JSON under {@code /endpoints/}). Also the {@link ScalableVariants} that Application Auto
 * Scaling resizes. Endpoints that were in service come back when the service starts on the same state.
 */
public final class SageMakerService implements AwsService, ScalableVariants, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SageMakerService.class);
    private static final String TARGET_PREFIX = "SageMaker.";

    private final CloudContext context;
    private final ExecutorService loader;
    private final Endpoints endpoints;
    private final RuntimeApi runtime;
    private final EndpointMetrics metrics;
    private final Map<String, Function<ObjectNode, ObjectNode>> operations;
    private final java.util.concurrent.ScheduledExecutorService publisher;
    private final ScheduledFuture<?> ticker;
    private final SageMakerOptions options;

    /** Instances work in a temporary directory; prefer {@link #SageMakerService(CloudContext, SageMakerOptions)}. */
    public SageMakerService(CloudContext context) {
        this(context, SageMakerOptions.temporary());
    }

    public SageMakerService(CloudContext context, SageMakerOptions options) {
        this.context = context;
        this.options = options;
        var names = new Names(context.region(), context.accountId());
        var store = new Store(context.state(), names);
        var tags = new Tags(store);
        var count = new AtomicInteger();
        // Model loads and container starts block (CDK, health checks): they get their own threads, never the scheduler's.
        this.loader = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "sagemaker-instance-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        var launcher = new ModelLauncher(context.objects(), LocalModels.discover(SageMakerService.class.getClassLoader()),
                options.workDir(), context.timing().containerStartTimeout(), options.stopGrace());
        var invoker = new Invoker(context);
        this.endpoints = new Endpoints(context, store, launcher, loader, invoker);
        this.runtime = new RuntimeApi(context, store, endpoints, invoker);
        this.metrics = new EndpointMetrics(context.metrics());
        var models = new ModelOps(store, tags, context.clock());
        var configs = new ConfigOps(store, tags, context.clock());
        var endpointOps = new EndpointOps(store, tags, endpoints);
        this.operations = Map.ofEntries(
                Map.entry("CreateModel", models::create),
                Map.entry("DescribeModel", models::describe),
                Map.entry("ListModels", models::list),
                Map.entry("DeleteModel", models::delete),
                Map.entry("CreateEndpointConfig", configs::create),
                Map.entry("DescribeEndpointConfig", configs::describe),
                Map.entry("ListEndpointConfigs", configs::list),
                Map.entry("DeleteEndpointConfig", configs::delete),
                Map.entry("CreateEndpoint", endpointOps::create),
                Map.entry("DescribeEndpoint", endpointOps::describe),
                Map.entry("ListEndpoints", endpointOps::list),
                Map.entry("UpdateEndpoint", endpointOps::update),
                Map.entry("UpdateEndpointWeightsAndCapacities", endpointOps::updateWeightsAndCapacities),
                Map.entry("DeleteEndpoint", endpointOps::delete),
                Map.entry("AddTags", tags::add),
                Map.entry("ListTags", tags::list),
                Map.entry("DeleteTags", tags::delete));
        endpoints.restore();
        long period = Math.max(1, context.timing().metricPeriod().toMillis());
        // Metrics and capture files are durable writes: their own thread, so they never hold up the shared scheduler.
        this.publisher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sagemaker-metrics");
            t.setDaemon(true);
            return t;
        });
        this.ticker = publisher.scheduleAtFixedRate(this::tick, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public String signingName() {
        return "sagemaker";
    }

    @Override
    public AwsResponse handle(AwsRequest request) {
        if (request.path().startsWith("/endpoints/")) {
            return runtime.handle(request);
        }
        String target = request.header("X-Amz-Target").orElse("");
        if (!target.startsWith(TARGET_PREFIX)) {
            throw new AwsException(400, "UnknownOperationException", "Unsupported SageMaker request: " + request.method() + " "
                    + request.path() + (target.isEmpty() ? " without X-Amz-Target" : " with X-Amz-Target " + target));
        }
        String op = target.substring(TARGET_PREFIX.length());
        Function<ObjectNode, ObjectNode> operation = operations.get(op);
        if (operation == null) {
            throw new AwsException(400, "UnknownOperationException", "The operation " + op + " is not supported by local-cloud's SageMaker.");
        }
        context.stats().count("sagemaker." + op);
        return Json.ok(operation.apply(Json.parse(request.body())));
    }

    @Override
    public Optional<VariantCapacity> capacity(String endpointName, String variantName) {
        return endpoints.capacity(endpointName, variantName);
    }

    @Override
    public void setDesiredInstanceCount(String endpointName, String variantName, int desired) {
        try {
            endpoints.setDesired(endpointName, variantName, Math.max(0, desired), null);
        } catch (AwsException e) {
            LOG.warn("Cannot scale {}/{} to {}: {}", endpointName, variantName, desired, e.getMessage());
        }
    }

    /** Once per metric period: metrics, data capture files, expired async requests. */
    private void tick() {
        var now = context.clock().instant();
        try {
            endpoints.reapIdleServerless();
        } catch (RuntimeException e) {
            LOG.warn("Serverless idle check failed: {}", e.toString());
        }
        for (LiveEndpoint endpoint : endpoints.allLive()) {
            try {
                metrics.publish(endpoint, now);
                if (endpoint.capture != null) {
                    endpoint.capture.flush();
                }
                AsyncQueue queue = endpoint.queue();
                if (queue != null) {
                    queue.expire();
                }
            } catch (RuntimeException e) {
                LOG.warn("Periodic work for endpoint {} failed: {}", endpoint.name, e.toString());
            }
        }
    }

    @Override
    public void close() {
        ticker.cancel(false);
        publisher.shutdown();
        endpoints.close();
        loader.shutdownNow();
        if (options.deleteOnClose()) {
            try (var paths = java.nio.file.Files.walk(options.workDir())) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (java.io.IOException | java.io.UncheckedIOException e) {
                LOG.debug("Work directory {} not fully removed: {}", options.workDir(), e.toString());
            }
        }
    }
}
