package dev.workbench.local.http;

import org.jspecify.annotations.Nullable;

/** How a request was encoded, which decides how its errors are rendered. */
public enum WireProtocol {
    /** {@code X-Amz-Target} with {@code application/x-amz-json-1.0} or {@code -1.1}. */
    JSON,
    /** Path-routed JSON, e.g. SageMaker Runtime's {@code /endpoints/...}. */
    REST_JSON,
    /** Form-encoded {@code Action=...} with XML replies (CloudWatch for the Java SDK 2.40.2). */
    QUERY,
    /** S3's REST-XML. */
    S3_XML;

    public static WireProtocol detect(String service, String path, @Nullable String target, @Nullable String contentType) {
        if ("s3".equals(service)) {
            return S3_XML;
        }
        if (target != null && !target.isEmpty()) {
            return JSON;
        }
        if (path.startsWith("/endpoints/")) {
            return REST_JSON;
        }
        if ((contentType != null && contentType.startsWith("application/x-www-form-urlencoded")) || "monitoring".equals(service)) {
            return QUERY;
        }
        return JSON;
    }
}
