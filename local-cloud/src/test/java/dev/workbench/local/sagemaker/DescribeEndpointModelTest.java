package dev.workbench.local.sagemaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.workbench.local.ModelMembers;
import dev.workbench.local.junit.LocalCloudExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;

/** DescribeEndpoint answers only members of SageMaker's model, and the capture's KMS key when one is set. */
class DescribeEndpointModelTest {

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
    void realtimeAsyncAndServerlessAnswersHoldOnlyModelMembers() {
        aws.s3.createBucket(b -> b.bucket("described"));
        aws.deploy("realtime-kms", "local/latency", Map.of("LATENCY_MS_PER_ROW", "0"), c -> c
                .dataCaptureConfig(d -> d.enableCapture(true).initialSamplingPercentage(20)
                        .destinationS3Uri("s3://described/capture").kmsKeyId("alias/capture-key")
                        .captureOptions(o -> o.captureMode("Input"))));
        aws.deploy("async-described", "local/latency", Map.of("LATENCY_MS_PER_ROW", "0"), c -> c
                .asyncInferenceConfig(a -> a.clientConfig(x -> x.maxConcurrentInvocationsPerInstance(2))
                        .outputConfig(o -> o.s3OutputPath("s3://described/out").s3FailurePath("s3://described/failed"))));
        var sm = aws.sageMaker;
        sm.createModel(b -> b.modelName("serverless-described").executionRoleArn("arn:aws:iam::000000000000:role/local")
                .primaryContainer(c -> c.image("local/latency")));
        sm.createEndpointConfig(b -> b.endpointConfigName("serverless-described").productionVariants(v -> v
                .variantName("AllTraffic").modelName("serverless-described")
                .serverlessConfig(s -> s.memorySizeInMB(2048).maxConcurrency(2))));
        sm.createEndpoint(b -> b.endpointName("serverless-described").endpointConfigName("serverless-described"));
        SdkClients.await(() -> sm.describeEndpoint(b -> b.endpointName("serverless-described")).endpointStatus()
                == EndpointStatus.IN_SERVICE, java.time.Duration.ofSeconds(60));

        for (String name : List.of("realtime-kms", "async-described", "serverless-described")) {
            var raw = ModelMembers.call(cloud.cloud(), "sagemaker", "SageMaker.DescribeEndpoint",
                    "{\"EndpointName\":\"" + name + "\"}");
            assertEquals(List.of(), ModelMembers.unknown(raw, DescribeEndpointResponse.builder().build()),
                    name + " answered " + raw);
        }

        DescribeEndpointResponse kms = sm.describeEndpoint(b -> b.endpointName("realtime-kms"));
        assertEquals("alias/capture-key", kms.dataCaptureConfig().kmsKeyId());
        assertEquals(20, kms.dataCaptureConfig().currentSamplingPercentage());
        assertEquals("s3://described/capture", kms.dataCaptureConfig().destinationS3Uri());
        assertNull(sm.describeEndpoint(b -> b.endpointName("async-described")).dataCaptureConfig());
        assertEquals(1, kms.productionVariants().get(0).currentInstanceCount());
    }
}
