package dev.workbench.console.viewmodel;

import dev.workbench.api.Frame;
import org.jspecify.annotations.Nullable;

/**
 * One row of the results table: its row number in the input, the output values (a view into the batch's
 * frame, so a million rows cost no copies) and its error when the row failed.
 */
public record ResultRow(int row, Frame.Row data, @Nullable String error) {
  static ResultRow of(int row, Frame.Row data, boolean hasErrorColumn) {
    String e = hasErrorColumn ? data.get(Frame.ERROR_COLUMN) : null;
    return new ResultRow(row, data, e == null || e.isBlank() ? null : e);
  }

  public boolean failed() {
    return error != null;
  }

  /** The value in the named column; null when this row's batch has no such column (a batch that failed whole). */
  public @Nullable String value(String column) {
    return data.hasColumn(column) ? data.get(column) : null;
  }
}
