package dev.workbench.local.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.workbench.local.LocalCloud;
import dev.workbench.local.junit.LocalCloudExtension;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

/**
 * A write racing a DeleteObjects of the last other object under the same prefix. The filesystem store
 * removes a folder once its last object is gone; a write that has just made sure the folder exists then
 * finds it missing. Every write, by the emulator (async outputs) or by a client (PutObject), must end up
 * stored. Each round starts the two at once with a random offset, so the writes sweep the delete's window.
 */
class WritesRacingDeletesTest {

    private static final int ROUNDS = 3000;
    private static final int PARALLEL = 4;
    private static final Duration BOUND = Duration.ofSeconds(60);

    @RegisterExtension
    static LocalCloudExtension cloud = LocalCloudExtension.fast();
    static S3Client s3;

    @BeforeAll
    static void client() {
        LocalCloud local = cloud.cloud();
        // No retries: a write refused once must show here, not be hidden by the SDK trying again.
        s3 = S3Client.builder().endpointOverride(URI.create(local.endpoint().toString())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .overrideConfiguration(ClientOverrideConfiguration.builder().retryStrategy(RetryMode.STANDARD)
                        .retryStrategy(b -> b.maxAttempts(1)).build())
                .forcePathStyle(true).build();
    }

    @AfterAll
    static void close() {
        s3.close();
    }

    /** How one round writes its object: the emulator's own store, or a client's PutObject. */
    private interface Writer {
        void write(String bucket, String key, byte[] body);
    }

    @Test
    void asyncOutputWritesSurviveDeletesOfTheLastObjectUnderTheirPrefix(LocalCloud local) throws Exception {
        // The store AsyncQueue writes outputs and failures through, on the very files the cloud serves.
        try (S3Backend backend = S3Backend.open(local.config().dataDir().resolve("s3"), "test", "test")) {
            var store = new BlobObjectStore(backend.blobStore());
            // In-process writes finish long before a delete sent over HTTP arrives: only a late write can meet it.
            race("emulator-writes", 0, 2_000_000, (bucket, key, body) -> store.put(bucket, key, body, "text/csv"));
        }
    }

    @Test
    void clientPutObjectsSurviveDeletesOfTheLastObjectUnderTheirPrefix() throws Exception {
        race("client-writes", -1_000_000, 1_000_000, (bucket, key, body) -> s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(body)));
    }

    private static void race(String bucket, long earliest, long latest, Writer writer) throws Exception {
        s3.createBucket(b -> b.bucket(bucket));
        long seed = new Random().nextLong();
        System.out.println("WritesRacingDeletesTest " + bucket + " seed " + seed);
        var failures = new ConcurrentLinkedQueue<String>();
        var written = new ConcurrentLinkedQueue<String>();
        long deadline = System.nanoTime() + BOUND.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL * 2);
        try {
            List<Future<?>> lanes = new ArrayList<>();
            for (int lane = 0; lane < PARALLEL; lane++) {
                int id = lane;
                Random random = new Random(seed + lane);
                lanes.add(pool.submit(() -> {
                    for (int round = id; round < ROUNDS && System.nanoTime() < deadline; round += PARALLEL) {
                        String prefix = "endpoints/e/async-output/" + round + "/";
                        String key = prefix + "batch-" + round + ".out";
                        byte[] body = ("row," + round + "\n").getBytes(StandardCharsets.UTF_8);
                        s3.putObject(b -> b.bucket(bucket).key(prefix + "previous.out"), RequestBody.fromString("old"));
                        // The write starts this many nanoseconds after the delete (before it when negative), so
                        // across the rounds it lands before, inside and after the delete.
                        long offset = random.nextLong(earliest, latest);
                        var barrier = new CyclicBarrier(2);
                        Future<?> delete = pool.submit(() -> {
                            await(barrier);
                            pause(-offset);
                            s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(
                                    ObjectIdentifier.builder().key(prefix + "previous.out").build())));
                            return null;
                        });
                        await(barrier);
                        pause(offset);
                        try {
                            writer.write(bucket, key, body);
                            written.add(key);
                        } catch (RuntimeException e) {
                            failures.add(key + " (offset " + offset / 1000 + " us): " + e);
                        }
                        delete.get(30, TimeUnit.SECONDS);
                    }
                    return null;
                }));
            }
            for (Future<?> lane : lanes) {
                lane.get(BOUND.toSeconds() + 60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> missing = written.stream().filter(key -> !exists(bucket, key)).toList();
        System.out.println("WritesRacingDeletesTest " + bucket + ": " + written.size() + " written, " + failures.size()
                + " refused, " + missing.size() + " missing");
        assertEquals(List.of(), List.copyOf(failures), "writes refused while a delete emptied their prefix (seed " + seed + ")");
        assertEquals(List.of(), missing, "writes reported done but not stored (seed " + seed + ")");
    }

    private static boolean exists(String bucket, String key) {
        return s3.listObjectsV2(b -> b.bucket(bucket).prefix(key)).contents().stream().anyMatch(o -> o.key().equals(key));
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the racing request never started", e);
        }
    }

    private static void pause(long nanos) {
        if (nanos > 0) {
            LockSupport.parkNanos(nanos);
        }
    }
}
