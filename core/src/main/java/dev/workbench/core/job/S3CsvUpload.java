package dev.workbench.core.job;

import dev.workbench.api.Frame;
import dev.workbench.api.WorkbenchException;
import dev.workbench.core.csv.CsvLines;
import dev.workbench.core.csv.RowSink;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * A CSV output streamed to S3 as a multipart upload: rows are buffered into parts of {@value #PART_BYTES} bytes
 * (S3's minimum is 5 MiB), each uploaded as it fills, and the object appears only when the upload is completed.
 * Discarding, or closing without commit, aborts the upload, so S3 keeps no half-written object (and no parts).
 * Not resumable after a crash: a re-run writes the object again (its collected batches come from the journal).
 */
final class S3CsvUpload implements RowSink {
    static final int PART_BYTES = 8 * 1024 * 1024;

    private final S3Client s3;
    private final S3Location at;
    private final String uploadId;
    private final List<CompletedPart> parts = new ArrayList<>();
    private final PartBuffer buffer = new PartBuffer();
    private final Writer text = new OutputStreamWriter(buffer, StandardCharsets.UTF_8);
    private final CsvLines lines = CsvLines.over(text);
    private boolean finished;

    private S3CsvUpload(S3Client s3, S3Location at, String uploadId) {
        this.s3 = s3;
        this.at = at;
        this.uploadId = uploadId;
    }

    static S3CsvUpload start(S3Client s3, S3Location at) {
        try {
            String id = s3.createMultipartUpload(b -> b.bucket(at.bucket()).key(at.key()).contentType("text/csv"))
                    .uploadId();
            return new S3CsvUpload(s3, at, id);
        } catch (SdkException e) {
            throw new WorkbenchException("Cannot write " + at + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Resumed> resumed() {
        return Optional.empty();
    }

    @Override
    public void header(List<String> columns) {
        lines.header(columns);
    }

    @Override
    public void write(Frame rows) {
        lines.rows(rows);
        lines.flush();
        while (buffer.size() >= PART_BYTES) {
            upload(buffer.takePart(PART_BYTES));
        }
    }

    @Override
    public void checkpoint(long rows, long failed) {
        // parts are uploaded as they fill; an upload cannot be continued by another process
    }

    @Override
    public void commit() {
        lines.flush();
        if (buffer.size() > 0 || parts.isEmpty()) {
            upload(buffer.takePart(buffer.size()));
        }
        try {
            s3.completeMultipartUpload(b -> b.bucket(at.bucket()).key(at.key()).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
            finished = true;
        } catch (SdkException e) {
            discard();
            throw new WorkbenchException("Cannot write " + at + ": " + e.getMessage(), e);
        }
    }

    private void upload(byte[] part) {
        int number = parts.size() + 1;
        try {
            String eTag = s3.uploadPart(b -> b.bucket(at.bucket()).key(at.key()).uploadId(uploadId).partNumber(number),
                    RequestBody.fromBytes(part)).eTag();
            parts.add(CompletedPart.builder().partNumber(number).eTag(eTag).build());
        } catch (SdkException e) {
            throw new WorkbenchException("Cannot write " + at + " (part " + number + "): " + e.getMessage(), e);
        }
    }

    @Override
    public void discard() {
        if (finished) {
            return;
        }
        finished = true;
        try {
            s3.abortMultipartUpload(b -> b.bucket(at.bucket()).key(at.key()).uploadId(uploadId));
        } catch (SdkException e) {
            // S3's lifecycle rule for incomplete uploads is the backstop; the object itself was never created
        }
    }

    @Override
    public void close() {
        discard();
    }

    @Override
    public String target() {
        return at.toString();
    }

    /** Bytes waiting to become the next part. */
    private static final class PartBuffer extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(PART_BYTES + (1 << 17));

        @Override
        public void write(int b) {
            bytes.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
        }

        int size() {
            return bytes.size();
        }

        /** The first {@code n} bytes, removed. */
        byte[] takePart(int n) {
            byte[] all = bytes.toByteArray();
            bytes.reset();
            bytes.write(all, n, all.length - n);
            return java.util.Arrays.copyOf(all, n);
        }
    }
}
