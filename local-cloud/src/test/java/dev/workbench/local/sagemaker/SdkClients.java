package dev.workbench.local.sagemaker;

import dev.workbench.local.LocalCloud;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;

/** The real AWS SDK v2 clients, pointed at a local cloud the way any user would point them. */
final class SdkClients implements AutoCloseable {

    final SageMakerClient sageMaker;
    final SageMakerRuntimeClient runtime;
    final S3Client s3;
    final CloudWatchClient cloudWatch;
    final ApplicationAutoScalingClient autoScaling;

    SdkClients(LocalCloud cloud) {
        var credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(cloud.config().accessKey(), cloud.config().secretKey()));
        var region = Region.of(cloud.config().region());
        // No retries: a test must see the first answer (a throttle, an error) exactly as the service gave it.
        var noRetries = ClientOverrideConfiguration.builder().retryStrategy(RetryMode.STANDARD)
                .retryStrategy(b -> b.maxAttempts(1)).build();
        sageMaker = SageMakerClient.builder().endpointOverride(cloud.endpoint()).region(region).credentialsProvider(credentials)
                .overrideConfiguration(noRetries).build();
        runtime = SageMakerRuntimeClient.builder().endpointOverride(cloud.endpoint()).region(region)
                .credentialsProvider(credentials).overrideConfiguration(noRetries).build();
        s3 = S3Client.builder().endpointOverride(cloud.endpoint()).region(region).credentialsProvider(credentials)
                .forcePathStyle(true).build();
        cloudWatch = CloudWatchClient.builder().endpointOverride(cloud.endpoint()).region(region).credentialsProvider(credentials)
                .build();
        autoScaling = ApplicationAutoScalingClient.builder().endpointOverride(cloud.endpoint()).region(region)
                .credentialsProvider(credentials).build();
    }

    /** CreateModel + CreateEndpointConfig + CreateEndpoint, then waits for InService. */
    void deploy(String name, String image, java.util.Map<String, String> env,
            java.util.function.Consumer<software.amazon.awssdk.services.sagemaker.model.CreateEndpointConfigRequest.Builder> config) {
        sageMaker.createModel(b -> b.modelName(name).executionRoleArn("arn:aws:iam::000000000000:role/local")
                .primaryContainer(c -> c.image(image).environment(env)));
        sageMaker.createEndpointConfig(b -> {
            b.endpointConfigName(name).productionVariants(v -> v.variantName("AllTraffic").modelName(name)
                    .initialInstanceCount(1).instanceType("ml.m5.large"));
            config.accept(b);
        });
        sageMaker.createEndpoint(b -> b.endpointName(name).endpointConfigName(name));
        await(() -> sageMaker.describeEndpoint(b -> b.endpointName(name)).endpointStatus() != EndpointStatus.CREATING,
                Duration.ofSeconds(60));
        EndpointStatus status = sageMaker.describeEndpoint(b -> b.endpointName(name)).endpointStatus();
        if (status != EndpointStatus.IN_SERVICE) {
            throw new AssertionError("endpoint " + name + " is " + status + ": "
                    + sageMaker.describeEndpoint(b -> b.endpointName(name)).failureReason());
        }
    }

    static void await(BooleanSupplier condition, Duration timeout) {
        Harness.await(condition, timeout);
    }

    @Override
    public void close() {
        sageMaker.close();
        runtime.close();
        s3.close();
        cloudWatch.close();
        autoScaling.close();
    }
}
