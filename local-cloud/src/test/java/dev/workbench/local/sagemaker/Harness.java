package dev.workbench.local.sagemaker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.local.faults.SeededFaultInjector;
import dev.workbench.local.http.AwsRequest;
import dev.workbench.local.http.AwsResponse;
import dev.workbench.local.spi.CloudContext;
import dev.workbench.local.spi.CloudStats;
import dev.workbench.local.spi.FaultSettings;
import dev.workbench.local.spi.Timing;
import dev.workbench.local.state.SqliteDatabase;
import dev.workbench.local.state.SqliteStateStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;

/**
 * The SageMaker service on real state (SQLite), real fault injection and a real scheduler, driven with the
 * JSON bodies the SDK sends; for unit tests that do not need the whole LocalCloud.
 */
final class Harness implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    final Path dir;
    final DirectoryObjects objects;
    final RecordingMetrics metrics = new RecordingMetrics();
    final SeededFaultInjector faults = new SeededFaultInjector(FaultSettings.none());
    final CloudStats stats = new CloudStats();
    private final SqliteDatabase db;
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    final SageMakerService service;

    /** The service's clock: real time plus an offset a test may move forward (TTL expiry without waiting). */
    static final class ShiftedClock extends Clock {
        private volatile Duration offset = Duration.ZERO;

        void advance(Duration by) {
            offset = offset.plus(by);
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return java.time.Instant.now().plus(offset);
        }
    }

    final ShiftedClock clock = new ShiftedClock();

    Harness(Path dir) {
        this.dir = dir;
        this.objects = new DirectoryObjects(dir.resolve("s3"));
        this.db = SqliteDatabase.open(dir.resolve("state.db"));
        var context = new CloudContext("us-east-1", "000000000000", Timing.fast(), clock,
                new SqliteStateStore(db), objects, metrics, faults, stats, scheduler);
        this.service = new SageMakerService(context,
                new SageMakerOptions(dir.resolve("sagemaker"), Duration.ofSeconds(2), false));
    }

    /** A control-plane call as {@code X-Amz-Target: SageMaker.<op>} with a JSON body. */
    JsonNode call(String op, String json) {
        AwsResponse response = service.handle(new AwsRequest("POST", "/", Map.of(),
                Map.of("X-Amz-Target", List.of("SageMaker." + op), "Content-Type", List.of("application/x-amz-json-1.1")),
                json.getBytes(StandardCharsets.UTF_8), "sagemaker", "us-east-1", "test", "r1"));
        return parse(response.body());
    }

    AwsResponse invoke(String endpoint, String contentType, String body) {
        return service.handle(new AwsRequest("POST", "/endpoints/" + endpoint + "/invocations", Map.of(),
                Map.of("Content-Type", List.of(contentType), "Accept", List.of(contentType)),
                body.getBytes(StandardCharsets.UTF_8), "sagemaker", "us-east-1", "test", "r2"));
    }

    AwsResponse invokeAsync(String endpoint, Map<String, String> headers) {
        var h = new HashMap<String, List<String>>();
        headers.forEach((k, v) -> h.put(k, List.of(v)));
        return service.handle(new AwsRequest("POST", "/endpoints/" + endpoint + "/async-invocations", Map.of(), h,
                new byte[0], "sagemaker", "us-east-1", "test", "r3"));
    }

    static JsonNode parse(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode obj(String json) {
        return (ObjectNode) parse(json.getBytes(StandardCharsets.UTF_8));
    }

    void createModel(String name, String image, String env) {
        call("CreateModel", "{\"ModelName\":\"" + name + "\",\"ExecutionRoleArn\":\"arn:aws:iam::000000000000:role/x\","
                + "\"PrimaryContainer\":{\"Image\":\"" + image + "\",\"Environment\":" + env + "}}");
    }

    String status(String endpoint) {
        return call("DescribeEndpoint", "{\"EndpointName\":\"" + endpoint + "\"}").path("EndpointStatus").asText();
    }

    String awaitStatus(String endpoint, Duration timeout) {
        await(() -> !status(endpoint).equals("Creating") && !status(endpoint).equals("Updating"), timeout);
        return status(endpoint);
    }

    static void await(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Override
    public void close() {
        service.close();
        scheduler.shutdownNow();
        db.close();
    }
}
