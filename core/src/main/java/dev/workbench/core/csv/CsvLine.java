package dev.workbench.core.csv;

/** One CSV record as the reader sees it: the line it starts on (1-based) and how many fields it has. */
record CsvLine(long line, int fields, boolean blank) {
}
