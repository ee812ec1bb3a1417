package dev.workbench.local.s3;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.function.Supplier;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Writes that survive a concurrent delete of their neighbours. The filesystem store keeps a key's prefix as
 * folders and removes a folder once the last object in it is deleted; a write that has just made sure its
 * folder exists can then find it gone before it creates its file, and fails with {@link NoSuchFileException}.
 * S3 has no folders, so no write may fail that way: such a write is simply made again. It is safe to repeat
 * because it failed before it took any byte of its payload (a write whose payload was read is never repeated)
 * and before anything was published.
 */
final class FolderRaceRetries extends ForwardingBlobStore {

    private static final Logger LOG = LoggerFactory.getLogger(FolderRaceRetries.class);

    /** Each attempt fails only if yet another delete empties the folder within microseconds: a few suffice. */
    static final int ATTEMPTS = 20;

    FolderRaceRetries(BlobStore delegate) {
        super(delegate);
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream payload) {
        var tracked = new UntouchedInput(payload);
        return retried("PutObject", request.bucket(), request.key(), tracked, () -> super.putBlob(request, tracked));
    }

    @Override
    public CopyObjectResponse copyBlob(CopyObjectRequest request) {
        // The source is opened afresh by each attempt.
        return retried("CopyObject", request.destinationBucket(), request.destinationKey(), null, () -> super.copyBlob(request));
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(MultipartUpload upload, CompleteMultipartUploadRequest request) {
        // The parts stay in place until the assembled object is published, so each attempt finds them again.
        return retried("CompleteMultipartUpload", upload.containerName(), upload.blobName(), null,
                () -> super.completeMultipartUpload(upload, request));
    }

    @Override
    public UploadPartResponse uploadMultipartPart(MultipartUpload upload, UploadPartRequest request, InputStream payload) {
        var tracked = new UntouchedInput(payload);
        return retried("UploadPart", upload.containerName(), upload.blobName(), tracked,
                () -> super.uploadMultipartPart(upload, request, tracked));
    }

    private static <T> T retried(String operation, String bucket, String key, @Nullable UntouchedInput payload, Supplier<T> write) {
        for (int attempt = 1; ; attempt++) {
            try {
                return write.get();
            } catch (RuntimeException e) {
                if (!folderVanished(e) || (payload != null && payload.touched)) {
                    throw e;
                }
                if (attempt == ATTEMPTS) {
                    LOG.error("{} of s3://{}/{} was refused: its folder was removed by concurrent deletes {} times in a row",
                            operation, bucket, key, ATTEMPTS, e);
                    throw e;
                }
                LOG.debug("{} of s3://{}/{}: a concurrent delete removed its folder; writing again", operation, bucket, key);
            }
        }
    }

    private static boolean folderVanished(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof NoSuchFileException) {
                return true;
            }
        }
        return false;
    }

    /** A payload that remembers whether anything was taken from it, so a retry never sends a partial body. */
    private static final class UntouchedInput extends FilterInputStream {
        volatile boolean touched;

        UntouchedInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            touched = true;
            return super.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            touched = true;
            return super.read(b, off, len);
        }

        @Override
        public long skip(long n) throws IOException {
            touched = true;
            return super.skip(n);
        }
    }
}
