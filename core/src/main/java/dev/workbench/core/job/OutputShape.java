package dev.workbench.core.job;

import dev.workbench.api.Frame;
import dev.workbench.core.csv.CsvBatch;
import dev.workbench.core.csv.CsvBatches;
import dev.workbench.core.csv.CsvFileWriter;
import dev.workbench.core.csv.RowSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Fixes the header of a streamed output and aligns every chunk's rows to it. A chunk in which every row failed
 * carries only the input columns and {@code inference_error}, so the header waits for the first chunk with an
 * answer (its columns, as {@link ResultAssembler} would choose them); chunks before it go to a spool file on disk,
 * not the heap, and are written, aligned, once the header is known (or at the end, if no row ever succeeded).
 * A later chunk whose answers bring a column the header lacks cannot be written under it: those rows fail,
 * saying so, rather than lose values silently.
 */
final class OutputShape implements AutoCloseable {
    private final RowSink sink;
    private final int chunkRows;
    private final List<String> inputColumns;
    private @Nullable List<String> header;
    private @Nullable Path spoolDir;
    private @Nullable CsvFileWriter spool;
    private @Nullable List<String> spoolColumns;

    OutputShape(RowSink sink, int chunkRows, List<String> inputColumns, @Nullable List<String> resumedHeader) {
        this.sink = sink;
        this.inputColumns = inputColumns;
        this.chunkRows = chunkRows;
        this.header = resumedHeader;
    }

    /** Takes the next chunk's result, in input order; returns its rows failed as written. */
    long accept(Frame rows) {
        if (header == null) {
            if (rows.errorCount() == rows.rowCount()) {
                spool(rows);
                return rows.rowCount();
            }
            settle(rows.columns());
        }
        Frame aligned = align(rows, header);
        sink.write(aligned);
        return aligned.errorCount();
    }

    /** The header is known (checkpoints are only meaningful after it). */
    boolean settled() {
        return header != null;
    }

    /** No more chunks: a header still unknown is the failed rows' own. */
    void finish() {
        if (header == null) {
            List<String> columns = spoolColumns != null ? spoolColumns : withError(inputColumns);
            settle(columns);
        }
    }

    private void spool(Frame rows) {
        try {
            if (spool == null) {
                spoolDir = Files.createTempDirectory("workbench-stream-");
                spoolColumns = rows.columns();
                spool = CsvFileWriter.open(spoolDir.resolve("failed.csv"), rows.columns());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a spool file for failed rows: " + e.getMessage(), e);
        }
        spool.write(align(rows, spoolColumns));
    }

    private void settle(List<String> answerColumns) {
        List<String> fixed = ResultAssembler.merged(answerColumns,
                spoolColumns == null ? List.of() : List.of(spoolColumns));
        sink.header(fixed);
        header = fixed;
        if (spool != null) {
            CsvFileWriter written = spool;
            spool = null;
            written.commit();
            try (CsvBatches replay = CsvBatches.open(written.target(), chunkRows)) {
                for (CsvBatch b : replay) {
                    sink.write(align(b.rows(), fixed));
                }
            }
            deleteSpool();
        }
    }

    private static List<String> withError(List<String> inputColumns) {
        List<String> c = new ArrayList<>(inputColumns);
        c.remove(Frame.ERROR_COLUMN);
        c.add(Frame.ERROR_COLUMN);
        return c;
    }

    /** The rows under {@code columns} (missing ones null); rows whose answer has a column not there fail. */
    Frame align(Frame rows, List<String> columns) {
        if (rows.columns().equals(columns)) {
            return rows;
        }
        List<String> extra = new ArrayList<>();
        for (String c : rows.columns()) {
            if (!columns.contains(c)) {
                extra.add(c);
            }
        }
        int[] map = new int[columns.size()];
        for (int c = 0; c < map.length; c++) {
            map[c] = rows.hasColumn(columns.get(c)) ? rows.columnIndex(columns.get(c)) : -1;
        }
        int errorAt = columns.indexOf(Frame.ERROR_COLUMN);
        int errorIn = rows.hasColumn(Frame.ERROR_COLUMN) ? rows.columnIndex(Frame.ERROR_COLUMN) : -1;
        List<List<@Nullable String>> out = new ArrayList<>(rows.rowCount());
        for (int r = 0; r < rows.rowCount(); r++) {
            List<@Nullable String> values = rows.values(r);
            @Nullable String[] v = new String[map.length];
            boolean answered = errorIn < 0 || values.get(errorIn) == null;
            for (int c = 0; c < map.length; c++) {
                v[c] = map[c] < 0 ? null : values.get(map[c]);
            }
            if (!extra.isEmpty() && answered && errorAt >= 0) {
                // The answer cannot be written whole under this header: the row fails rather than lose values.
                for (int c = 0; c < map.length; c++) {
                    if (c != errorAt && map[c] >= 0 && !inputColumns.contains(columns.get(c))) {
                        v[c] = null;
                    }
                }
                v[errorAt] = "the model answered with column(s) " + extra + " that the output, fixed by earlier rows,"
                        + " does not have " + columns;
            }
            out.add(Arrays.asList(v));
        }
        return Frame.of(columns, out);
    }

    private void deleteSpool() {
        if (spoolDir != null) {
            try {
                Files.deleteIfExists(spoolDir.resolve("failed.csv"));
                Files.deleteIfExists(spoolDir);
            } catch (IOException ignored) {
                // a temp directory; the OS cleans it
            }
            spoolDir = null;
        }
    }

    @Override
    public void close() {
        if (spool != null) {
            spool.close();
            spool = null;
        }
        deleteSpool();
    }
}
