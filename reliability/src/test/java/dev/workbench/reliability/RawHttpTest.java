package dev.workbench.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.api.Cloud;
import dev.workbench.local.LocalCloud;
import dev.workbench.local.junit.LocalCloudExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * local-cloud fed broken requests over raw, correctly signed HTTP: every one gets an AWS-shaped 4xx error, never a
 * 500 or a stack trace, and nothing is written outside the data directory.
 */
class RawHttpTest {
    @TempDir
    static Path cloudDir;

    @RegisterExtension
    static LocalCloudExtension local = LocalCloudExtension.with(c -> c.dataDir(cloudDir));

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static Cloud cloud;
    @TempDir
    static Path data;

    @BeforeAll
    static void connect() {
        cloud = Cloud.at(local.cloud().endpoint(), s -> s.dataDir(data));
        cloud.bucket(); // created
    }

    @AfterAll
    static void close() {
        cloud.close();
    }

    private static HttpResponse<String> send(String method, String pathAndQuery, String service, String body,
            Map<String, String> headers) throws IOException, InterruptedException {
        LocalCloud lc = local.cloud();
        URI uri = URI.create(lc.endpoint() + pathAndQuery);
        var request = SigV4.sign(method, uri, service, body.getBytes(StandardCharsets.UTF_8), headers,
                lc.config().accessKey(), lc.config().secretKey()).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        System.out.println(method + " " + pathAndQuery + " [" + service + "] -> " + response.statusCode() + " "
                + response.body().replace('\n', ' ').substring(0, Math.min(240, response.body().length())));
        return response;
    }

    /** A 4xx with an AWS error code in the body (JSON __type/code or XML Code), and no Java stack trace. */
    private static void awsError(HttpResponse<String> r, String expectedCode) {
        assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, "a 4xx, was " + r.statusCode() + ": " + r.body());
        assertFalse(r.body().matches("(?s).*\\bat [a-z]+\\.[a-zA-Z.$]+\\(.*"), "no stack trace: " + r.body());
        assertTrue(r.body().contains(expectedCode), "error code " + expectedCode + " in " + r.body());
    }

    private static Map<String, String> json(String target) {
        return Map.of("Content-Type", "application/x-amz-json-1.1", "X-Amz-Target", target);
    }

    @Test
    void theSignerIsRightSoTheRefusalsBelowAreAboutTheRequests() throws Exception {
        var r = send("POST", "/", "sagemaker", "{}", json("SageMaker.ListEndpoints"));
        assertEquals(200, r.statusCode(), r.body());
    }

    @Test
    void malformedJsonIsASerializationError() throws Exception {
        awsError(send("POST", "/", "sagemaker", "{\"EndpointName\": ", json("SageMaker.DescribeEndpoint")), "Serialization");
        awsError(send("POST", "/", "application-autoscaling", "[1,2", json("AnyScaleFrontendService.DescribeScalableTargets")),
                "Serialization");
        awsError(send("POST", "/", "sagemaker", "{\"EndpointName\": 42}", json("SageMaker.DescribeEndpoint")), "Exception");
    }

    @Test
    void malformedXmlIsMalformedXml() throws Exception {
        awsError(send("PUT", "/xml-bucket", "s3", "<CreateBucketConfiguration><LocationConstraint>", Map.of("Content-Type", "application/xml")),
                "MalformedXML");
    }

    @Test
    void malformedFormBodiesAreRefused() throws Exception {
        Map<String, String> form = Map.of("Content-Type", "application/x-www-form-urlencoded");
        awsError(send("POST", "/", "monitoring", "Action=ListMetrics&Version=2010-08-01&%%zz=%G", form), "");
        awsError(send("POST", "/", "monitoring", "Version=2010-08-01", form), "");
        awsError(send("POST", "/", "monitoring", "Action=PutMetricData&Version=2010-08-01&Namespace=x&MetricData.member.1.Value=notanumber", form), "");
    }

    @Test
    void wrongContentTypesAreRefusedOrUnderstoodNeverA500() throws Exception {
        var r = send("POST", "/", "sagemaker", "{}", Map.of("Content-Type", "text/plain", "X-Amz-Target", "SageMaker.ListEndpoints"));
        assertTrue(r.statusCode() == 200 || (r.statusCode() >= 400 && r.statusCode() < 500), r.statusCode() + " " + r.body());
        r = send("POST", "/", "monitoring", "{\"Namespace\":\"x\"}", Map.of("Content-Type", "application/json"));
        assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, r.statusCode() + " " + r.body());
        assertFalse(r.body().contains("\tat "), r.body());
    }

    @Test
    void unknownOperationsAndServicesGetAwsErrors() throws Exception {
        awsError(send("POST", "/", "sagemaker", "{}", json("SageMaker.LaunchRocket")), "UnknownOperation");
        awsError(send("POST", "/", "application-autoscaling", "{}", json("AnyScaleFrontendService.Nope")), "UnknownOperation");
        // AWS answers InvalidAction here; local-cloud's UnknownOperationException is AWS-shaped too.
        var unknown = send("POST", "/", "monitoring", "Action=Nope&Version=2010-08-01",
                Map.of("Content-Type", "application/x-www-form-urlencoded"));
        awsError(unknown, "<Code>");
        assertTrue(unknown.body().contains("InvalidAction") || unknown.body().contains("UnknownOperation"), unknown.body());
        var r = send("POST", "/", "dynamodb", "{}", json("DynamoDB_20120810.ListTables"));
        assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, r.statusCode() + " " + r.body());
    }

    @Test
    void hugeHeadersAreRefusedAndTheServerLivesOn() throws Exception {
        String big = "x".repeat(64 * 1024);
        try {
            var r = send("POST", "/", "sagemaker", "{}", Map.of("Content-Type", "application/x-amz-json-1.1",
                    "X-Amz-Target", "SageMaker.ListEndpoints", "X-Big", big));
            assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, "refused with a 4xx: " + r.statusCode());
        } catch (IOException e) {
            System.out.println("huge header: connection closed by the server: " + e);
        }
        cloud.sageMaker().listEndpoints(); // still serving
    }

    @Test
    void pathTraversalInS3KeysNeverWritesOutsideTheDataDirectory() throws Exception {
        String bucket = cloud.bucket();
        String name = "escape-" + System.nanoTime() + ".txt";
        String[] paths = {
            "/" + bucket + "/../../../../../../" + name,
            "/" + bucket + "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/" + name,
            "/" + bucket + "/..%2f..%2f..%2f..%2f" + name,
            "/" + bucket + "/a/..%5c..%5c..%5c" + name,
        };
        for (String p : paths) {
            awsError(send("PUT", p, "s3", "owned", Map.of("Content-Type", "text/plain")), "<Code>");
        }
        try {
            cloud.s3().putObject(b -> b.bucket(bucket).key("../../../../../" + name),
                    software.amazon.awssdk.core.sync.RequestBody.fromString("owned"));
        } catch (RuntimeException e) {
            System.out.println("SDK put with ../ -> " + e.getMessage());
        }
        // Whatever was accepted must be inside the data directory: no file of that name in any ancestor of it.
        Path dir = cloudDir.resolve("s3").resolve(bucket).toAbsolutePath();
        for (Path up = dir.getParent(); up != null; up = up.getParent()) {
            assertFalse(Files.exists(up.resolve(name)), "written outside the bucket: " + up.resolve(name));
        }
        try (Stream<Path> all = Files.walk(cloudDir.getParent(), 2)) {
            List<Path> found = all.filter(f -> f.getFileName() != null && f.getFileName().toString().contains(name))
                    .filter(f -> !f.toAbsolutePath().startsWith(dir)).toList();
            assertEquals(List.of(), found, "files outside the bucket directory");
        }
    }
}
