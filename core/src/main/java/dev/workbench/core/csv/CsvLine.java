package dev.workbench.core.csv;

import org.jspecify.annotations.Nullable;

/** One CSV record: its fields (null for an empty unquoted field) and the line it starts on (1-based). */
record CsvLine(long line, @Nullable String[] fields, boolean blank) {
}
