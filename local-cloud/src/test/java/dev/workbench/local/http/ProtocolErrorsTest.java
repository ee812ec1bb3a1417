package dev.workbench.local.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workbench.local.LocalCloud;
import dev.workbench.local.TestClients;
import dev.workbench.local.junit.LocalCloudExtension;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.applicationautoscaling.model.ApplicationAutoScalingException;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;

/** What a client sees when it sends something wrong: an AWS-shaped error naming the problem, never a stack trace. */
class ProtocolErrorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static LocalCloudExtension cloud = LocalCloudExtension.fast();

    @Test
    void wrongSecretIsRefusedForEverySignedService(LocalCloud local) {
        try (TestClients wrong = new TestClients(local.endpoint(), "test", "wrong-secret")) {
            CloudWatchException cw = assertThrows(CloudWatchException.class, () -> wrong.cloudWatch.listMetrics());
            assertEquals(403, cw.statusCode());
            assertEquals("SignatureDoesNotMatch", cw.awsErrorDetails().errorCode());
            ApplicationAutoScalingException aas = assertThrows(ApplicationAutoScalingException.class,
                    () -> wrong.autoScaling.describeScalableTargets(b -> b.serviceNamespace("sagemaker")));
            assertEquals(403, aas.statusCode());
            assertEquals("SignatureDoesNotMatch", aas.awsErrorDetails().errorCode());
            assertFalse(aas.getMessage().contains("wrong-secret"));
        }
        try (TestClients unknownKey = new TestClients(local.endpoint(), "someone-else", "test")) {
            CloudWatchException cw = assertThrows(CloudWatchException.class, () -> unknownKey.cloudWatch.listMetrics());
            assertEquals(403, cw.statusCode());
            assertEquals("InvalidClientTokenId", cw.awsErrorDetails().errorCode());
        }
    }

    @Test
    void unknownJsonOperationIsNamed(LocalCloud local) throws Exception {
        HttpResponse<String> r = TestClients.signed(local.endpoint(), "application-autoscaling", "POST", "/",
                Map.of("X-Amz-Target", "AnyScaleFrontendService.DescribeScalingActivitiez", "Content-Type", "application/x-amz-json-1.1"),
                "{}".getBytes(StandardCharsets.UTF_8), "test");
        assertEquals(400, r.statusCode());
        JsonNode body = JSON.readTree(r.body());
        assertEquals("UnknownOperationException", body.path("__type").asText());
        assertTrue(body.path("message").asText().contains("DescribeScalingActivitiez"), r.body());
        assertEquals("UnknownOperationException", r.headers().firstValue("x-amzn-ErrorType").orElseThrow());
        assertTrue(r.headers().firstValue("x-amzn-RequestId").isPresent());
    }

    @Test
    void unknownQueryActionIsNamedInXml(LocalCloud local) {
        HttpResponse<String> r = TestClients.signed(local.endpoint(), "monitoring", "POST", "/",
                Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
                "Action=DescribeAnomalyDetectorz&Version=2010-08-01".getBytes(StandardCharsets.UTF_8), "test");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("<ErrorResponse"), r.body());
        assertTrue(r.body().contains("<Code>UnknownOperationException</Code>"), r.body());
        assertTrue(r.body().contains("DescribeAnomalyDetectorz"), r.body());
        assertTrue(r.body().contains("<RequestId>"), r.body());
    }

    @Test
    void malformedBodiesAreSerializationErrors(LocalCloud local) throws Exception {
        for (String bad : new String[] {"{not json", "[1,2]", "\"text\"", "{\"a\":"}) {
            HttpResponse<String> r = TestClients.signed(local.endpoint(), "application-autoscaling", "POST", "/",
                    Map.of("X-Amz-Target", "AnyScaleFrontendService.DescribeScalableTargets", "Content-Type", "application/x-amz-json-1.1"),
                    bad.getBytes(StandardCharsets.UTF_8), "test");
            assertEquals(400, r.statusCode(), bad);
            assertEquals("SerializationException", JSON.readTree(r.body()).path("__type").asText(), r.body());
        }
        HttpResponse<String> cli = TestClients.signed(local.endpoint(), "monitoring", "POST", "/",
                Map.of("X-Amz-Target", "GraniteServiceVersion20100801.PutMetricData", "Content-Type", "application/x-amz-json-1.0"),
                "{\"Namespace\": ".getBytes(StandardCharsets.UTF_8), "test");
        assertEquals(400, cli.statusCode());
        assertEquals("SerializationException", JSON.readTree(cli.body()).path("__type").asText());

        HttpResponse<String> form = TestClients.signed(local.endpoint(), "monitoring", "POST", "/",
                Map.of("Content-Type", "application/x-www-form-urlencoded"),
                "Action=PutMetricData&Namespace=Ns&MetricData.member.x.MetricName=A".getBytes(StandardCharsets.UTF_8), "test");
        assertEquals(400, form.statusCode());
        assertTrue(form.body().contains("<Code>MalformedQueryString</Code>"), form.body());

        HttpResponse<String> percent = TestClients.signed(local.endpoint(), "monitoring", "POST", "/",
                Map.of("Content-Type", "application/x-www-form-urlencoded"),
                "Action=ListMetrics&Namespace=%zz".getBytes(StandardCharsets.UTF_8), "test");
        assertEquals(400, percent.statusCode());
        assertTrue(percent.body().contains("MalformedQueryString"), percent.body());

        HttpResponse<String> missing = TestClients.signed(local.endpoint(), "monitoring", "POST", "/",
                Map.of("Content-Type", "application/x-www-form-urlencoded"),
                "Action=GetMetricStatistics&Version=2010-08-01".getBytes(StandardCharsets.UTF_8), "test");
        assertEquals(400, missing.statusCode());
        assertTrue(missing.body().contains("<Code>MissingParameter</Code>"), missing.body());
    }

    @Test
    void missingOrBrokenAuthorization(LocalCloud local) {
        HttpResponse<String> none = TestClients.send(HttpRequest.newBuilder(local.endpoint().resolve("/"))
                .header("X-Amz-Target", "AnyScaleFrontendService.DescribeScalableTargets")
                .header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertEquals(403, none.statusCode());
        assertTrue(none.body().contains("MissingAuthenticationToken"), none.body());

        HttpResponse<String> broken = TestClients.send(HttpRequest.newBuilder(local.endpoint().resolve("/"))
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/monitoring/aws4_request")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("Action=ListMetrics")).build());
        assertEquals(400, broken.statusCode());
        assertTrue(broken.body().contains("IncompleteSignature"), broken.body());

        HttpResponse<String> anonymousS3 = TestClients.send(HttpRequest.newBuilder(local.endpoint().resolve("/")).GET().build());
        assertEquals(403, anonymousS3.statusCode());
        assertTrue(anonymousS3.body().contains("AccessDenied"), anonymousS3.body());

        HttpResponse<String> unknownService = TestClients.signed(local.endpoint(), "dynamodb", "POST", "/",
                Map.of("X-Amz-Target", "DynamoDB_20120810.ListTables", "Content-Type", "application/x-amz-json-1.0"),
                "{}".getBytes(StandardCharsets.UTF_8), "test");
        assertEquals(400, unknownService.statusCode());
        assertTrue(unknownService.body().contains("dynamodb"), unknownService.body());
    }

    @Test
    void oversizedBodiesAreRefusedBeforeBuffering(LocalCloud local) {
        byte[] huge = new byte[9 * 1024 * 1024];
        // again and again: the refusal comes while the client is still sending, and must reach it every time
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> r = TestClients.signed(local.endpoint(), "monitoring", "POST", "/",
                    Map.of("Content-Type", "application/x-www-form-urlencoded"), huge, "test");
            assertEquals(413, r.statusCode());
            assertTrue(r.body().contains("RequestEntityTooLarge"), r.body());
            assertFalse(r.body().contains("at dev.workbench"), "no stack trace");
        }
    }

    @Test
    void hugeHeadersGetAPlainRefusal(LocalCloud local) {
        HttpResponse<String> r = TestClients.send(HttpRequest.newBuilder(local.endpoint().resolve("/"))
                .header("X-Big", "x".repeat(64 * 1024)).GET().build());
        assertEquals(431, r.statusCode());
        assertTrue(r.body().contains("<Code>RequestHeaderSectionTooLarge</Code>"), r.body());
        assertFalse(r.body().contains("at org.eclipse"), "no stack trace");
    }

    @Test
    void aPathAboveTheRootGetsAnS3ErrorAndSaysTheConnectionCloses(LocalCloud local) throws Exception {
        try (Socket socket = new Socket(local.endpoint().getHost(), local.endpoint().getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("PUT /bucket/../../../escape.txt HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Length: 5\r\n\r\nowned").getBytes(StandardCharsets.US_ASCII));
            // readAllBytes returns only once the server has closed its side.
            String reply = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(reply.startsWith("HTTP/1.1 400"), reply);
            assertTrue(reply.contains("Connection: close"), reply);
            assertTrue(reply.contains("Content-Type: application/xml"), reply);
            assertTrue(reply.contains("<Code>InvalidURI</Code>"), reply);
            assertFalse(reply.contains("<html>"), reply);
        }
    }

    @Test
    void aPooledConnectionRefusedForItsPathDoesNotBreakTheNextRequest(LocalCloud local) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> bad = client.send(HttpRequest.newBuilder(URI.create(local.endpoint() + "/b/%2e%2e/%2e%2e/x"))
                    .PUT(HttpRequest.BodyPublishers.ofString("owned")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(400, bad.statusCode(), bad.body());
            HttpResponse<String> next = client.send(HttpRequest.newBuilder(local.endpoint().resolve("/_local/faults"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, next.statusCode(), next.body());
        }
    }

    @Test
    void adminPathsShowStatsAndSetFaults(LocalCloud local) {
        HttpResponse<String> set = TestClients.send(HttpRequest.newBuilder(local.endpoint().resolve("/_local/faults"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"seed\":7,\"throttleRate\":0.25}")).build());
        assertEquals(200, set.statusCode(), set.body());
        assertEquals(0.25, local.faults().settings().throttleRate());
        assertEquals(7, local.faults().settings().seed());
        HttpResponse<String> typo = TestClients.send(HttpRequest.newBuilder(local.endpoint().resolve("/_local/faults"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"throtleRate\":0.5}")).build());
        assertEquals(400, typo.statusCode());
        assertTrue(typo.body().contains("throtleRate"), typo.body());
        local.faults().set(dev.workbench.local.spi.FaultSettings.none());
        HttpResponse<String> stats = TestClients.send(HttpRequest.newBuilder(local.endpoint().resolve("/_local/stats")).GET().build());
        assertEquals(200, stats.statusCode());
        assertTrue(stats.body().startsWith("{"), stats.body());
    }
}
