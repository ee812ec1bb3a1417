package dev.workbench.core.csv;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import de.siegmar.fastcsv.writer.QuoteStrategy;
import dev.workbench.api.Frame;
import java.io.IOException;
import java.io.Writer;

/** The one place CSV is written: LF lines, quotes only where needed, {@code ""} for an empty string, nothing for null. */
final class CsvWriting {
  /** Quote an empty string so it reads back as "" and not as null (a missing value). */
  private static final QuoteStrategy EMPTY_IS_NOT_NULL = new QuoteStrategy() {
    @Override
    public boolean quoteEmpty(int lineNo, int fieldIdx) {
      return true;
    }
  };

  private CsvWriting() {
  }

  static CsvWriter writer(Writer out) {
    return CsvWriter.builder()
        .lineDelimiter(LineDelimiter.LF)
        .quoteStrategy(EMPTY_IS_NOT_NULL)
        .bufferSize(1 << 16)
        .build(out);
  }

  static void header(CsvWriter csv, Frame frame) {
    csv.writeRecord(frame.columns());
  }

  /** Rows {@code from .. to-1}, after the header has been written. */
  static void rows(CsvWriter csv, Frame frame, int from, int to) {
    for (int r = from; r < to; r++) {
      csv.writeRecord(frame.values(r));
    }
  }

  /** Header and rows {@code from .. to-1}, flushed into {@code out}. */
  static void write(Frame frame, int from, int to, Writer out) throws IOException {
    CsvWriter csv = writer(out);
    header(csv, frame);
    rows(csv, frame, from, to);
    csv.flush();
  }
}
