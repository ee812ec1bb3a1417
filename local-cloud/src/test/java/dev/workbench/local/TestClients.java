package dev.workbench.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/** Real AWS SDK v2 clients pointed at a local cloud, and raw SigV4-signed requests for malformed input. */
public final class TestClients implements AutoCloseable {

    public final S3Client s3;
    public final CloudWatchClient cloudWatch;
    public final ApplicationAutoScalingClient autoScaling;
    public final SageMakerClient sageMaker;

    public TestClients(LocalCloud cloud) {
        this(cloud.endpoint(), "test", "test");
    }

    public TestClients(URI endpoint, String accessKey, String secretKey) {
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
        s3 = S3Client.builder().endpointOverride(endpoint).credentialsProvider(credentials).region(Region.US_EAST_1)
                .forcePathStyle(true).build();
        cloudWatch = CloudWatchClient.builder().endpointOverride(endpoint).credentialsProvider(credentials).region(Region.US_EAST_1).build();
        autoScaling = ApplicationAutoScalingClient.builder().endpointOverride(endpoint).credentialsProvider(credentials)
                .region(Region.US_EAST_1).build();
        sageMaker = SageMakerClient.builder().endpointOverride(endpoint).credentialsProvider(credentials).region(Region.US_EAST_1).build();
    }

    /** A request signed by the SDK's own SigV4 signer, so the body can be anything at all. */
    public static HttpResponse<String> signed(URI endpoint, String service, String method, String path, Map<String, String> headers,
                                              byte[] body, String secret) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().uri(endpoint.resolve(path)).method(SdkHttpMethod.fromValue(method));
        headers.forEach(request::putHeader);
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create("test", secret))
                .request(request.build())
                .payload(ContentStreamProvider.fromInputStreamSupplier(() -> new ByteArrayInputStream(body)))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
        HttpRequest.Builder http = HttpRequest.newBuilder(signed.request().getUri())
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        signed.request().headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-length")) {
                values.forEach(v -> http.header(name, v));
            }
        });
        return send(http.build());
    }

    /** What the AWS CLI printed (stdout and stderr) and its exit code. */
    public record CliResult(int exit, String output) {}

    /** The AWS CLI at /usr/bin/aws, when installed. */
    public static boolean awsCliInstalled() {
        return java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/bin/aws"));
    }

    /** Runs the AWS CLI against the endpoint with the test credentials and no user configuration. */
    public static CliResult awsCli(URI endpoint, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("/usr/bin/aws", "--endpoint-url", endpoint.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_CONFIG_FILE", "/dev/null");
        env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        env.put("AWS_PAGER", "");
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("aws " + String.join(" ", args) + " did not finish: " + out);
            }
            return new CliResult(p.exitValue(), out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static HttpResponse<String> send(HttpRequest request) {
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        s3.close();
        cloudWatch.close();
        autoScaling.close();
        sageMaker.close();
    }
}
