package dev.workbench.local.spi;

import java.io.InputStream;
import java.util.Optional;

/**
 * The emulator's own access to the S3 data that clients see through s3proxy
 * (the same blob store underneath, so both views always agree).
 */
public interface ObjectStore {

    /** The object's content, or empty when there is no such bucket or key. The caller closes the stream. */
    Optional<InputStream> get(String bucket, String key);

    /** The object's size in bytes, or empty when it does not exist. */
    Optional<Long> size(String bucket, String key);

    void put(String bucket, String key, byte[] content, String contentType);

    void put(String bucket, String key, InputStream content, long length, String contentType);

    /** True when something was deleted. */
    boolean delete(String bucket, String key);

    /** Creates the bucket when it is missing. */
    void ensureBucket(String bucket);

    /** Whether the bucket exists (a writer that is not its owner, such as SageMaker, never creates one). */
    boolean bucketExists(String bucket);
}
