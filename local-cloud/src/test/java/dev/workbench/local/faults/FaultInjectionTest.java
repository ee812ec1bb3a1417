package dev.workbench.local.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.local.LocalCloud;
import dev.workbench.local.spi.FaultSettings;
import dev.workbench.local.spi.Timing;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

class FaultInjectionTest {

    private static final long SEED = 20261124L;

    @Test
    void s3SlowDownRateRoughlyHoldsAndReplaysWithTheSameSeed(@TempDir Path dataDir) {
        try (LocalCloud cloud = LocalCloud.start(b -> b.dataDir(dataDir).timing(Timing.fast()));
             S3Client s3 = noRetries(cloud.endpoint())) {
            s3.createBucket(b -> b.bucket("faults"));
            s3.putObject(b -> b.bucket("faults").key("k"), RequestBody.fromString("v"));
            cloud.faults().set(new FaultSettings(SEED, 0.2, 0, 0, Duration.ZERO));
            List<Boolean> first = outcomes(s3, 200);
            long slowDowns = first.stream().filter(b -> b).count();
            System.out.println("seed " + SEED + ": " + slowDowns + " of 200 S3 requests answered 503 SlowDown");
            assertTrue(slowDowns >= 20 && slowDowns <= 60, "about 20% of 200: " + slowDowns);
            assertEquals(slowDowns, cloud.stats().get("s3.SlowDown"));

            cloud.faults().set(new FaultSettings(SEED, 0.2, 0, 0, Duration.ZERO));
            assertEquals(first, outcomes(s3, 200), "same seed, same sequence");

            cloud.faults().set(FaultSettings.none());
            assertTrue(outcomes(s3, 20).stream().noneMatch(b -> b));
        }
    }

    @Test
    void poisonedRowsAreAPureFunctionOfSeedAndRow() {
        SeededFaultInjector a = new SeededFaultInjector(new FaultSettings(1, 0, 0, 0.1, Duration.ZERO));
        SeededFaultInjector b = new SeededFaultInjector(new FaultSettings(1, 0, 0, 0.1, Duration.ZERO));
        SeededFaultInjector otherSeed = new SeededFaultInjector(new FaultSettings(2, 0, 0, 0.1, Duration.ZERO));
        List<Boolean> first = new ArrayList<>();
        List<Boolean> other = new ArrayList<>();
        int poisoned = 0;
        for (int i = 0; i < 2000; i++) {
            String row = "mol-" + i + ",CCO";
            boolean p = a.poisonedRow(row);
            assertEquals(p, b.poisonedRow(row));
            assertEquals(p, a.poisonedRow(row), "asking again gives the same answer");
            first.add(p);
            other.add(otherSeed.poisonedRow(row));
            poisoned += p ? 1 : 0;
        }
        assertTrue(poisoned > 140 && poisoned < 260, "about 10% of 2000: " + poisoned);
        assertNotEquals(first, other);
    }

    @Test
    void containerCrashIsTakenOnce() {
        SeededFaultInjector faults = new SeededFaultInjector(FaultSettings.none());
        faults.crashContainer("ep");
        assertTrue(faults.takeContainerCrash("ep"));
        assertTrue(!faults.takeContainerCrash("ep"));
    }

    @Test
    void settingsComeFromTheDataDirectoryFaultsFileAndBadFilesAreRefused(@TempDir Path dataDir) throws Exception {
        Files.writeString(dataDir.resolve("faults.json"),
                "{\"seed\":9,\"s3SlowDownRate\":0.05,\"throttleRate\":0.05,\"modelErrorRate\":0.01,\"addedLatencyMs\":15}");
        try (LocalCloud cloud = LocalCloud.start(b -> b.dataDir(dataDir).timing(Timing.fast()))) {
            assertEquals(new FaultSettings(9, 0.05, 0.05, 0.01, Duration.ofMillis(15)), cloud.faults().settings());
        }
        assertThrows(IllegalArgumentException.class, () -> FaultsFile.parse("{\"s3SlowDownRate\":1.5}"));
        assertThrows(IllegalArgumentException.class, () -> FaultsFile.parse("{\"s3SlowdownRate\":0.1}"));
        assertThrows(IllegalArgumentException.class, () -> FaultsFile.parse("not json"));
    }

    private static List<Boolean> outcomes(S3Client s3, int n) {
        List<Boolean> slowDown = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            try {
                s3.getObjectAsBytes(b -> b.bucket("faults").key("k"));
                slowDown.add(false);
            } catch (S3Exception e) {
                assertEquals(503, e.statusCode());
                assertEquals("SlowDown", e.awsErrorDetails().errorCode());
                slowDown.add(true);
            }
        }
        return slowDown;
    }

    private static S3Client noRetries(URI endpoint) {
        return S3Client.builder().endpointOverride(endpoint).forcePathStyle(true).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD).retryStrategy(r -> r.maxAttempts(1))).build();
    }
}
