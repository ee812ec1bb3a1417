package dev.workbench.core.job;

import dev.workbench.api.WorkbenchException;
import dev.workbench.core.csv.CsvBatches;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A Parquet input for a streamed run: DuckDB writes its rows as a temporary CSV on disk (not the heap), which is then
 * read in chunks like any CSV input; the file's column types go with it, for a Parquet output to keep them.
 */
final class ParquetInput {
    private ParquetInput() {
    }

    static StreamInput local(String location) {
        Path path = Path.of(location);
        String identity = StreamEnds.localIdentity(path, "Parquet");
        Map<String, String> types = ParquetFiles.columnTypes(path, location);
        int total = ParquetFiles.rowCount(path, location);
        return new StreamInput(location, identity, total, rows -> open(path, location, rows), types);
    }

    /** The object is downloaded (as it was when headed) to read its schema, and again if opened a second time. */
    static StreamInput s3(String location, S3Client s3, S3Location at, String eTag, long length) {
        Supplier<Path> download = () -> download(s3, at, eTag);
        Path first = download.get();
        Map<String, String> types;
        int total;
        try {
            types = ParquetFiles.columnTypes(first, location);
            total = ParquetFiles.rowCount(first, location);
        } catch (RuntimeException e) {
            deleteTree(first.getParent());
            throw e;
        }
        Path[] pending = {first};
        String identity = location + "#" + eTag + "#" + length;
        return new StreamInput(location, identity, total, rows -> {
            Path file;
            synchronized (pending) {
                file = pending[0] != null ? pending[0] : download.get();
                pending[0] = null;
            }
            try {
                return open(file, location, rows);
            } finally {
                deleteTree(file.getParent());
            }
        }, types);
    }

    /** The rows as CSV batches; the temporary CSV is unlinked once open (its reader keeps it readable). */
    private static CsvBatches open(Path parquet, String location, int rows) {
        Path dir = tempDir();
        try {
            Path csv = dir.resolve("input.csv");
            ParquetFiles.toCsv(parquet, csv, location);
            return CsvBatches.open(csv, rows);
        } finally {
            deleteTree(dir);
        }
    }

    private static Path download(S3Client s3, S3Location at, String eTag) {
        Path dir = tempDir();
        Path file = dir.resolve("input.parquet");
        try {
            s3.getObject(b -> b.bucket(at.bucket()).key(at.key()).ifMatch(eTag), file);
            return file;
        } catch (SdkException e) {
            deleteTree(dir);
            throw new WorkbenchException("Cannot read " + at + ": " + e.getMessage(), e);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("workbench-parquet-in-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary directory: " + e.getMessage(), e);
        }
    }

    /** Best effort: a file still open on a system that cannot unlink it goes when the JVM exits. */
    private static void deleteTree(Path dir) {
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (!f.toFile().delete()) {
                    f.toFile().deleteOnExit();
                }
            }
        } catch (IOException e) {
            // nothing more to do with it
        }
        if (!dir.toFile().delete()) {
            dir.toFile().deleteOnExit();
        }
    }
}
