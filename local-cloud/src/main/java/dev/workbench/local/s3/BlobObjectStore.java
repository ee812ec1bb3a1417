package dev.workbench.local.s3;

import dev.workbench.local.spi.ObjectStore;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Optional;
import org.gaul.s3proxy.blobstore.BlobStore;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/** The emulator's view of S3: the very blob store s3proxy serves, so both always agree. */
public final class BlobObjectStore implements ObjectStore {

    private final BlobStore store;

    public BlobObjectStore(BlobStore store) {
        this.store = store;
    }

    @Override
    public Optional<InputStream> get(String bucket, String key) {
        S3Keys.check(bucket, key);
        try {
            if (!store.containerExists(bucket) || !store.blobExists(bucket, key)) {
                return Optional.empty();
            }
            return Optional.of(store.getBlob(bucket, key));
        } catch (AwsServiceException e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public Optional<Long> size(String bucket, String key) {
        S3Keys.check(bucket, key);
        try {
            if (!store.containerExists(bucket)) {
                return Optional.empty();
            }
            HeadObjectResponse head = store.blobMetadataIfPresent(bucket, key);
            return head == null ? Optional.empty() : Optional.ofNullable(head.contentLength());
        } catch (AwsServiceException e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public void put(String bucket, String key, byte[] content, String contentType) {
        put(bucket, key, new ByteArrayInputStream(content), content.length, contentType);
    }

    @Override
    public void put(String bucket, String key, InputStream content, long length, String contentType) {
        S3Keys.check(bucket, key);
        ensureBucket(bucket);
        store.putBlob(PutObjectRequest.builder().bucket(bucket).key(key).contentLength(length).contentType(contentType).build(),
                content);
    }

    @Override
    public boolean delete(String bucket, String key) {
        S3Keys.check(bucket, key);
        if (!store.containerExists(bucket) || !store.blobExists(bucket, key)) {
            return false;
        }
        store.removeBlob(bucket, key);
        return true;
    }

    @Override
    public boolean bucketExists(String bucket) {
        S3Keys.check(bucket, "");
        return store.containerExists(bucket);
    }

    @Override
    public void ensureBucket(String bucket) {
        S3Keys.check(bucket, "");
        if (!store.containerExists(bucket)) {
            store.createContainer(bucket);
        }
    }
}
