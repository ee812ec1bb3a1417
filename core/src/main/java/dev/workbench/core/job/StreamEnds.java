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
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The input and output of a streamed inference from what the user named: a local path or {@code s3://bucket/key}. */
public final class StreamEnds {
    private StreamEnds() {
    }

    /**
     * A local CSV file (counted first, for the ETA) or an S3 object (read once, streamed); a name ending in
     * {@code .parquet} is read as Parquet (an S3 object downloaded first).
     */
    public static StreamInput input(String location, S3Client s3) {
        S3Location s3Location = S3Location.parse(location);
        if (s3Location != null) {
            HeadObjectResponse head = head(s3, s3Location);
            if (ParquetFiles.isParquet(location)) {
                return ParquetInput.s3(location, s3, s3Location, head.eTag(), head.contentLength());
            }
            String identity = location + "#" + head.eTag() + "#" + head.contentLength();
            return new StreamInput(location, identity, null, rows -> CsvBatches.open(
                    S3Objects.read(s3, s3Location, head.eTag()), location, rows));
        }
        if (ParquetFiles.isParquet(location)) {
            return ParquetInput.local(location);
        }
        Path path = Path.of(location);
        String identity = localIdentity(path, "CSV");
        int total = CsvFrames.countRows(path);
        return new StreamInput(location, identity, total, rows -> CsvBatches.open(path, rows));
    }

    /** What names a local input's content for a resumed run: its path, size and modification time. */
    static String localIdentity(Path path, String format) {
        if (!Files.isRegularFile(path)) {
            throw new FrameException("No such " + format + " file: " + path);
        }
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (IOException e) {
            throw new FrameException("Cannot read " + format + " file " + path + ": " + e.getMessage(), e);
        }
        return path.toAbsolutePath().normalize() + "#" + a.size() + "#" + a.lastModifiedTime().toMillis();
    }

    /** A local file (resumable after a crash) or an S3 object (a multipart upload, aborted on failure). */
    public static RowSink output(String location, String identity, S3Client s3) {
        return output(location, identity, Map.of(), s3);
    }

    /**
     * As {@link #output(String, String, S3Client)}; a name ending in {@code .parquet} is written as Parquet, the
     * columns named in {@code inputTypes} with those types (the rest as VARCHAR), an S3 object uploaded whole.
     */
    public static RowSink output(String location, String identity, Map<String, String> inputTypes, S3Client s3) {
        S3Location s3Location = S3Location.parse(location);
        boolean parquet = ParquetFiles.isParquet(location);
        if (s3Location != null) {
            return parquet ? ParquetSink.s3(location, identity, inputTypes, file -> upload(s3, s3Location, file))
                    : S3CsvUpload.start(s3, s3Location);
        }
        return parquet ? ParquetSink.local(Path.of(location), identity, inputTypes)
                : ResumableCsvFile.open(Path.of(location), identity);
    }

    private static void upload(S3Client s3, S3Location at, Path file) {
        try {
            s3.putObject(b -> b.bucket(at.bucket()).key(at.key()), RequestBody.fromFile(file));
        } catch (SdkException e) {
            throw new WorkbenchException("Cannot write " + at + ": " + e.getMessage(), e);
        }
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
