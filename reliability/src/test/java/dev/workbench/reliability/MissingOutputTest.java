package dev.workbench.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.api.Cloud;
import dev.workbench.api.Endpoint;
import dev.workbench.api.Frame;
import dev.workbench.api.InferenceJob;
import dev.workbench.local.LocalCloud;
import dev.workbench.local.junit.LocalCloudExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A missing output is noticed in bounded time: the bucket the endpoint writes its outputs to is deleted mid-run
 * (by another client); the rows whose results can no longer arrive fail with an error naming the bucket within
 * seconds, not at the invocation deadline (an hour), and the rows finished before keep their results.
 */
class MissingOutputTest {
    static final int ROWS = 400;
    static final long BOUND_SECONDS = 90;

    @RegisterExtension
    static LocalCloudExtension local = LocalCloudExtension.fast();

    @TempDir
    Path data;

    @Test
    void theOutputBucketDeletedMidRunFailsTheRowsStillOutWithAClearErrorInBoundedTime() throws Exception {
        LocalCloud lc = local.cloud();
        String outputs = "wb-outputs-missing";
        String ep = "missing-output";
        // The endpoint is deployed with its outputs in a bucket of their own; the run stages its inputs elsewhere.
        Path deployerDir = Files.createDirectories(data.resolve("deployer"));
        try (Cloud deployer = Cloud.at(lc.endpoint(), s -> s.dataDir(deployerDir).bucket(outputs))) {
            Clouds.deployLatency(deployer, ep, Map.of("LATENCY_MS_PER_ROW", "20"), d -> d.maxConcurrent(2).minInstances(1));
        }
        try (Cloud cloud = Cloud.at(lc.endpoint(), s -> s.dataDir(data))) {
            Endpoint endpoint = cloud.endpoint(ep);
            Frame in = Rows.numbered(ROWS, "missing");
            InferenceJob job = endpoint.submit(in, o -> o.batchSize(10));
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (job.progress().rowsDone() < 40 && System.nanoTime() < until) {
                Thread.sleep(10);
            }
            int doneBefore = job.progress().rowsDone();
            assertTrue(doneBefore >= 40 && doneBefore < ROWS, "deleted mid-run: " + doneBefore + " rows done");
            deleteBucket(cloud.s3(), outputs);
            long deleted = System.nanoTime();
            System.out.println("MISSING: output bucket deleted with " + doneBefore + "/" + ROWS + " rows done");

            Frame out;
            try {
                out = job.future().get(BOUND_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                throw new AssertionError("the job failed instead of failing the rows: " + e.getCause(), e.getCause());
            }
            long seconds = (System.nanoTime() - deleted) / 1_000_000_000L;
            System.out.println("MISSING: finished " + seconds + " s after the deletion with " + out.errorCount() + " rows failed");
            Rows.assertSameRowsInOrder(in, out);
            assertTrue(out.errorCount() > 0, "rows whose outputs could not arrive failed");
            int good = 0;
            for (int i = 0; i < ROWS; i++) {
                String error = out.get(i, Frame.ERROR_COLUMN);
                if (error == null) {
                    assertEquals("20", out.get(i, "latency_ms"), "row " + i + " has its result");
                    good++;
                } else {
                    assertTrue(error.contains(outputs) && error.contains("no longer exists"), "row " + i + ": " + error);
                    assertNull(out.get(i, "latency_ms"), "a failed row has no result: row " + i);
                }
            }
            assertTrue(good >= doneBefore, "rows finished before the deletion keep their results: " + good);
        }
    }

    /**
     * Outputs deleted as they land (another client, a lifecycle rule) for a second mid-run: the batches whose
     * output vanished are noticed once the endpoint's queue has emptied and are invoked again (split), so the
     * run still ends with every row's answer, in bounded time instead of at the hour-long deadline.
     */
    @Test
    void outputsDeletedByAnotherClientAreNoticedAndInvokedAgainInBoundedTime() throws Exception {
        LocalCloud lc = local.cloud();
        String ep = "vanishing-output";
        int rows = 200;
        try (Cloud cloud = Cloud.at(lc.endpoint(), s -> s.dataDir(data))) {
            Endpoint endpoint = Clouds.deployLatency(cloud, ep, Map.of("LATENCY_MS_PER_ROW", "20"),
                    d -> d.maxConcurrent(2).minInstances(1));
            Frame in = Rows.numbered(rows, "vanishing");
            long invokesBefore = lc.stats().get("runtime.InvokeEndpointAsync");
            InferenceJob job = endpoint.submit(in, o -> o.batchSize(10));
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (job.progress().rowsDone() < 30 && System.nanoTime() < until) {
                Thread.sleep(10);
            }
            String prefix = "endpoints/" + ep + "/async-output/";
            int deleted = 0;
            long stop = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            while (System.nanoTime() < stop) {
                for (String key : Clouds.objectsUnder(cloud, prefix)) {
                    cloud.s3().deleteObject(b -> b.bucket(cloud.bucket()).key(key));
                    deleted++;
                }
            }
            long start = System.nanoTime();
            System.out.println("MISSING: " + deleted + " outputs deleted as they landed");
            assertTrue(deleted > 0, "some outputs were deleted");
            Frame out;
            try {
                out = job.future().get(BOUND_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                throw new AssertionError("the job failed: " + e.getCause(), e.getCause());
            }
            System.out.println("MISSING: finished " + (System.nanoTime() - start) / 1_000_000 + " ms after the deletions, "
                    + (lc.stats().get("runtime.InvokeEndpointAsync") - invokesBefore) + " invocations for " + rows / 10 + " batches");
            Rows.assertSameRowsInOrder(in, out);
            assertEquals(0, out.errorCount(), "every row has its answer after the lost batches were invoked again");
            for (int i = 0; i < rows; i++) {
                assertEquals("20", out.get(i, "latency_ms"), "row " + i);
            }
            assertTrue(lc.stats().get("runtime.InvokeEndpointAsync") - invokesBefore > rows / 10, "lost batches invoked again");
        }
    }

    /** Deletes the bucket as another client would: its objects, then the bucket (retried while outputs still land). */
    private static void deleteBucket(S3Client s3, String bucket) throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            List<String> keys = s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream()
                    .map(o -> o.key()).toList();
            for (String key : keys) {
                s3.deleteObject(b -> b.bucket(bucket).key(key));
            }
            try {
                s3.deleteBucket(b -> b.bucket(bucket));
                return;
            } catch (S3Exception notEmpty) {
                if (attempt > 50) {
                    throw notEmpty;
                }
                Thread.sleep(20);
            }
        }
    }
}
