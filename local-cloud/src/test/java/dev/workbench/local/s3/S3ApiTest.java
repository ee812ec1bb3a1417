package dev.workbench.local.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.local.LocalCloud;
import dev.workbench.local.TestClients;
import dev.workbench.local.junit.LocalCloudExtension;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

class S3ApiTest {

    @RegisterExtension
    static LocalCloudExtension cloud = LocalCloudExtension.fast();
    static TestClients aws;
    static S3Client s3;

    @BeforeAll
    static void clients() {
        aws = new TestClients(cloud.cloud());
        s3 = aws.s3;
    }

    @AfterAll
    static void close() {
        aws.close();
    }

    @Test
    void invalidBucketNamesAreRefusedAsS3Does() throws Exception {
        // The Java SDK refuses most of these names itself; other clients (boto3, the CLI, JavaScript) send them.
        String emptySha = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        for (String name : new String[] {"Bad_Bucket", "ab", "a..b", "192.168.1.1", "-dash", "xn--punycode",
                "x".repeat(64), "ends-s3alias"}) {
            var r = TestClients.signed(cloud.cloud().endpoint(), "s3", "PUT", "/" + name,
                    java.util.Map.of("x-amz-content-sha256", emptySha), new byte[0], "test");
            assertEquals(400, r.statusCode(), name + ": " + r.body());
            assertTrue(r.body().contains("<Code>InvalidBucketName</Code>"), name + ": " + r.body());
            assertFalse(s3.listBuckets().buckets().stream().anyMatch(b -> b.name().equalsIgnoreCase(name)), name);
        }
        s3.createBucket(b -> b.bucket("good.bucket-1"));
        s3.headBucket(b -> b.bucket("good.bucket-1"));
        if (TestClients.awsCliInstalled()) {
            TestClients.CliResult r = TestClients.awsCli(cloud.cloud().endpoint(), "s3api", "create-bucket", "--bucket", "Bad_Bucket");
            assertTrue(r.exit() != 0 && r.output().contains("InvalidBucketName"), "aws s3api create-bucket: " + r.output());
        }
    }

    @Test
    void putGetRangeHeadDelete() {
        s3.createBucket(b -> b.bucket("objects"));
        s3.headBucket(b -> b.bucket("objects"));
        s3.putObject(b -> b.bucket("objects").key("a/b.txt").contentType("text/plain"), RequestBody.fromString("hello, world"));

        ResponseBytes<GetObjectResponse> whole = s3.getObjectAsBytes(b -> b.bucket("objects").key("a/b.txt"));
        assertEquals("hello, world", whole.asUtf8String());
        assertEquals("text/plain", whole.response().contentType());

        ResponseBytes<GetObjectResponse> range = s3.getObjectAsBytes(b -> b.bucket("objects").key("a/b.txt").range("bytes=7-11"));
        assertEquals("world", range.asUtf8String());
        assertEquals("bytes 7-11/12", range.response().contentRange());

        var head = s3.headObject(b -> b.bucket("objects").key("a/b.txt"));
        assertEquals(12L, head.contentLength());
        assertTrue(head.eTag().startsWith("\""), "ETag is quoted: " + head.eTag());

        s3.deleteObject(b -> b.bucket("objects").key("a/b.txt"));
        assertThrows(NoSuchKeyException.class, () -> s3.headObject(b -> b.bucket("objects").key("a/b.txt")));
        assertThrows(NoSuchKeyException.class, () -> s3.getObjectAsBytes(b -> b.bucket("objects").key("a/b.txt")));
        assertThrows(NoSuchBucketException.class, () -> s3.headBucket(b -> b.bucket("no-such-bucket")));
    }

    @Test
    void listV2WithPrefixDelimiterAndContinuation() {
        s3.createBucket(b -> b.bucket("listing"));
        for (int i = 0; i < 7; i++) {
            String key = "data/part-" + i + ".csv";
            s3.putObject(b -> b.bucket("listing").key(key), RequestBody.fromString("x"));
        }
        s3.putObject(b -> b.bucket("listing").key("data/sub/one.csv"), RequestBody.fromString("y"));
        s3.putObject(b -> b.bucket("listing").key("other.txt"), RequestBody.fromString("z"));

        ListObjectsV2Response folders = s3.listObjectsV2(b -> b.bucket("listing").prefix("data/").delimiter("/"));
        assertEquals(7, folders.contents().size());
        assertEquals(List.of("data/sub/"), folders.commonPrefixes().stream().map(p -> p.prefix()).toList());

        List<String> keys = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String t = token;
            ListObjectsV2Response page = s3.listObjectsV2(b -> b.bucket("listing").prefix("data/").maxKeys(3).continuationToken(t));
            page.contents().stream().map(S3Object::key).forEach(keys::add);
            token = page.nextContinuationToken();
            pages++;
        } while (token != null);
        assertEquals(8, keys.size());
        assertTrue(pages >= 3, "paged in 3s: " + pages);
        assertEquals(keys.stream().sorted().toList(), keys);
    }

    @Test
    void batchDelete() {
        s3.createBucket(b -> b.bucket("batch"));
        for (String key : List.of("k1", "k2", "k3")) {
            s3.putObject(b -> b.bucket("batch").key(key), RequestBody.fromString(key));
        }
        var deleted = s3.deleteObjects(b -> b.bucket("batch").delete(d -> d.objects(
                ObjectIdentifier.builder().key("k1").build(), ObjectIdentifier.builder().key("k2").build())));
        assertEquals(2, deleted.deleted().size());
        assertEquals(List.of("k3"), s3.listObjectsV2(b -> b.bucket("batch")).contents().stream().map(S3Object::key).toList());
    }

    @Test
    void multipartUpload() {
        s3.createBucket(b -> b.bucket("multipart"));
        byte[] part1 = new byte[5 * 1024 * 1024];
        new Random(1).nextBytes(part1);
        byte[] part2 = "the end".getBytes(StandardCharsets.UTF_8);
        String uploadId = s3.createMultipartUpload(b -> b.bucket("multipart").key("big.bin")).uploadId();
        String e1 = s3.uploadPart(b -> b.bucket("multipart").key("big.bin").uploadId(uploadId).partNumber(1), RequestBody.fromBytes(part1)).eTag();
        String e2 = s3.uploadPart(b -> b.bucket("multipart").key("big.bin").uploadId(uploadId).partNumber(2), RequestBody.fromBytes(part2)).eTag();
        s3.completeMultipartUpload(b -> b.bucket("multipart").key("big.bin").uploadId(uploadId).multipartUpload(m -> m.parts(
                CompletedPart.builder().partNumber(1).eTag(e1).build(), CompletedPart.builder().partNumber(2).eTag(e2).build())));
        byte[] all = s3.getObjectAsBytes(b -> b.bucket("multipart").key("big.bin")).asByteArray();
        assertEquals(part1.length + part2.length, all.length);
        assertArrayEquals(part2, java.util.Arrays.copyOfRange(all, part1.length, all.length));
    }

    @Test
    void conditionalWriteRefusesAnExistingKey() {
        s3.createBucket(b -> b.bucket("conditional"));
        s3.putObject(b -> b.bucket("conditional").key("once").ifNoneMatch("*"), RequestBody.fromString("first"));
        S3Exception second = assertThrows(S3Exception.class,
                () -> s3.putObject(b -> b.bucket("conditional").key("once").ifNoneMatch("*"), RequestBody.fromString("second")));
        assertEquals(412, second.statusCode());
        assertEquals("first", s3.getObjectAsBytes(b -> b.bucket("conditional").key("once")).asUtf8String());
    }

    @Test
    void emulatorAndClientsSeeTheSameObjects(LocalCloud local) throws IOException {
        var store = new BlobObjectStore(dev.workbench.local.s3.S3Backend.open(local.config().dataDir().resolve("s3"), "test", "test").blobStore());
        store.put("shared", "from/emulator.txt", "written inside".getBytes(StandardCharsets.UTF_8), "text/plain");
        assertEquals("written inside", s3.getObjectAsBytes(b -> b.bucket("shared").key("from/emulator.txt")).asUtf8String());
        s3.putObject(b -> b.bucket("shared").key("from/client.txt"), RequestBody.fromString("written outside"));
        try (InputStream in = store.get("shared", "from/client.txt").orElseThrow()) {
            assertEquals("written outside", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertEquals(15L, store.size("shared", "from/client.txt").orElseThrow());
        assertTrue(store.delete("shared", "from/client.txt"));
        assertFalse(store.get("shared", "from/client.txt").isPresent());
        assertTrue(local.stats().get("s3.PutObject") > 0);
        assertTrue(local.stats().get("s3.GetObject") > 0);
    }

    @Test
    void pathTraversalNeverWritesOutsideTheDataDirectory(LocalCloud local) throws IOException {
        s3.createBucket(b -> b.bucket("jail"));
        Path dataDir = local.config().dataDir().toAbsolutePath();
        for (String key : List.of("../escaped.txt", "../../escaped.txt", "a/../../../escaped.txt", "./x/../../escaped.txt")) {
            // The SDK would normalise "../" away in the URL, so send the raw path the way a hostile client would.
            var response = TestClients.signed(local.endpoint(), "s3", "PUT", "/jail/" + key.replace(".", "%2E"),
                    java.util.Map.of("x-amz-content-sha256", "UNSIGNED-PAYLOAD"), "evil".getBytes(StandardCharsets.UTF_8), "test");
            // Refused either by Jetty's URI checks or by the local cloud's own key check: never stored.
            assertEquals(400, response.statusCode(), key + " -> " + response.body());
        }
        // The data directory's parent is shared (the temp folder): other processes' files come and go during the walk.
        List<Path> escaped = new java.util.ArrayList<>();
        Files.walkFileTree(dataDir.getParent(), java.util.Set.of(), 4, new java.nio.file.SimpleFileVisitor<>() {
            @Override
            public java.nio.file.FileVisitResult visitFile(Path file, java.nio.file.attribute.BasicFileAttributes attrs) {
                if (file.getFileName().toString().equals("escaped.txt")) {
                    escaped.add(file);
                }
                return java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFileFailed(Path file, IOException e) {
                return java.nio.file.FileVisitResult.CONTINUE;
            }
        });
        assertEquals(List.of(), escaped);
        var store = new BlobObjectStore(S3Backend.open(dataDir.resolve("s3"), "test", "test").blobStore());
        assertThrows(IllegalArgumentException.class, () -> store.put("jail", "../../escaped.txt", new byte[1], "text/plain"));
        assertThrows(IllegalArgumentException.class, () -> store.put("..", "escaped.txt", new byte[1], "text/plain"));
    }

    @Test
    void malformedXmlIsAClientError(LocalCloud local) {
        s3.createBucket(b -> b.bucket("malformed"));
        byte[] body = "<Delete><Object><Key>unterminated".getBytes(StandardCharsets.UTF_8);
        String md5 = java.util.Base64.getEncoder().encodeToString(md5(body));
        var response = TestClients.signed(local.endpoint(), "s3", "POST", "/malformed?delete",
                java.util.Map.of("Content-Type", "application/xml", "Content-MD5", md5, "x-amz-content-sha256", sha256Hex(body)), body, "test");
        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.body().contains("<Code>"), response.body());
    }

    private static byte[] md5(byte[] bytes) {
        try {
            return java.security.MessageDigest.getInstance("MD5").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256Hex(byte[] bytes) {
        return dev.workbench.local.http.SigV4.sha256Hex(bytes);
    }

    @Test
    void wrongSecretIsRefused(LocalCloud local) {
        try (TestClients wrong = new TestClients(local.endpoint(), "test", "not-the-secret")) {
            S3Exception e = assertThrows(S3Exception.class, () -> wrong.s3.listBuckets());
            assertEquals(403, e.statusCode());
            assertEquals("SignatureDoesNotMatch", e.awsErrorDetails().errorCode());
        }
    }

}
