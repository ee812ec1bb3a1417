package dev.workbench.local.s3;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Keys that would resolve outside their bucket's directory on the filesystem store ({@code ..} or {@code .}
 * segments, backslashes, NUL). S3 itself would take them as plain names; a filesystem store cannot, so the
 * local cloud refuses them rather than ever writing outside its data directory.
 */
public final class S3Keys {

    private S3Keys() {
    }

    /** A reason to refuse this request path ({@code /bucket/key...}, still percent-encoded), or empty. */
    public static Optional<String> unsafePath(String rawPath) {
        String decoded;
        try {
            decoded = URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.of("Malformed percent-encoding in the request path");
        }
        return unsafe(decoded);
    }

    /** A reason to refuse this bucket-relative name (a bucket or a key), or empty. */
    public static Optional<String> unsafe(String name) {
        if (name.indexOf('\0') >= 0 || name.indexOf('\\') >= 0) {
            return Optional.of("Object keys with NUL or backslash characters are not supported by the local cloud");
        }
        for (String segment : name.split("/", -1)) {
            if (segment.equals("..") || segment.equals(".")) {
                return Optional.of("Object keys with '.' or '..' path segments are not supported by the local cloud");
            }
        }
        return Optional.empty();
    }

    static void check(String bucket, String key) {
        if (bucket.isEmpty() || bucket.contains("/")) {
            throw new IllegalArgumentException("Invalid bucket name '" + bucket + "'");
        }
        unsafe(bucket).or(() -> unsafe(key)).ifPresent(reason -> {
            throw new IllegalArgumentException(reason + ": " + key);
        });
    }
}
