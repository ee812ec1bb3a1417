package dev.workbench.core.job;

import org.jspecify.annotations.Nullable;

/** {@code s3://bucket/key}. */
public record S3Location(String bucket, String key) {
    public S3Location {
        if (bucket.isBlank() || key.isBlank()) {
            throw new IllegalArgumentException("an S3 location is s3://bucket/key, with both parts");
        }
    }

    /** The location, or null when {@code text} is not an s3:// URI (a local path); a malformed one is refused. */
    public static @Nullable S3Location parse(String text) {
        if (!text.startsWith("s3://")) {
            return null;
        }
        String rest = text.substring("s3://".length());
        int slash = rest.indexOf('/');
        if (slash <= 0 || slash == rest.length() - 1) {
            throw new IllegalArgumentException("'" + text + "' is not s3://bucket/key");
        }
        return new S3Location(rest.substring(0, slash), rest.substring(slash + 1));
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + key;
    }
}
