package dev.workbench.core.csv;

import dev.workbench.api.Frame;

/** A run of consecutive CSV rows: {@code rows} are the file's data rows {@code firstRow .. firstRow+n-1} (0-based). */
public record CsvBatch(int firstRow, Frame rows) {
  /** The index one past this batch's last row. */
  public int endRow() {
    return firstRow + rows.rowCount();
  }
}
