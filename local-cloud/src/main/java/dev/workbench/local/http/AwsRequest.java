package dev.workbench.local.http;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One request to a non-S3 service, already authenticated and fully read.
 * Bodies here are small (SageMaker's sync limit is 6 MB); S3 traffic never becomes an AwsRequest.
 *
 * @param service   the SigV4 signing name from the credential scope ({@code sagemaker}, {@code monitoring}, ...)
 * @param headers   header names lower-cased
 * @param query     decoded query parameters
 */
public record AwsRequest(
        String method,
        String path,
        Map<String, List<String>> query,
        Map<String, List<String>> headers,
        byte[] body,
        String service,
        String region,
        String accessKey,
        String requestId) {

    public AwsRequest {
        var lower = new TreeMap<String, List<String>>(String.CASE_INSENSITIVE_ORDER);
        lower.putAll(headers);
        headers = lower;
    }

    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public Optional<String> queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
