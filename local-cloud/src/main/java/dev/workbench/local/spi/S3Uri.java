package dev.workbench.local.spi;

import dev.workbench.local.http.AwsException;

/** An {@code s3://bucket/key} location. */
public record S3Uri(String bucket, String key) {

    public static S3Uri parse(String uri) {
        if (!uri.startsWith("s3://")) {
            throw AwsException.validation("Not an S3 URI: " + uri);
        }
        String rest = uri.substring("s3://".length());
        int slash = rest.indexOf('/');
        if (slash <= 0) {
            return new S3Uri(rest, "");
        }
        return new S3Uri(rest.substring(0, slash), rest.substring(slash + 1));
    }

    /** This location with {@code name} appended as the last path segment. */
    public S3Uri resolve(String name) {
        String prefix = key.isEmpty() || key.endsWith("/") ? key : key + "/";
        return new S3Uri(bucket, prefix + name);
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + key;
    }
}
