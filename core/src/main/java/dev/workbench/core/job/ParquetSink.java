package dev.workbench.core.job;

import dev.workbench.api.Frame;
import dev.workbench.api.WorkbenchException;
import dev.workbench.core.csv.ResumableCsvFile;
import dev.workbench.core.csv.RowSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A Parquet output: rows stream into a resumable CSV staged under a hidden name, and only {@link #commit()} turns it
 * into Parquet (in one DuckDB COPY) under a temporary name, then publishes it (a rename, or an S3 upload). A failed
 * or cancelled run leaves no file at the target.
 */
final class ParquetSink implements RowSink {
    private final String target;
    private final ResumableCsvFile staged;
    private final Path stagedPath;
    private final Path parquetTemp;
    private final Map<String, String> inputTypes;
    private final Consumer<Path> publish;
    private final @Nullable Path tempDir;
    private @Nullable List<String> columns;

    private ParquetSink(String target, Path stagedPath, String identity, Path parquetTemp,
            Map<String, String> inputTypes, Consumer<Path> publish, @Nullable Path tempDir) {
        this.target = target;
        this.stagedPath = stagedPath;
        this.staged = ResumableCsvFile.open(stagedPath, identity);
        this.parquetTemp = parquetTemp;
        this.inputTypes = inputTypes;
        this.publish = publish;
        this.tempDir = tempDir;
        this.columns = staged.resumed().map(Resumed::columns).orElse(null);
    }

    /** A local Parquet file; its partial CSV beside it is continued by a re-run of the same input. */
    static ParquetSink local(Path target, String identity, Map<String, String> inputTypes) {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        String name = abs.getFileName().toString();
        Path temp = dir.resolve("." + name + ".tmp");
        return new ParquetSink(target.toString(), dir.resolve("." + name + ".csv"), identity, temp, inputTypes,
                done -> move(done, abs), null);
    }

    /** A Parquet S3 object, built in a temporary directory and uploaded whole at the end. */
    static ParquetSink s3(String target, String identity, Map<String, String> inputTypes, Consumer<Path> upload) {
        Path dir;
        try {
            dir = Files.createTempDirectory("workbench-parquet-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary directory: " + e.getMessage(), e);
        }
        return new ParquetSink(target, dir.resolve("out.csv"), identity, dir.resolve("out.parquet"), inputTypes,
                upload, dir);
    }

    @Override
    public Optional<Resumed> resumed() {
        return staged.resumed();
    }

    @Override
    public void header(List<String> columns) {
        this.columns = List.copyOf(columns);
        staged.header(columns);
    }

    @Override
    public void write(Frame rows) {
        staged.write(rows);
    }

    @Override
    public void checkpoint(long rows, long failed) {
        staged.checkpoint(rows, failed);
    }

    @Override
    public void commit() {
        if (columns == null) {
            throw new IllegalStateException("commit before the header of " + target);
        }
        staged.commit();
        try {
            ParquetFiles.fromCsv(stagedPath, columns, inputTypes, parquetTemp, target);
            publish.accept(parquetTemp);
        } finally {
            cleanUp();
        }
    }

    @Override
    public void discard() {
        staged.discard();
        cleanUp();
    }

    @Override
    public void close() {
        if (tempDir != null) {
            staged.discard(); // an S3 output is not resumable: nothing local is kept
            cleanUp();
        } else {
            staged.close();
        }
    }

    @Override
    public String target() {
        return target;
    }

    private void cleanUp() {
        try {
            Files.deleteIfExists(parquetTemp);
            Files.deleteIfExists(stagedPath);
            if (tempDir != null) {
                Files.deleteIfExists(tempDir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove temporary files of " + target + ": " + e.getMessage(), e);
        }
    }

    private static void move(Path from, Path to) {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new WorkbenchException("Cannot write " + to + ": " + e.getMessage(), e);
        }
    }
}
