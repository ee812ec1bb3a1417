package dev.workbench.bench;

import dev.workbench.api.Frame;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointAsyncResponse;

/**
 * The reference strategy, for side-by-side figures: a thread per in-flight batch, each polling S3 with a GET of
 * the output and then of the failure object (derived by rewriting the output key), sleeping 3 s, then x1.5, up
 * to 10 s between rounds. Inputs and outputs are deleted after each batch.
 */
final class BaselineClient {
    private static final Duration FIRST_WAIT = Duration.ofSeconds(3);
    private static final Duration MAX_WAIT = Duration.ofSeconds(10);

    private final S3Client s3;
    private final SageMakerRuntimeClient runtime;
    private final String bucket;

    BaselineClient(S3Client s3, SageMakerRuntimeClient runtime, String bucket) {
        this.s3 = s3;
        this.runtime = runtime;
        this.bucket = bucket;
    }

    /** Runs the frame in batches with at most {@code maxInFlight} threads; returns the rows received. */
    int run(String endpoint, Frame input, int batchSize, int maxInFlight) {
        return Batches.run(input, batchSize, maxInFlight, batch -> oneBatch(endpoint, batch));
    }

    private int oneBatch(String endpoint, Frame batch) throws InterruptedException {
        String inputKey = "endpoints/" + endpoint + "/async-input/" + UUID.randomUUID() + ".csv";
        s3.putObject(b -> b.bucket(bucket).key(inputKey).contentType("text/csv"),
                RequestBody.fromString(batch.toCsv(), StandardCharsets.UTF_8));
        InvokeEndpointAsyncResponse response = runtime.invokeEndpointAsync(b -> b.endpointName(endpoint)
                .inputLocation("s3://" + bucket + "/" + inputKey).contentType("text/csv").accept("text/csv")
                .invocationTimeoutSeconds(3600));
        String outputKey = keyOf(response.outputLocation());
        String failureKey = outputKey.replace("async-output", "async-failures").replace(".out", "-error.out");
        Duration wait = FIRST_WAIT;
        while (true) {
            Thread.sleep(wait.toMillis());
            String body = getOrNull(outputKey);
            if (body != null) {
                delete(inputKey, outputKey);
                return Frame.parseCsv(body).rowCount();
            }
            if (getOrNull(failureKey) != null) {
                delete(inputKey, failureKey);
                return batch.rowCount();
            }
            wait = Duration.ofMillis(Math.min(MAX_WAIT.toMillis(), (long) (wait.toMillis() * 1.5)));
        }
    }

    private String keyOf(String s3Uri) {
        String rest = s3Uri.substring("s3://".length());
        return rest.substring(rest.indexOf('/') + 1);
    }

    private @Nullable String getOrNull(String key) {
        try {
            return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String();
        } catch (NoSuchKeyException e) {
            return null;
        }
    }

    private void delete(String... keys) {
        for (String key : keys) {
            s3.deleteObject(b -> b.bucket(bucket).key(key));
        }
    }
}
