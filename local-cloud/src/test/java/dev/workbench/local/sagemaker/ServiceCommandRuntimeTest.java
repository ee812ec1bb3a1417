package dev.workbench.local.sagemaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.local.http.AwsException;
import dev.workbench.local.http.AwsResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A user's model server run as a process: model data from S3, health check, invocations, stop on delete. */
class ServiceCommandRuntimeTest {

    @TempDir
    Path dir;
    Harness h;

    @BeforeEach
    void start() {
        h = new Harness(dir);
        h.objects.ensureBucket("models");
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private void deploy(String name, String image, String modelDataUrl) {
        h.call("CreateModel", "{\"ModelName\":\"" + name + "\",\"PrimaryContainer\":{\"Image\":\"" + image + "\","
                + "\"ModelDataUrl\":\"" + modelDataUrl + "\",\"Environment\":{\"GREETING\":\"hi\"}}}");
        h.call("CreateEndpointConfig", "{\"EndpointConfigName\":\"" + name + "\",\"ProductionVariants\":[{\"VariantName\":"
                + "\"AllTraffic\",\"ModelName\":\"" + name + "\",\"InitialInstanceCount\":1}]}");
        h.call("CreateEndpoint", "{\"EndpointName\":\"" + name + "\",\"EndpointConfigName\":\"" + name + "\"}");
    }

    @Test
    void pythonModelServerServesWithItsUnpackedModelData() throws Exception {
        h.objects.put("models", "scorer/model.tar.gz", ExampleServer.resource("scorer-model.tar.gz"), "application/gzip");
        deploy("scorer", "python3 " + ExampleServer.script(), "s3://models/scorer/model.tar.gz");
        assertEquals("InService", h.awaitStatus("scorer", Duration.ofSeconds(20)));

        AwsResponse response = h.invoke("scorer", "text/csv", "smiles,name\nCCO,ethanol\n,empty\n");
        assertEquals(200, response.status());
        assertEquals("smiles,name,score,inference_error\nCCO,ethanol,1.5000,\n,empty,,first column is empty\n",
                new String(response.body(), StandardCharsets.UTF_8));

        AwsException unsupported = assertThrows(AwsException.class, () -> h.invoke("scorer", "application/json", "{}"));
        assertEquals("ModelError", unsupported.code());
        assertEquals(415, unsupported.extraFields().get("OriginalStatusCode"));

        Path logs = dir.resolve("sagemaker/instances");
        try (var files = Files.list(logs)) {
            Path log = files.filter(p -> p.toString().endsWith(".log")).findFirst().orElseThrow();
            assertTrue(Files.readString(log).contains("listening on"), "the server's output goes to its log file");
        }

        h.call("DeleteEndpoint", "{\"EndpointName\":\"scorer\"}");
        Harness.await(() -> ProcessHandle.current().descendants()
                .noneMatch(p -> p.info().commandLine().orElse("").contains("serve.py")), Duration.ofSeconds(10));
    }

    @Test
    void containerThatNeverBecomesHealthyFailsTheEndpoint() {
        deploy("broken", "python3 " + dir.resolve("no-such-server.py"), "");
        assertEquals("Failed", h.awaitStatus("broken", Duration.ofSeconds(20)));
        String reason = h.call("DescribeEndpoint", "{\"EndpointName\":\"broken\"}").path("FailureReason").asText();
        assertTrue(reason.contains("exited with code"), reason);
    }
}
