package dev.workbench.local.s3;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * S3's rules for general-purpose bucket names, checked at CreateBucket as AWS does (s3proxy's filesystem store takes
 * names S3 refuses, such as {@code Bad_Bucket}, and code tried only against it would then fail on AWS).
 */
public final class BucketNames {
    private static final Pattern ALLOWED = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IP_ADDRESS = Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    private static final List<String> RESERVED_PREFIXES = List.of("xn--", "sthree-", "amzn-s3-demo-");
    private static final List<String> RESERVED_SUFFIXES = List.of("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3");

    private BucketNames() {
    }

    /** Why S3 would refuse this name, or empty. */
    public static Optional<String> invalid(String name) {
        if (name.length() < 3 || name.length() > 63) {
            return Optional.of("bucket names are 3 to 63 characters long");
        }
        if (!ALLOWED.matcher(name).matches()) {
            return Optional.of("bucket names hold only lowercase letters, digits, '.' and '-', and begin and end with a"
                    + " letter or digit");
        }
        if (name.contains("..")) {
            return Optional.of("bucket names have no two adjacent periods");
        }
        if (IP_ADDRESS.matcher(name).matches()) {
            return Optional.of("bucket names are not formatted as IP addresses");
        }
        for (String p : RESERVED_PREFIXES) {
            if (name.startsWith(p)) {
                return Optional.of("bucket names do not start with '" + p + "'");
            }
        }
        for (String s : RESERVED_SUFFIXES) {
            if (name.endsWith(s)) {
                return Optional.of("bucket names do not end with '" + s + "'");
            }
        }
        return Optional.empty();
    }
}
