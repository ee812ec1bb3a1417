package dev.workbench.local.sagemaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.local.junit.LocalCloudExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointConfigResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelResponse;
import software.amazon.awssdk.services.sagemaker.model.EndpointSortKey;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.model.ListEndpointsResponse;
import software.amazon.awssdk.services.sagemaker.model.ListTagsResponse;
import software.amazon.awssdk.services.sagemaker.model.OrderKey;
import software.amazon.awssdk.services.sagemaker.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/** Every SageMaker control-plane operation through the real SDK client, with paging, filters and errors. */
class SdkControlPlaneTest {

    @RegisterExtension
    static LocalCloudExtension cloud = LocalCloudExtension.fast();
    static SdkClients aws;

    @BeforeAll
    static void clients() {
        aws = new SdkClients(cloud.cloud());
    }

    @AfterAll
    static void closeClients() {
        aws.close();
    }

    @Test
    void modelsConfigsEndpointsAndTags() {
        var sm = aws.sageMaker;
        String modelArn = sm.createModel(b -> b.modelName("Echo-Model").executionRoleArn("arn:aws:iam::000000000000:role/r")
                .primaryContainer(c -> c.image("local/latency").environment(Map.of("LATENCY_MS_PER_ROW", "0")))
                .tags(Tag.builder().key("team").value("chem").build())).modelArn();
        assertEquals("arn:aws:sagemaker:us-east-1:000000000000:model/echo-model", modelArn);
        DescribeModelResponse model = sm.describeModel(b -> b.modelName("Echo-Model"));
        assertEquals("local/latency", model.primaryContainer().image());
        assertEquals("0", model.primaryContainer().environment().get("LATENCY_MS_PER_ROW"));
        assertTrue(Math.abs(model.creationTime().getEpochSecond() - Instant.now().getEpochSecond()) < 60);
        assertEquals(1, sm.listModels(b -> b.nameContains("echo")).models().size());
        SageMakerException dupModel = assertThrows(SageMakerException.class, () -> sm.createModel(b -> b.modelName("Echo-Model")
                .executionRoleArn("arn:aws:iam::000000000000:role/r").primaryContainer(c -> c.image("local/latency"))));
        assertEquals("ValidationException", dupModel.awsErrorDetails().errorCode());

        String configArn = sm.createEndpointConfig(b -> b.endpointConfigName("echo-config").kmsKeyId("key-1")
                .productionVariants(v -> v.variantName("AllTraffic").modelName("Echo-Model").initialInstanceCount(1)
                        .instanceType("ml.c7i.xlarge").initialVariantWeight(1.0f))
                .asyncInferenceConfig(a -> a.clientConfig(c -> c.maxConcurrentInvocationsPerInstance(2))
                        .outputConfig(o -> o.s3OutputPath("s3://bucket/out").s3FailurePath("s3://bucket/failed")))
                .dataCaptureConfig(d -> d.enableCapture(true).initialSamplingPercentage(50).destinationS3Uri("s3://bucket/capture")
                        .captureOptions(o -> o.captureMode("Input")))).endpointConfigArn();
        assertEquals("arn:aws:sagemaker:us-east-1:000000000000:endpoint-config/echo-config", configArn);
        DescribeEndpointConfigResponse config = sm.describeEndpointConfig(b -> b.endpointConfigName("echo-config"));
        assertEquals("key-1", config.kmsKeyId());
        assertEquals(2, config.asyncInferenceConfig().clientConfig().maxConcurrentInvocationsPerInstance());
        assertEquals("s3://bucket/failed", config.asyncInferenceConfig().outputConfig().s3FailurePath());
        assertEquals(50, config.dataCaptureConfig().initialSamplingPercentage());
        assertEquals("ml.c7i.xlarge", config.productionVariants().get(0).instanceTypeAsString());
        SageMakerException dupConfig = assertThrows(SageMakerException.class, () -> sm.createEndpointConfig(b -> b
                .endpointConfigName("echo-config").productionVariants(v -> v.variantName("v").modelName("Echo-Model")
                        .initialInstanceCount(1))));
        assertEquals("Cannot create already existing endpoint configuration \"" + configArn + "\".",
                dupConfig.awsErrorDetails().errorMessage());
        assertThrows(ResourceNotFoundException.class, () -> sm.createEndpointConfig(b -> b.endpointConfigName("other")
                .productionVariants(v -> v.variantName("v").modelName("no-such-model").initialInstanceCount(1))));

        for (String name : List.of("ep-b", "ep-a", "ep-c")) {
            sm.createEndpoint(b -> b.endpointName(name).endpointConfigName("echo-config")
                    .tags(Tag.builder().key("async_endpoint").value("true").build()));
        }
        assertEquals(EndpointStatus.CREATING, sm.describeEndpoint(b -> b.endpointName("ep-a")).endpointStatus());
        SdkClients.await(() -> sm.listEndpoints(b -> b.statusEquals(EndpointStatus.IN_SERVICE)).endpoints().size() == 3,
                Duration.ofSeconds(30));
        DescribeEndpointResponse ep = sm.describeEndpoint(b -> b.endpointName("ep-a"));
        assertEquals("arn:aws:sagemaker:us-east-1:000000000000:endpoint/ep-a", ep.endpointArn());
        assertEquals("echo-config", ep.endpointConfigName());
        assertEquals(1, ep.productionVariants().get(0).currentInstanceCount());
        assertEquals(1, ep.productionVariants().get(0).desiredInstanceCount());
        assertEquals("s3://bucket/out", ep.asyncInferenceConfig().outputConfig().s3OutputPath());
        assertTrue(ep.dataCaptureConfig().enableCapture());

        List<String> names = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String next = token;
            ListEndpointsResponse page = sm.listEndpoints(b -> b.maxResults(2).sortBy(EndpointSortKey.NAME)
                    .sortOrder(OrderKey.ASCENDING).nextToken(next));
            page.endpoints().forEach(e -> names.add(e.endpointName()));
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertEquals(List.of("ep-a", "ep-b", "ep-c"), names);
        assertEquals(2, pages);
        assertEquals("ep-c", sm.listEndpoints(b -> b.sortBy(EndpointSortKey.NAME).sortOrder(OrderKey.DESCENDING))
                .endpoints().get(0).endpointName());
        assertEquals(List.of("ep-b"), sm.listEndpoints(b -> b.nameContains("B")).endpoints().stream()
                .map(e -> e.endpointName()).toList());
        SageMakerException badMax = assertThrows(SageMakerException.class, () -> sm.listEndpoints(b -> b.maxResults(101)));
        assertEquals(400, badMax.statusCode());

        SageMakerException missing = assertThrows(SageMakerException.class, () -> sm.describeEndpoint(b -> b.endpointName("Ghost")));
        assertEquals("ValidationException", missing.awsErrorDetails().errorCode());
        assertEquals("Could not find endpoint \"arn:aws:sagemaker:us-east-1:000000000000:endpoint/ghost\".",
                missing.awsErrorDetails().errorMessage());
        SageMakerException dup = assertThrows(SageMakerException.class, () -> sm.createEndpoint(b -> b.endpointName("ep-a")
                .endpointConfigName("echo-config")));
        assertEquals("Cannot create already existing endpoint \"" + ep.endpointArn() + "\".", dup.awsErrorDetails().errorMessage());
        SageMakerException badName = assertThrows(SageMakerException.class, () -> sm.createEndpoint(b -> b.endpointName("no_underscores")
                .endpointConfigName("echo-config")));
        assertEquals("ValidationException", badName.awsErrorDetails().errorCode());

        sm.addTags(b -> b.resourceArn(ep.endpointArn()).tags(Tag.builder().key("workbench_tags").value("a::b").build()));
        ListTagsResponse tags = sm.listTags(b -> b.resourceArn(ep.endpointArn()).maxResults(50));
        assertEquals(Map.of("async_endpoint", "true", "workbench_tags", "a::b"),
                tags.tags().stream().collect(java.util.stream.Collectors.toMap(Tag::key, Tag::value)));
        assertNull(tags.nextToken());
        sm.deleteTags(b -> b.resourceArn(ep.endpointArn()).tagKeys("async_endpoint"));
        assertEquals(1, sm.listTags(b -> b.resourceArn(ep.endpointArn())).tags().size());
        assertEquals("chem", sm.listTags(b -> b.resourceArn(modelArn)).tags().get(0).value());

        sm.updateEndpointWeightsAndCapacities(b -> b.endpointName("ep-a")
                .desiredWeightsAndCapacities(d -> d.variantName("AllTraffic").desiredInstanceCount(2)));
        SdkClients.await(() -> sm.describeEndpoint(b -> b.endpointName("ep-a")).productionVariants().get(0)
                .currentInstanceCount() == 2, Duration.ofSeconds(10));

        sm.createEndpointConfig(b -> b.endpointConfigName("echo-config-2").productionVariants(v -> v.variantName("Blue")
                .modelName("Echo-Model").initialInstanceCount(1)));
        sm.updateEndpoint(b -> b.endpointName("ep-b").endpointConfigName("echo-config-2"));
        SdkClients.await(() -> sm.describeEndpoint(b -> b.endpointName("ep-b")).endpointStatus() == EndpointStatus.IN_SERVICE
                && sm.describeEndpoint(b -> b.endpointName("ep-b")).productionVariants().get(0).variantName().equals("Blue"),
                Duration.ofSeconds(10));
        assertEquals("echo-config-2", sm.describeEndpoint(b -> b.endpointName("ep-b")).endpointConfigName());

        sm.deleteEndpoint(b -> b.endpointName("ep-c"));
        assertThrows(SageMakerException.class, () -> sm.describeEndpoint(b -> b.endpointName("ep-c")));
        sm.deleteEndpointConfig(b -> b.endpointConfigName("echo-config-2"));
        assertThrows(SageMakerException.class, () -> sm.describeEndpointConfig(b -> b.endpointConfigName("echo-config-2")));
        sm.deleteModel(b -> b.modelName("Echo-Model"));
        assertThrows(SageMakerException.class, () -> sm.describeModel(b -> b.modelName("Echo-Model")));
        assertNotNull(sm.describeEndpoint(b -> b.endpointName("ep-a")), "a running endpoint keeps its model snapshot");
        assertTrue(cloud.cloud().stats().get("sagemaker.CreateEndpoint") >= 3);
    }
}
