package dev.workbench.core.async;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.workbench.api.Cloud;
import dev.workbench.local.junit.LocalCloudExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** What the batch leases rest on: S3 (and local-cloud's s3proxy) refuses a create-if-absent of an existing key. */
class ConditionalPutTest {

    @RegisterExtension
    static LocalCloudExtension local = LocalCloudExtension.fast();

    @TempDir
    Path dataDir;

    @Test
    void aSecondCreateIfAbsentOfTheSameKeyIsRefusedWith412() {
        try (Cloud cloud = Cloud.at(local.cloud().endpoint(), s -> s.dataDir(dataDir))) {
            String bucket = cloud.bucket();
            String key = "endpoints/lease-test/async-input/x.csv";
            cloud.s3().putObject(b -> b.bucket(bucket).key(key).ifNoneMatch("*").metadata(java.util.Map.of("workbench-owner", "a")),
                    RequestBody.fromString("first"));
            S3Exception refused = assertThrows(S3Exception.class, () -> cloud.s3().putObject(
                    b -> b.bucket(bucket).key(key).ifNoneMatch("*"), RequestBody.fromString("second")));
            assertEquals(412, refused.statusCode());
            assertEquals("first", cloud.s3().getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String());
            assertEquals("a", cloud.s3().headObject(b -> b.bucket(bucket).key(key)).metadata().get("workbench-owner"));
            cloud.s3().deleteObject(b -> b.bucket(bucket).key(key));
            cloud.s3().putObject(b -> b.bucket(bucket).key(key).ifNoneMatch("*"), RequestBody.fromString("third"));
        }
    }
}
