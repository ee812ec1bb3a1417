package dev.workbench.local.sagemaker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.local.http.AwsException;
import dev.workbench.local.spi.S3Uri;

/**
 * An endpoint config's AsyncInferenceConfig. Without S3FailurePath, failures go next to the outputs under
 * a sibling prefix {@code <S3OutputPath>-failures/} (local-cloud's choice; AWS then only notifies over SNS),
 * so a client always gets a FailureLocation it can watch.
 */
record AsyncConfig(int maxConcurrentPerInstance, S3Uri outputPath, S3Uri failurePath) {

    static final int DEFAULT_MAX_CONCURRENT = 4;

    static AsyncConfig parse(JsonNode node) {
        JsonNode output = node.path("OutputConfig");
        if (!output.isObject()) {
            throw AwsException.validation("1 validation error detected: Value null at 'asyncInferenceConfig.outputConfig'"
                    + " failed to satisfy constraint: Member must not be null");
        }
        String outputPath = output.path("S3OutputPath").asText("");
        if (outputPath.isEmpty()) {
            throw AwsException.validation("S3OutputPath is required in AsyncInferenceConfig.OutputConfig");
        }
        S3Uri out = S3Uri.parse(outputPath);
        String failurePath = output.path("S3FailurePath").asText("");
        S3Uri failures = failurePath.isEmpty() ? siblingOf(out) : S3Uri.parse(failurePath);
        int max = node.path("ClientConfig").path("MaxConcurrentInvocationsPerInstance").asInt(DEFAULT_MAX_CONCURRENT);
        if (max < 1 || max > 1000) {
            throw AwsException.validation("1 validation error detected: Value '" + max + "' at "
                    + "'asyncInferenceConfig.clientConfig.maxConcurrentInvocationsPerInstance' failed to satisfy constraint:"
                    + " Member must have value between 1 and 1000");
        }
        return new AsyncConfig(max, out, failures);
    }

    private static S3Uri siblingOf(S3Uri output) {
        String key = output.key().endsWith("/") ? output.key().substring(0, output.key().length() - 1) : output.key();
        return new S3Uri(output.bucket(), key.isEmpty() ? "async-failures" : key + "-failures");
    }

    S3Uri outputFor(String inferenceId) {
        return outputPath.resolve(inferenceId + ".out");
    }

    S3Uri failureFor(String inferenceId) {
        return failurePath.resolve(inferenceId + "-error.out");
    }
}
