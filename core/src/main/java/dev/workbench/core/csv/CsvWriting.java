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
    return writer(out, 1 << 16);
  }

  /** A writer with a buffer of this many chars (small bodies need no 64 K buffer each). */
  static CsvWriter writer(Writer out, int bufferChars) {
    return CsvWriter.builder()
        .lineDelimiter(LineDelimiter.LF)
        .quoteStrategy(EMPTY_IS_NOT_NULL)
        .bufferSize(bufferChars)
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
    write(frame, from, to, out, 1 << 16);
  }

  /** Header and rows {@code from .. to-1}, flushed into {@code out}, through a buffer of this many chars. */
  static void write(Frame frame, int from, int to, Writer out, int bufferChars) throws IOException {
    CsvWriter csv = writer(out, bufferChars);
    header(csv, frame);
    rows(csv, frame, from, to);
    csv.flush();
  }
}
