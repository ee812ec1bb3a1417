package dev.workbench.local.sagemaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.local.http.AwsException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The control plane's JSON 1.1 answers and errors, driven with the bodies the SDK sends. */
class ServiceControlPlaneTest {

    @TempDir
    Path dir;
    Harness h;

    @BeforeEach
    void start() {
        h = new Harness(dir);
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void endpointLifecycleWithArnsPagingAndErrors() {
        h.createModel("Echo", "local/latency", "{\"LATENCY_MS_PER_ROW\":\"0\"}");
        JsonNode model = h.call("DescribeModel", "{\"ModelName\":\"Echo\"}");
        assertEquals("arn:aws:sagemaker:us-east-1:000000000000:model/echo", model.path("ModelArn").asText());
        assertTrue(model.path("CreationTime").isNumber());

        AwsException duplicate = assertThrows(AwsException.class,
                () -> h.createModel("Echo", "local/latency", "{}"));
        assertEquals("ValidationException", duplicate.code());
        assertEquals("Cannot create already existing model \"arn:aws:sagemaker:us-east-1:000000000000:model/echo\".",
                duplicate.getMessage());

        JsonNode config = h.call("CreateEndpointConfig", "{\"EndpointConfigName\":\"echo-config\",\"KmsKeyId\":\"k1\","
                + "\"ProductionVariants\":[{\"VariantName\":\"AllTraffic\",\"ModelName\":\"Echo\",\"InitialInstanceCount\":1,"
                + "\"InstanceType\":\"ml.m5.large\"}]}");
        assertEquals("arn:aws:sagemaker:us-east-1:000000000000:endpoint-config/echo-config",
                config.path("EndpointConfigArn").asText());
        assertEquals("k1", h.call("DescribeEndpointConfig", "{\"EndpointConfigName\":\"echo-config\"}").path("KmsKeyId").asText());

        for (int i = 0; i < 3; i++) {
            h.call("CreateEndpoint", "{\"EndpointName\":\"ep-" + i + "\",\"EndpointConfigName\":\"echo-config\","
                    + "\"Tags\":[{\"Key\":\"n\",\"Value\":\"" + i + "\"}]}");
        }
        assertEquals("Creating", h.status("ep-0"));
        assertEquals("InService", h.awaitStatus("ep-0", Duration.ofSeconds(10)));
        JsonNode described = h.call("DescribeEndpoint", "{\"EndpointName\":\"ep-0\"}");
        assertEquals(1, described.path("ProductionVariants").get(0).path("CurrentInstanceCount").asInt());
        assertEquals(1, described.path("ProductionVariants").get(0).path("DesiredInstanceCount").asInt());

        List<String> names = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            JsonNode page = h.call("ListEndpoints", "{\"MaxResults\":2,\"SortBy\":\"Name\",\"SortOrder\":\"Ascending\""
                    + (token == null ? "" : ",\"NextToken\":\"" + token + "\"") + "}");
            page.path("Endpoints").forEach(e -> names.add(e.path("EndpointName").asText()));
            token = page.path("NextToken").isMissingNode() ? null : page.path("NextToken").asText();
            pages++;
        } while (token != null);
        assertEquals(List.of("ep-0", "ep-1", "ep-2"), names);
        assertEquals(2, pages);
        assertEquals(1, h.call("ListEndpoints", "{\"NameContains\":\"P-2\"}").path("Endpoints").size());

        AwsException badMax = assertThrows(AwsException.class, () -> h.call("ListEndpoints", "{\"MaxResults\":0}"));
        assertEquals("ValidationException", badMax.code());
        AwsException badToken = assertThrows(AwsException.class, () -> h.call("ListEndpoints", "{\"NextToken\":\"garbage\"}"));
        assertEquals("ValidationException", badToken.code());
        AwsException badSort = assertThrows(AwsException.class, () -> h.call("ListModels", "{\"SortBy\":\"Status\"}"));
        assertTrue(badSort.getMessage().contains("sortBy"), badSort.getMessage());
        assertEquals("ep-2", h.call("ListEndpoints", "{}").path("Endpoints").get(0).path("EndpointName").asText(),
                "newest first by default (CreationTime, Descending)");
        AwsException malformed = assertThrows(AwsException.class, () -> h.call("ListEndpoints", "{not json"));
        assertEquals("SerializationException", malformed.code());

        AwsException missing = assertThrows(AwsException.class, () -> h.call("DescribeEndpoint", "{\"EndpointName\":\"Nope\"}"));
        assertEquals("Could not find endpoint \"arn:aws:sagemaker:us-east-1:000000000000:endpoint/nope\".", missing.getMessage());
        AwsException again = assertThrows(AwsException.class, () -> h.call("CreateEndpoint",
                "{\"EndpointName\":\"ep-0\",\"EndpointConfigName\":\"echo-config\"}"));
        assertEquals("Cannot create already existing endpoint \"arn:aws:sagemaker:us-east-1:000000000000:endpoint/ep-0\".",
                again.getMessage());
        AwsException badName = assertThrows(AwsException.class, () -> h.call("CreateEndpoint",
                "{\"EndpointName\":\"bad_name\",\"EndpointConfigName\":\"echo-config\"}"));
        assertTrue(badName.getMessage().contains("regular expression pattern"), badName.getMessage());
        AwsException noModel = assertThrows(AwsException.class, () -> h.call("CreateEndpointConfig",
                "{\"EndpointConfigName\":\"c2\",\"ProductionVariants\":[{\"VariantName\":\"v\",\"ModelName\":\"ghost\","
                        + "\"InitialInstanceCount\":1}]}"));
        assertEquals("ResourceNotFound", noModel.code());
        AwsException unknown = assertThrows(AwsException.class, () -> h.call("CreateTrainingJob", "{}"));
        assertEquals("UnknownOperationException", unknown.code());
        assertTrue(unknown.getMessage().contains("CreateTrainingJob"));

        String arn = described.path("EndpointArn").asText();
        h.call("AddTags", "{\"ResourceArn\":\"" + arn + "\",\"Tags\":[{\"Key\":\"async_endpoint\",\"Value\":\"true\"}]}");
        JsonNode tags = h.call("ListTags", "{\"ResourceArn\":\"" + arn + "\"}");
        assertEquals(2, tags.path("Tags").size());
        h.call("DeleteTags", "{\"ResourceArn\":\"" + arn + "\",\"TagKeys\":[\"n\"]}");
        assertEquals("async_endpoint", h.call("ListTags", "{\"ResourceArn\":\"" + arn + "\"}").path("Tags").get(0).path("Key").asText());

        h.call("UpdateEndpointWeightsAndCapacities", "{\"EndpointName\":\"ep-0\",\"DesiredWeightsAndCapacities\":"
                + "[{\"VariantName\":\"AllTraffic\",\"DesiredInstanceCount\":2}]}");
        Harness.await(() -> h.service.capacity("ep-0", "AllTraffic").orElseThrow().current() == 2, Duration.ofSeconds(10));

        h.call("DeleteEndpoint", "{\"EndpointName\":\"ep-0\"}");
        assertFalse(h.service.capacity("ep-0", "AllTraffic").isPresent());
        assertEquals(2, h.call("ListEndpoints", "{}").path("Endpoints").size());
        h.call("DeleteEndpointConfig", "{\"EndpointConfigName\":\"echo-config\"}");
        h.call("DeleteModel", "{\"ModelName\":\"Echo\"}");
        assertEquals(0, h.call("ListModels", "{}").path("Models").size());
        assertEquals(1, h.stats.get("sagemaker.DeleteModel"));
    }

    @Test
    void unknownLocalModelFailsTheEndpointNamingKnownModels() {
        h.createModel("ghost", "local/no-such-model", "{}");
        h.call("CreateEndpointConfig", "{\"EndpointConfigName\":\"g\",\"ProductionVariants\":[{\"VariantName\":\"v\","
                + "\"ModelName\":\"ghost\",\"InitialInstanceCount\":1}]}");
        h.call("CreateEndpoint", "{\"EndpointName\":\"g\",\"EndpointConfigName\":\"g\"}");
        assertEquals("Failed", h.awaitStatus("g", Duration.ofSeconds(10)));
        String reason = h.call("DescribeEndpoint", "{\"EndpointName\":\"g\"}").path("FailureReason").asText();
        assertTrue(reason.contains("latency") && reason.contains("smiles-descriptors"), reason);
    }
}
