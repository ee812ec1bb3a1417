package dev.workbench.core.csv;

/**
 * The record FastCSV read last, as the reader sees it: the line it starts on (1-based), how many fields it has,
 * and whether the line was blank. One per reader, overwritten by each record, so a read allocates none.
 */
final class CsvLine {
  long line;
  int fields;
  boolean blank;
}
