package dev.workbench.core.job;

import dev.workbench.api.WorkbenchException;
import java.io.InputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/** Streams one S3 object's bytes. */
final class S3Objects {
    private S3Objects() {
    }

    /** The object as it was when headed ({@code If-Match} its ETag: a changed object is an error, not a mix). */
    static InputStream read(S3Client s3, S3Location at, String eTag) {
        try {
            return s3.getObject(b -> b.bucket(at.bucket()).key(at.key()).ifMatch(eTag));
        } catch (SdkException e) {
            throw new WorkbenchException("Cannot read " + at + ": " + e.getMessage(), e);
        }
    }
}
