package dev.workbench.core.csv;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Builds each record as a String array, keeping the difference FastCSV's stock handlers drop: an empty
 * unquoted field is null (a missing value), a quoted empty field {@code ""} is the empty string.
 */
final class FieldsHandler extends AbstractBaseCsvCallbackHandler<CsvLine> {
  private @Nullable String[] fields = new String[16];
  private boolean blank;

  @Override
  protected void handleBegin(long startingLineNumber) {
    blank = false;
  }

  @Override
  protected void handleField(int fieldIdx, char[] buf, int offset, int len, boolean quoted) {
    if (fieldIdx >= fields.length) {
      fields = Arrays.copyOf(fields, Math.max(fieldIdx + 1, fields.length * 2));
    }
    fields[fieldIdx] = len == 0 && !quoted ? null : new String(buf, offset, len);
  }

  @Override
  protected void handleEmpty() {
    blank = true;
  }

  @Override
  protected CsvLine buildRecord() {
    int n = blank ? 1 : getFieldCount();
    @Nullable String[] out = blank ? new String[1] : Arrays.copyOf(fields, n);
    return new CsvLine(getStartingLineNumber(), out, blank);
  }
}
