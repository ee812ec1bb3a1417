package dev.workbench.core.async;

/** An S3 object address, as {@code s3://bucket/key}. */
record S3Location(String bucket, String key) {

    static S3Location parse(String uri) {
        if (!uri.startsWith("s3://")) {
            throw new IllegalArgumentException("Not an s3:// location: " + uri);
        }
        String rest = uri.substring(5);
        int slash = rest.indexOf('/');
        if (slash <= 0 || slash == rest.length() - 1) {
            throw new IllegalArgumentException("No bucket and key in " + uri);
        }
        return new S3Location(rest.substring(0, slash), rest.substring(slash + 1));
    }

    /** The "directory" a listing of this object's neighbours uses: the key up to and including its last '/'. */
    String directory() {
        int slash = key.lastIndexOf('/');
        return slash < 0 ? "" : key.substring(0, slash + 1);
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + key;
    }
}
