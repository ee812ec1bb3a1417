package dev.workbench.core.job;

import dev.workbench.core.csv.CsvBatches;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;

/**
 * An input a streamed run reads once, front to back, in chunks: its name as the user gave it, what identifies its
 * content (a resumed run must read the same bytes), and its row count when it is cheap to know (for the ETA).
 */
public record StreamInput(String name, String identity, @Nullable Integer totalRows, IntFunction<CsvBatches> open) {}
