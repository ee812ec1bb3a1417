package dev.workbench.core.csv;

import de.siegmar.fastcsv.writer.CsvWriter;
import dev.workbench.api.Frame;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/** CSV lines written as {@link CsvFrames} writes them (same quoting and line ends), a header and rows at a time. */
public final class CsvLines {
  private final CsvWriter csv;
  private final Writer out;

  private CsvLines(Writer out) {
    this.out = out;
    this.csv = CsvWriting.writer(out);
  }

  public static CsvLines over(Writer out) {
    return new CsvLines(out);
  }

  public void header(List<String> columns) {
    csv.writeRecord(columns);
  }

  public void rows(Frame rows) {
    CsvWriting.rows(csv, rows, 0, rows.rowCount());
  }

  /** Pushes buffered text into the writer underneath (and flushes it). */
  public void flush() {
    try {
      csv.flush();
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
