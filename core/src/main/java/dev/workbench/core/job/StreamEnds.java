package dev.workbench.core.job;

import dev.workbench.api.FrameException;
import dev.workbench.api.WorkbenchException;
import dev.workbench.core.csv.CsvBatches;
import dev.workbench.core.csv.CsvFrames;
import dev.workbench.core.csv.ResumableCsvFile;
import dev.workbench.core.csv.RowSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The input and output of a streamed inference from what the user named: a local path or {@code s3://bucket/key}. */
public final class StreamEnds {
    private StreamEnds() {
    }

    /** A local CSV file (counted first, for the ETA) or an S3 object (read once, streamed). */
    public static StreamInput input(String location, S3Client s3) {
        S3Location s3Location = S3Location.parse(location);
        if (s3Location != null) {
            HeadObjectResponse head = head(s3, s3Location);
            String identity = location + "#" + head.eTag() + "#" + head.contentLength();
            return new StreamInput(location, identity, null, rows -> CsvBatches.open(
                    S3Objects.read(s3, s3Location, head.eTag()), location, rows));
        }
        Path path = Path.of(location);
        if (!Files.isRegularFile(path)) {
            throw new FrameException("No such CSV file: " + location);
        }
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (IOException e) {
            throw new FrameException("Cannot read CSV file " + location + ": " + e.getMessage(), e);
        }
        String identity = path.toAbsolutePath().normalize() + "#" + a.size() + "#" + a.lastModifiedTime().toMillis();
        int total = CsvFrames.countRows(path);
        return new StreamInput(location, identity, total, rows -> CsvBatches.open(path, rows));
    }

    /** A local file (resumable after a crash) or an S3 object (a multipart upload, aborted on failure). */
    public static RowSink output(String location, String identity, S3Client s3) {
        S3Location s3Location = S3Location.parse(location);
        if (s3Location != null) {
            return S3CsvUpload.start(s3, s3Location);
        }
        return ResumableCsvFile.open(Path.of(location), identity);
    }

    private static HeadObjectResponse head(S3Client s3, S3Location at) {
        try {
            return s3.headObject(b -> b.bucket(at.bucket()).key(at.key()));
        } catch (NoSuchKeyException e) {
            throw new FrameException("No such S3 object: " + at);
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new FrameException("No such S3 object: " + at);
            }
            throw new WorkbenchException("Cannot read " + at + ": " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new WorkbenchException("Cannot read " + at + ": " + e.getMessage(), e);
        }
    }
}
