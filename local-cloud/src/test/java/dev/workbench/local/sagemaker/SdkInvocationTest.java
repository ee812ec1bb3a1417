package dev.workbench.local.sagemaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.local.junit.LocalCloudExtension;
import dev.workbench.local.spi.FaultSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointAsyncResponse;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointResponse;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelErrorException;
import software.amazon.awssdk.services.sagemakerruntime.model.SageMakerRuntimeException;
import software.amazon.awssdk.services.sagemakerruntime.model.ValidationErrorException;

/** InvokeEndpoint and InvokeEndpointAsync through the real SDK clients, on the bundled models. */
class SdkInvocationTest {

    @RegisterExtension
    static LocalCloudExtension cloud = LocalCloudExtension.fast();
    static SdkClients aws;

    @BeforeAll
    static void setUp() {
        aws = new SdkClients(cloud.cloud());
        aws.s3.createBucket(b -> b.bucket("work"));
        aws.deploy("descriptors", "local/smiles-descriptors", Map.of(), c -> { });
        aws.deploy("conformers", "local/smiles-to-3d", Map.of(), c -> c.asyncInferenceConfig(a -> a
                .clientConfig(cc -> cc.maxConcurrentInvocationsPerInstance(1))
                .outputConfig(o -> o.s3OutputPath("s3://work/endpoints/conformers/async-output")
                        .s3FailurePath("s3://work/endpoints/conformers/async-failures"))));
    }

    @AfterAll
    static void tearDown() {
        aws.close();
    }

    @AfterEach
    void noFaults() {
        cloud.cloud().faults().set(FaultSettings.none());
    }

    private static InvokeEndpointResponse invoke(String endpoint, String csv) {
        return aws.runtime.invokeEndpoint(b -> b.endpointName(endpoint).contentType("text/csv").accept("text/csv")
                .body(SdkBytes.fromUtf8String(csv)));
    }

    private static String s3Text(String uri) {
        String path = uri.substring("s3://".length());
        int slash = path.indexOf('/');
        return aws.s3.getObjectAsBytes(b -> b.bucket(path.substring(0, slash)).key(path.substring(slash + 1))).asUtf8String();
    }

    private static boolean exists(String uri) {
        try {
            s3Text(uri);
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        }
    }

    @Test
    void syncInvocationOnSmilesDescriptors() {
        InvokeEndpointResponse response = invoke("descriptors", "name,smiles\naspirin,CC(=O)Oc1ccccc1C(=O)O\nbad,C1CC\n");
        assertEquals("AllTraffic", response.invokedProductionVariant());
        assertTrue(response.contentType().startsWith("text/csv"), response.contentType());
        List<String> lines = response.body().asUtf8String().lines().toList();
        assertEquals(3, lines.size());
        assertTrue(lines.get(0).startsWith("name,smiles,") && lines.get(0).endsWith(",inference_error"), lines.get(0));
        assertTrue(lines.get(1).contains(",180.1"), "aspirin weighs 180.16 g/mol: " + lines.get(1));
        assertTrue(lines.get(1).endsWith(","), "no row error for aspirin");
        assertFalse(lines.get(2).endsWith(","), "a row error for the unclosed ring: " + lines.get(2));

        ValidationErrorException missing = assertThrows(ValidationErrorException.class, () -> invoke("nope", "a\n1\n"));
        assertEquals("Endpoint nope of account 000000000000 not found.", missing.awsErrorDetails().errorMessage());
        assertThrows(ValidationErrorException.class, () -> invoke("conformers", "smiles\nCCO\n"),
                "an async endpoint accepts only async invocations");
    }

    @Test
    void asyncRoundTripOnSmilesTo3d() {
        aws.s3.putObject(b -> b.bucket("work").key("endpoints/conformers/async-input/batch-1.csv").contentType("text/csv"),
                RequestBody.fromString("name,smiles\nethanol,CCO\nbroken,C1CC\n"));
        InvokeEndpointAsyncResponse accepted = aws.runtime.invokeEndpointAsync(b -> b.endpointName("conformers")
                .inputLocation("s3://work/endpoints/conformers/async-input/batch-1.csv").contentType("text/csv").accept("text/csv")
                .inferenceId("batch-1").invocationTimeoutSeconds(3600));
        assertEquals("batch-1", accepted.inferenceId());
        assertEquals("s3://work/endpoints/conformers/async-output/batch-1.out", accepted.outputLocation());
        assertEquals("s3://work/endpoints/conformers/async-failures/batch-1-error.out", accepted.failureLocation());
        SdkClients.await(() -> exists(accepted.outputLocation()), Duration.ofSeconds(60));
        List<String> lines = s3Text(accepted.outputLocation()).lines().toList();
        assertEquals(3, lines.size(), "N rows in, N rows out");
        assertTrue(lines.get(0).startsWith("name,smiles,") && lines.get(0).endsWith("inference_error"), lines.get(0));
        assertTrue(lines.get(1).startsWith("ethanol,CCO,") && lines.get(1).endsWith(","), "ethanol gets 3D descriptors");
        assertTrue(lines.get(2).startsWith("broken,C1CC,") && !lines.get(2).endsWith(","), "a row error, not a failed batch");
        assertEquals(1, cloud.cloud().stats().inferenceCount("batch-1"));
        assertFalse(exists(accepted.failureLocation()));
    }

    @Test
    void missingInputBecomesAFailureObject() {
        InvokeEndpointAsyncResponse accepted = aws.runtime.invokeEndpointAsync(b -> b.endpointName("conformers")
                .inputLocation("s3://work/endpoints/conformers/async-input/gone.csv").contentType("text/csv"));
        assertFalse(accepted.inferenceId().isEmpty());
        SdkClients.await(() -> exists(accepted.failureLocation()), Duration.ofSeconds(30));
        assertTrue(s3Text(accepted.failureLocation()).contains("gone.csv"));
        SageMakerRuntimeException badTimeout = assertThrows(SageMakerRuntimeException.class, () -> aws.runtime
                .invokeEndpointAsync(b -> b.endpointName("conformers").inputLocation("s3://work/x.csv").invocationTimeoutSeconds(3601)));
        assertEquals(400, badTimeout.statusCode());
    }

    @Test
    void anOutputThatCannotBeWrittenLeavesTheFailureObjectInstead() {
        // An object named like the output folder: the filesystem store cannot put a folder of the same name beside it.
        aws.s3.putObject(b -> b.bucket("work").key("endpoints/blocked/async-output"), RequestBody.fromString("in the way"));
        aws.deploy("blocked", "local/smiles-to-3d", Map.of(), c -> c.asyncInferenceConfig(a -> a
                .outputConfig(o -> o.s3OutputPath("s3://work/endpoints/blocked/async-output")
                        .s3FailurePath("s3://work/endpoints/blocked/async-failures"))));
        aws.s3.putObject(b -> b.bucket("work").key("endpoints/blocked/async-input/batch.csv"), RequestBody.fromString("smiles\nCCO\n"));
        InvokeEndpointAsyncResponse accepted = aws.runtime.invokeEndpointAsync(b -> b.endpointName("blocked")
                .inputLocation("s3://work/endpoints/blocked/async-input/batch.csv").contentType("text/csv").inferenceId("batch"));
        SdkClients.await(() -> exists(accepted.failureLocation()), Duration.ofSeconds(30));
        String failure = s3Text(accepted.failureLocation());
        assertTrue(failure.contains("output could not be written to " + accepted.outputLocation()), failure);
        assertEquals(List.of("endpoints/blocked/async-output"), aws.s3.listObjectsV2(b -> b.bucket("work")
                .prefix("endpoints/blocked/async-output")).contents().stream().map(o -> o.key()).toList(), "no output object");
    }

    @Test
    void injectedThrottlingPoisonedRowsAndCrash() {
        cloud.cloud().faults().set(new FaultSettings(3, 0, 1.0, 0, Duration.ZERO));
        SageMakerRuntimeException throttled = assertThrows(SageMakerRuntimeException.class, () -> invoke("descriptors", "smiles\nCCO\n"));
        assertEquals(429, throttled.statusCode());
        assertEquals("ThrottlingException", throttled.awsErrorDetails().errorCode());
        SageMakerRuntimeException asyncThrottled = assertThrows(SageMakerRuntimeException.class, () -> aws.runtime
                .invokeEndpointAsync(b -> b.endpointName("conformers").inputLocation("s3://work/x.csv")));
        assertEquals(429, asyncThrottled.statusCode());

        cloud.cloud().faults().set(new FaultSettings(3, 0, 0, 0.3, Duration.ZERO));
        StringBuilder csv = new StringBuilder("smiles\n");
        String poisoned = null;
        for (int n = 1; n <= 40; n++) {
            String smiles = "C".repeat(n) + "O";
            csv.append(smiles).append('\n');
            if (poisoned == null && cloud.cloud().faults().poisonedRow(smiles)) {
                poisoned = smiles;
            }
        }
        assertTrue(poisoned != null, "with a 30% rate one of 40 rows is poisoned");
        String expected = poisoned;
        ModelErrorException modelError = assertThrows(ModelErrorException.class, () -> invoke("descriptors", csv.toString()));
        assertEquals(424, modelError.statusCode());
        assertTrue(modelError.awsErrorDetails().errorMessage().contains(expected), modelError.awsErrorDetails().errorMessage());
        assertEquals(400, modelError.originalStatusCode());
        assertTrue(modelError.logStreamArn().startsWith("arn:aws:logs:us-east-1:000000000000:log-group:/aws/sagemaker/Endpoints/descriptors"));

        cloud.cloud().faults().set(FaultSettings.none());
        cloud.cloud().faults().crashContainer("descriptors");
        ModelErrorException crashed = assertThrows(ModelErrorException.class, () -> invoke("descriptors", "smiles\nCCO\n"));
        assertEquals(500, crashed.originalStatusCode());
        // The dead instance is replaced after the cold start; the next invocation waits for it.
        assertEquals("AllTraffic", invoke("descriptors", "smiles\nCCO\n").invokedProductionVariant());
        assertEquals(1, aws.sageMaker.describeEndpoint(b -> b.endpointName("descriptors")).productionVariants().get(0)
                .currentInstanceCount());
    }

    @Test
    void payloadOverSixMegabytesIsRefused() {
        String big = "smiles\n" + "C\n".repeat(3_200_000);
        assertTrue(big.getBytes(StandardCharsets.UTF_8).length > RuntimeApi.MAX_SYNC_BODY);
        SageMakerRuntimeException tooBig = assertThrows(SageMakerRuntimeException.class, () -> invoke("descriptors", big));
        assertEquals(400, tooBig.statusCode());
    }
}
