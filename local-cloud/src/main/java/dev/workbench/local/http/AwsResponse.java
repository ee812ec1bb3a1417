package dev.workbench.local.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A complete reply; the server adds the request-id header. */
public record AwsResponse(int status, Map<String, String> headers, byte[] body) {

    public AwsResponse {
        headers = Map.copyOf(headers);
    }

    public static AwsResponse of(int status, String contentType, byte[] body) {
        return new AwsResponse(status, Map.of("Content-Type", contentType), body);
    }

    public static AwsResponse of(int status, String contentType, String body) {
        return of(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    public AwsResponse withHeader(String name, String value) {
        var copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new AwsResponse(status, copy, body);
    }
}
