package dev.workbench.local.sagemaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.local.LocalCloud;
import dev.workbench.local.spi.Timing;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointResponse;

/** A restart on the same data directory, data capture files in S3, and a user's model server as a process. */
class SdkRestartCaptureAndContainerTest {

    @TempDir
    Path dataDir;

    private LocalCloud start() {
        return LocalCloud.start(b -> b.port(0).dataDir(dataDir).timing(Timing.fast()));
    }

    private static InvokeEndpointResponse invoke(SdkClients aws, String endpoint, String csv) {
        return aws.runtime.invokeEndpoint(b -> b.endpointName(endpoint).contentType("text/csv").accept("text/csv")
                .body(SdkBytes.fromUtf8String(csv)));
    }

    @Test
    void restartKeepsEndpointsCaptureAndTags() {
        try (LocalCloud cloud = start(); SdkClients aws = new SdkClients(cloud)) {
            aws.s3.createBucket(b -> b.bucket("capture"));
            aws.deploy("kept", "local/latency", Map.of("LATENCY_MS_PER_ROW", "0"), c -> c.dataCaptureConfig(d -> d
                    .enableCapture(true).initialSamplingPercentage(100).destinationS3Uri("s3://capture/datacapture")
                    .captureOptions(o -> o.captureMode("Input"), o -> o.captureMode("Output"))));
            aws.sageMaker.addTags(b -> b.resourceArn(aws.sageMaker.describeEndpoint(d -> d.endpointName("kept")).endpointArn())
                    .tags(t -> t.key("workbench_input").value("model-v1")));
            invoke(aws, "kept", "id,smiles\n1,CCO\n");
            invoke(aws, "kept", "id,smiles\n2,CCN\n");
            SdkClients.await(() -> captured(aws).size() == 2, Duration.ofSeconds(10));
            List<JsonNode> records = captured(aws);
            JsonNode first = records.get(0);
            assertEquals("text/csv", first.path("captureData").path("endpointInput").path("observedContentType").asText());
            assertEquals("CSV", first.path("captureData").path("endpointInput").path("encoding").asText());
            assertTrue(first.path("captureData").path("endpointInput").path("data").asText().startsWith("id,smiles\n"));
            assertEquals("OUTPUT", first.path("captureData").path("endpointOutput").path("mode").asText());
            assertFalse(first.path("eventMetadata").path("inferenceTime").asText().isEmpty());
            String key = aws.s3.listObjectsV2(b -> b.bucket("capture").prefix("datacapture/")).contents().get(0).key();
            assertTrue(key.matches("datacapture/kept/AllTraffic/\\d{4}/\\d{2}/\\d{2}/\\d{2}/[^/]+\\.jsonl"), key);
        }
        try (LocalCloud cloud = start(); SdkClients aws = new SdkClients(cloud)) {
            assertEquals(EndpointStatus.IN_SERVICE, aws.sageMaker.describeEndpoint(b -> b.endpointName("kept")).endpointStatus());
            assertEquals("model-v1", aws.sageMaker.listTags(b -> b.resourceArn(
                    aws.sageMaker.describeEndpoint(d -> d.endpointName("kept")).endpointArn())).tags().get(0).value());
            assertEquals("AllTraffic", invoke(aws, "kept", "id,smiles\n3,CCC\n").invokedProductionVariant());
            SdkClients.await(() -> aws.sageMaker.describeEndpoint(b -> b.endpointName("kept")).productionVariants().get(0)
                    .currentInstanceCount() == 1, Duration.ofSeconds(10));
        }
    }

    private static List<JsonNode> captured(SdkClients aws) {
        List<S3Object> objects = aws.s3.listObjectsV2(b -> b.bucket("capture").prefix("datacapture/kept/")).contents();
        return objects.stream()
                .flatMap(o -> aws.s3.getObjectAsBytes(b -> b.bucket("capture").key(o.key())).asUtf8String().lines())
                .map(line -> Harness.parse(line.getBytes(StandardCharsets.UTF_8)))
                .toList();
    }

    @Test
    void commandContainerServesTheExampleModelServer() {
        try (LocalCloud cloud = start(); SdkClients aws = new SdkClients(cloud)) {
            aws.s3.createBucket(b -> b.bucket("models"));
            aws.s3.putObject(b -> b.bucket("models").key("scorer/model.tar.gz"),
                    RequestBody.fromBytes(ExampleServer.resource("scorer-model.tar.gz")));
            aws.sageMaker.createModel(b -> b.modelName("scorer").executionRoleArn("arn:aws:iam::000000000000:role/local")
                    .primaryContainer(c -> c.image("python3 " + ExampleServer.script())
                            .modelDataUrl("s3://models/scorer/model.tar.gz")));
            aws.sageMaker.createEndpointConfig(b -> b.endpointConfigName("scorer").productionVariants(v -> v
                    .variantName("AllTraffic").modelName("scorer").initialInstanceCount(1)));
            aws.sageMaker.createEndpoint(b -> b.endpointName("scorer").endpointConfigName("scorer"));
            SdkClients.await(() -> aws.sageMaker.describeEndpoint(b -> b.endpointName("scorer")).endpointStatus()
                    == EndpointStatus.IN_SERVICE, Duration.ofSeconds(30));
            InvokeEndpointResponse response = invoke(aws, "scorer", "smiles,name\nCCO,ethanol\nc1ccccc1,benzene\n");
            assertEquals("smiles,name,score,inference_error\nCCO,ethanol,1.5000,\nc1ccccc1,benzene,4.0000,\n",
                    response.body().asUtf8String());
            aws.sageMaker.deleteEndpoint(b -> b.endpointName("scorer"));
            SdkClients.await(() -> ProcessHandle.current().descendants()
                    .noneMatch(p -> p.info().commandLine().orElse("").contains("serve.py")), Duration.ofSeconds(40));
        }
    }
}
