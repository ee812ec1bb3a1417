package dev.workbench.local.s3;

import java.util.Map;

/** Names an S3 request by its operation (for {@code s3.<Op>} counters), from method, path and query alone. */
public final class S3Operations {

    private S3Operations() {
    }

    /**
     * @param path    the request path, {@code /bucket/key...}
     * @param query   query parameter names present
     * @param copy    whether {@code x-amz-copy-source} is set
     */
    public static String name(String method, String path, Map<String, ?> query, boolean copy) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.isEmpty()) {
            return "ListBuckets";
        }
        int slash = trimmed.indexOf('/');
        boolean objectLevel = slash >= 0 && slash < trimmed.length() - 1;
        return objectLevel ? object(method, query, copy) : bucket(method, query);
    }

    private static String bucket(String method, Map<String, ?> q) {
        return switch (method) {
            case "GET" -> q.containsKey("list-type") ? "ListObjectsV2"
                    : q.containsKey("uploads") ? "ListMultipartUploads"
                    : q.containsKey("location") ? "GetBucketLocation"
                    : q.containsKey("versioning") ? "GetBucketVersioning"
                    : q.containsKey("versions") ? "ListObjectVersions"
                    : q.containsKey("acl") ? "GetBucketAcl"
                    : "ListObjects";
            case "PUT" -> q.containsKey("acl") ? "PutBucketAcl" : q.containsKey("versioning") ? "PutBucketVersioning" : "CreateBucket";
            case "HEAD" -> "HeadBucket";
            case "DELETE" -> "DeleteBucket";
            case "POST" -> q.containsKey("delete") ? "DeleteObjects" : "PostBucket";
            default -> "Unknown";
        };
    }

    private static String object(String method, Map<String, ?> q, boolean copy) {
        return switch (method) {
            case "GET" -> q.containsKey("uploadId") ? "ListParts" : q.containsKey("acl") ? "GetObjectAcl"
                    : q.containsKey("attributes") ? "GetObjectAttributes" : "GetObject";
            case "PUT" -> q.containsKey("partNumber") && q.containsKey("uploadId") ? (copy ? "UploadPartCopy" : "UploadPart")
                    : q.containsKey("acl") ? "PutObjectAcl" : copy ? "CopyObject" : "PutObject";
            case "HEAD" -> "HeadObject";
            case "DELETE" -> q.containsKey("uploadId") ? "AbortMultipartUpload" : "DeleteObject";
            case "POST" -> q.containsKey("uploads") ? "CreateMultipartUpload"
                    : q.containsKey("uploadId") ? "CompleteMultipartUpload" : "PostObject";
            default -> "Unknown";
        };
    }
}
