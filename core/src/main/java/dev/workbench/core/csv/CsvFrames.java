package dev.workbench.core.csv;

import dev.workbench.api.Frame;
import dev.workbench.api.FrameException;
import dev.workbench.api.WorkbenchException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** Reading and writing whole frames as CSV. {@link Frame#readCsv} and {@link Frame#writeCsv} land here. */
public final class CsvFrames {
  private CsvFrames() {
  }

  /** A UTF-8 CSV file with a header line, read strictly; values are held once, as one array per row. */
  public static Frame read(Path path) {
    try (CsvRowReader rows = CsvRowReader.open(path)) {
      return collect(rows, Integer.MAX_VALUE);
    }
  }

  /** CSV text from a reader (left open); {@code source} names it in error messages. */
  public static Frame read(Reader reader, String source) {
    try (CsvRowReader rows = CsvRowReader.open(reader, source)) {
      return collect(rows, Integer.MAX_VALUE);
    }
  }

  /** UTF-8 CSV bytes from a stream (closed at the end); {@code source} names it in error messages. */
  public static Frame read(InputStream in, String source) {
    try (CsvRowReader rows = CsvRowReader.open(in, source)) {
      return collect(rows, Integer.MAX_VALUE);
    }
  }

  /** CSV text with a header line. */
  public static Frame parse(String csv) {
    return read(new StringReader(csv), "CSV text");
  }

  /** The header and the first {@code maxRows} rows of a file, reading no further (a preview of a huge file). */
  public static Frame head(Path path, int maxRows) {
    try (CsvRowReader rows = CsvRowReader.open(path)) {
      return collect(rows, maxRows);
    }
  }

  /** The number of data rows in a file, streamed (nothing kept); the file is checked as strictly as by read. */
  public static int countRows(Path path) {
    try (CsvRowReader rows = CsvRowReader.open(path)) {
      while (rows.next() != null) {
        // counting only
      }
      return rows.rowsRead();
    }
  }

  /** Writes the frame to a file atomically: a temp file beside it is moved into place when complete. */
  public static void write(Frame frame, Path path) {
    AtomicFiles.write(path, out -> CsvWriting.write(frame, 0, frame.rowCount(), out));
  }

  /** Writes the frame to a writer, flushed and left open. */
  public static void write(Frame frame, Writer writer) {
    try {
      CsvWriting.write(frame, 0, frame.rowCount(), writer);
      writer.flush();
    } catch (IOException e) {
      throw new WorkbenchException("Cannot write CSV: " + e.getMessage(), e);
    } catch (UncheckedIOException e) {
      throw new WorkbenchException("Cannot write CSV: " + e.getCause().getMessage(), e.getCause());
    }
  }

  /** The frame as CSV text. */
  public static String toCsv(Frame frame) {
    TextSink out = new TextSink(Math.max(64, frame.rowCount() * 16));
    write(frame, out);
    return out.toString();
  }

  static Frame collect(CsvRowReader rows, int maxRows) {
    Frame.Builder frame = Frame.builder(rows.columns());
    while (frame.rowCount() < maxRows) {
      @Nullable String @Nullable [] row = rows.next();
      if (row == null) {
        break;
      }
      try {
        frame.row(row);
      } catch (FrameException e) {
        throw new FrameException(rows.source() + ": " + e.getMessage(), e);
      }
    }
    return frame.build();
  }
}
