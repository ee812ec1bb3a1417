package dev.workbench.local.sagemaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.local.http.AwsException;
import dev.workbench.local.http.AwsResponse;
import dev.workbench.local.spi.FaultSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Invocations through the service: sync, async queue, scaling to zero, faults, capture, metrics, restart. */
class ServiceRuntimeTest {

    @TempDir
    Path dir;
    Harness h;

    @BeforeEach
    void start() {
        h = new Harness(dir);
        h.objects.ensureBucket("work");
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private void endpoint(String name, String image, String env, String extraConfig) {
        h.createModel(name, image, env);
        h.call("CreateEndpointConfig", "{\"EndpointConfigName\":\"" + name + "\",\"ProductionVariants\":[{\"VariantName\":"
                + "\"AllTraffic\",\"ModelName\":\"" + name + "\",\"InitialInstanceCount\":1}]" + extraConfig + "}");
        h.call("CreateEndpoint", "{\"EndpointName\":\"" + name + "\",\"EndpointConfigName\":\"" + name + "\"}");
        assertEquals("InService", h.awaitStatus(name, Duration.ofSeconds(20)));
    }

    private static String async(String maxConcurrent) {
        return ",\"AsyncInferenceConfig\":{\"ClientConfig\":{\"MaxConcurrentInvocationsPerInstance\":" + maxConcurrent + "},"
                + "\"OutputConfig\":{\"S3OutputPath\":\"s3://work/out/\",\"S3FailurePath\":\"s3://work/failed/\"}}";
    }

    private String read(String key) {
        try (InputStream in = h.objects.get("work", key).orElseThrow(() -> new AssertionError("no object " + key))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void syncInvocationOnSmilesDescriptors() {
        endpoint("descriptors", "local/smiles-descriptors", "{}", "");
        AwsResponse response = h.invoke("descriptors", "text/csv", "name,smiles\nethanol,CCO\nbroken,C1CC\n");
        assertEquals(200, response.status());
        assertEquals("AllTraffic", response.headers().get("x-Amzn-Invoked-Production-Variant"));
        String csv = new String(response.body(), StandardCharsets.UTF_8);
        String[] lines = csv.trim().split("\r?\n");
        assertEquals(3, lines.length, csv);
        assertTrue(lines[0].startsWith("name,smiles,") && lines[0].endsWith("inference_error"), lines[0]);
        assertTrue(lines[1].startsWith("ethanol,CCO,") && lines[1].contains(",46.0"), lines[1]);
        assertFalse(lines[2].endsWith(","), "invalid SMILES gets a row error: " + lines[2]);
        assertEquals(1, h.stats.get("runtime.InvokeEndpoint"));

        AwsException missing = assertThrows(AwsException.class, () -> h.invoke("nope", "text/csv", "a\n1\n"));
        assertEquals("ValidationError", missing.code());
        assertEquals("Endpoint nope of account 000000000000 not found.", missing.getMessage());
        AwsException tooBig = assertThrows(AwsException.class,
                () -> h.invoke("descriptors", "text/csv", "x".repeat(RuntimeApi.MAX_SYNC_BODY + 1)));
        assertEquals("ValidationError", tooBig.code());

        Harness.await(() -> h.metrics.sum("Invocations", Map.of("EndpointName", "descriptors", "VariantName", "AllTraffic")) == 1
                && !h.metrics.named("ModelLatency").isEmpty(), Duration.ofSeconds(5));
        assertFalse(h.metrics.named("CPUUtilization").isEmpty());
    }

    @Test
    void asyncRoundTripMissingInputAndSyncRejected() {
        endpoint("echo", "local/latency", "{\"LATENCY_MS_PER_ROW\":\"1\"}", async("2"));
        h.objects.put("work", "in/a.csv", "id,x\n1,a\n2,b\n".getBytes(StandardCharsets.UTF_8), "text/csv");
        AwsResponse accepted = h.invokeAsync("echo", Map.of("X-Amzn-SageMaker-InputLocation", "s3://work/in/a.csv",
                "X-Amzn-SageMaker-Content-Type", "text/csv", "X-Amzn-SageMaker-Inference-Id", "job-1"));
        assertEquals(202, accepted.status());
        assertEquals("job-1", Harness.parse(accepted.body()).path("InferenceId").asText());
        assertEquals("s3://work/out/job-1.out", accepted.headers().get("X-Amzn-SageMaker-OutputLocation"));
        assertEquals("s3://work/failed/job-1-error.out", accepted.headers().get("X-Amzn-SageMaker-FailureLocation"));
        Harness.await(() -> h.objects.size("work", "out/job-1.out").isPresent(), Duration.ofSeconds(10));
        assertEquals("id,x,latency_ms,inference_error\n1,a,1,\n2,b,1,\n", read("out/job-1.out").replace("\r\n", "\n"));
        assertEquals(1, h.stats.inferenceCount("job-1"));

        h.invokeAsync("echo", Map.of("X-Amzn-SageMaker-InputLocation", "s3://work/in/missing.csv",
                "X-Amzn-SageMaker-Inference-Id", "job-2"));
        Harness.await(() -> h.objects.size("work", "failed/job-2-error.out").isPresent(), Duration.ofSeconds(10));
        assertTrue(read("failed/job-2-error.out").contains("s3://work/in/missing.csv"));

        AwsException sync = assertThrows(AwsException.class, () -> h.invoke("echo", "text/csv", "a\n1\n"));
        assertEquals("ValidationError", sync.code());
        AwsException noInput = assertThrows(AwsException.class, () -> h.invokeAsync("echo", Map.of()));
        assertEquals("ValidationError", noInput.code());
        AwsException badTtl = assertThrows(AwsException.class, () -> h.invokeAsync("echo", Map.of(
                "X-Amzn-SageMaker-InputLocation", "s3://work/in/a.csv", "X-Amzn-SageMaker-RequestTTLSeconds", "5")));
        assertEquals("ValidationError", badTtl.code());

        Map<String, String> variant = Map.of("EndpointName", "echo", "VariantName", "AllTraffic");
        Harness.await(() -> h.metrics.sum("InvocationsProcesssed", variant) == 1 && h.metrics.sum("InvocationFailures", variant) == 1,
                Duration.ofSeconds(5));
        assertFalse(h.metrics.named("ApproximateBacklogSize").isEmpty());
        assertTrue(h.metrics.named("Invocations").isEmpty(), "async endpoints publish no Invocations");
    }

    @Test
    void scaledToZeroQueuesThenColdStarts() {
        endpoint("cold", "local/latency", "{\"LATENCY_MS_PER_ROW\":\"1\"}", async("1"));
        h.service.setDesiredInstanceCount("cold", "AllTraffic", 0);
        Harness.await(() -> h.service.capacity("cold", "AllTraffic").orElseThrow().current() == 0, Duration.ofSeconds(5));
        h.objects.put("work", "in/c.csv", "id\n1\n".getBytes(StandardCharsets.UTF_8), "text/csv");
        h.invokeAsync("cold", Map.of("X-Amzn-SageMaker-InputLocation", "s3://work/in/c.csv", "X-Amzn-SageMaker-Inference-Id", "c1"));
        Map<String, String> ep = Map.of("EndpointName", "cold");
        Harness.await(() -> h.metrics.named("HasBacklogWithoutCapacity").stream()
                .anyMatch(p -> p.value() == 1 && p.dimensions().equals(ep)), Duration.ofSeconds(5));
        assertFalse(h.objects.size("work", "out/c1.out").isPresent());
        long scaledAt = System.nanoTime();
        h.service.setDesiredInstanceCount("cold", "AllTraffic", 1);
        Harness.await(() -> h.objects.size("work", "out/c1.out").isPresent(), Duration.ofSeconds(10));
        assertTrue(System.nanoTime() - scaledAt >= Duration.ofMillis(900).toNanos(), "an instance comes up after the cold start");
        JsonNode variant = h.call("DescribeEndpoint", "{\"EndpointName\":\"cold\"}").path("ProductionVariants").get(0);
        assertEquals(1, variant.path("CurrentInstanceCount").asInt());
    }

    @Test
    void invocationTimeoutAndRequestTtlEndAsFailures() {
        endpoint("slow", "local/latency", "{\"LATENCY_MS_PER_ROW\":\"5000\"}", async("1"));
        h.objects.put("work", "in/s.csv", "id\n1\n".getBytes(StandardCharsets.UTF_8), "text/csv");
        h.invokeAsync("slow", Map.of("X-Amzn-SageMaker-InputLocation", "s3://work/in/s.csv", "X-Amzn-SageMaker-Inference-Id", "t1",
                "X-Amzn-SageMaker-InvocationTimeoutSeconds", "1"));
        Harness.await(() -> h.objects.size("work", "failed/t1-error.out").isPresent(), Duration.ofSeconds(4));
        assertTrue(read("failed/t1-error.out").contains("invocation timeout of 1 s"), read("failed/t1-error.out"));

        h.service.setDesiredInstanceCount("slow", "AllTraffic", 0);
        Harness.await(() -> h.service.capacity("slow", "AllTraffic").orElseThrow().current() == 0, Duration.ofSeconds(5));
        h.invokeAsync("slow", Map.of("X-Amzn-SageMaker-InputLocation", "s3://work/in/s.csv", "X-Amzn-SageMaker-Inference-Id", "t2",
                "X-Amzn-SageMaker-RequestTTLSeconds", "60"));
        h.clock.advance(Duration.ofSeconds(61));
        Harness.await(() -> h.objects.size("work", "failed/t2-error.out").isPresent(), Duration.ofSeconds(5));
        assertTrue(read("failed/t2-error.out").contains("expired"), read("failed/t2-error.out"));
        assertEquals(0, h.stats.inferenceCount("t2"), "an expired request never reaches the model");
    }

    @Test
    void injectedFaults() {
        endpoint("faulty", "local/latency", "{\"LATENCY_MS_PER_ROW\":\"0\"}", "");
        h.faults.set(new FaultSettings(7, 0, 1.0, 0, Duration.ZERO));
        AwsException throttled = assertThrows(AwsException.class, () -> h.invoke("faulty", "text/csv", "a\n1\n"));
        assertEquals(429, throttled.status());
        assertEquals("ThrottlingException", throttled.code());

        h.faults.set(new FaultSettings(7, 0, 0, 0.5, Duration.ZERO));
        StringBuilder csv = new StringBuilder("id\n");
        String poisoned = null;
        for (int i = 0; i < 40; i++) {
            csv.append("row-").append(i).append('\n');
            if (poisoned == null && h.faults.poisonedRow("row-" + i)) {
                poisoned = "row-" + i;
            }
        }
        String bad = poisoned;
        AwsException modelError = assertThrows(AwsException.class, () -> h.invoke("faulty", "text/csv", csv.toString()));
        assertEquals(424, modelError.status());
        assertEquals("ModelError", modelError.code());
        assertTrue(modelError.getMessage().contains(bad), modelError.getMessage());
        assertEquals(400, modelError.extraFields().get("OriginalStatusCode"));

        h.faults.set(FaultSettings.none());
        h.faults.crashContainer("faulty");
        AwsException crashed = assertThrows(AwsException.class, () -> h.invoke("faulty", "text/csv", "a\n1\n"));
        assertEquals(424, crashed.status());
        assertTrue(crashed.getMessage().contains("crashed"), crashed.getMessage());
        // The replacement instance comes up after the cold start and serves again.
        AwsResponse after = h.invoke("faulty", "text/csv", "a\n1\n");
        assertEquals(200, after.status());
    }

    @Test
    void dataCaptureWritesJsonLinesInSageMakersLayout() {
        endpoint("captured", "local/latency", "{\"LATENCY_MS_PER_ROW\":\"0\"}", ",\"DataCaptureConfig\":{\"EnableCapture\":true,"
                + "\"InitialSamplingPercentage\":100,\"DestinationS3Uri\":\"s3://work/capture\",\"CaptureOptions\":"
                + "[{\"CaptureMode\":\"Input\"},{\"CaptureMode\":\"Output\"}]}");
        h.invoke("captured", "text/csv", "id\n1\n");
        h.invoke("captured", "text/csv", "id\n2\n");
        Harness.await(() -> h.objects.keys("work", "capture/").stream().mapToLong(k -> read(k).lines().count()).sum() == 2,
                Duration.ofSeconds(5));
        String key = h.objects.keys("work", "capture/").get(0);
        assertTrue(key.matches("capture/captured/AllTraffic/\\d{4}/\\d{2}/\\d{2}/\\d{2}/.+\\.jsonl"), key);
        JsonNode record = Harness.parse(read(key).lines().findFirst().orElseThrow().getBytes(StandardCharsets.UTF_8));
        assertEquals("CSV", record.path("captureData").path("endpointInput").path("encoding").asText());
        assertEquals("INPUT", record.path("captureData").path("endpointInput").path("mode").asText());
        assertTrue(record.path("captureData").path("endpointOutput").path("data").asText().contains("latency_ms"));
        assertFalse(record.path("eventMetadata").path("eventId").asText().isEmpty());
        assertEquals("0", record.path("eventVersion").asText());
    }

    @Test
    void queuedAsyncRequestsSurviveARestart() {
        endpoint("queued", "local/latency", "{\"LATENCY_MS_PER_ROW\":\"0\"}", async("1"));
        h.service.setDesiredInstanceCount("queued", "AllTraffic", 0);
        Harness.await(() -> h.service.capacity("queued", "AllTraffic").orElseThrow().current() == 0, Duration.ofSeconds(5));
        h.objects.put("work", "in/q.csv", "id\n1\n".getBytes(StandardCharsets.UTF_8), "text/csv");
        h.invokeAsync("queued", Map.of("X-Amzn-SageMaker-InputLocation", "s3://work/in/q.csv", "X-Amzn-SageMaker-Inference-Id", "q1"));
        h.close();
        h = new Harness(dir);
        h.service.setDesiredInstanceCount("queued", "AllTraffic", 1);
        Harness.await(() -> h.objects.size("work", "out/q1.out").isPresent(), Duration.ofSeconds(10));
        assertEquals(1, h.stats.inferenceCount("q1"));
    }

    @Test
    void restartBringsEndpointsBack() {
        endpoint("durable", "local/latency", "{\"LATENCY_MS_PER_ROW\":\"0\"}", "");
        h.close();
        h = new Harness(dir);
        assertEquals("InService", h.status("durable"));
        AwsResponse response = h.invoke("durable", "text/csv", "id\n1\n");
        assertEquals(200, response.status());
    }
}
