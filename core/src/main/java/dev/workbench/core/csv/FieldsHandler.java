package dev.workbench.core.csv;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Hands each field to a {@link RowPacker} as FastCSV finds it, so no String is made per value; until a packer
 * is set (the header line) the fields are kept as Strings. Keeps the difference FastCSV's stock handlers drop:
 * an empty unquoted field is null (a missing value), a quoted empty field {@code ""} is the empty string.
 */
final class FieldsHandler extends AbstractBaseCsvCallbackHandler<CsvLine> {
  private final CsvLine record = new CsvLine();
  private @Nullable RowPacker packer;
  private @Nullable String[] names = new String[16];
  private boolean blank;

  /** From now on, fields go to this packer as the pending row. */
  void packInto(RowPacker rows) {
    packer = rows;
  }

  /** The fields of the last record read before a packer was set. */
  @Nullable String[] names() {
    return Arrays.copyOf(names, getFieldCount());
  }

  @Override
  protected void handleBegin(long startingLineNumber) {
    blank = false;
  }

  @Override
  protected void handleField(int fieldIdx, char[] buf, int offset, int len, boolean quoted) {
    RowPacker rows = packer;
    if (rows != null) {
      if (len == 0 && !quoted) {
        rows.nullField();
      } else {
        rows.field(buf, offset, len);
      }
      return;
    }
    if (fieldIdx >= names.length) {
      names = Arrays.copyOf(names, Math.max(fieldIdx + 1, names.length * 2));
    }
    names[fieldIdx] = len == 0 && !quoted ? null : new String(buf, offset, len);
  }

  @Override
  protected void handleEmpty() {
    blank = true;
  }

  @Override
  protected CsvLine buildRecord() {
    record.line = getStartingLineNumber();
    record.fields = blank ? 1 : getFieldCount();
    record.blank = blank;
    return record;
  }
}
