package dev.workbench.core.job;

import dev.workbench.core.csv.CsvBatches;
import java.util.Map;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;

/**
 * An input a streamed run reads once, front to back, in chunks: its name as the user gave it, what identifies its
 * content (a resumed run must read the same bytes), its row count when it is cheap to know (for the ETA), and the
 * types of its columns where the input has them (Parquet; none for CSV, whose values stay exactly as given).
 */
public record StreamInput(String name, String identity, @Nullable Integer totalRows, IntFunction<CsvBatches> open,
        Map<String, String> columnTypes) {
    public StreamInput {
        columnTypes = Map.copyOf(columnTypes);
    }

    /** An input without column types (CSV). */
    public StreamInput(String name, String identity, @Nullable Integer totalRows, IntFunction<CsvBatches> open) {
        this(name, identity, totalRows, open, Map.of());
    }
}
