package dev.workbench.core.csv;

import dev.workbench.api.Frame;
import dev.workbench.api.WorkbenchException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Reading and writing whole frames as CSV. {@link Frame#readCsv} and {@link Frame#writeCsv} land here. */
public final class CsvFrames {
  private CsvFrames() {
  }

  /** A UTF-8 CSV file with a header line, read strictly; values are held packed, never one String each. */
  public static Frame read(Path path) {
    try (CsvRowReader rows = CsvRowReader.open(path)) {
      try {
        rows.expect(Files.size(path));
      } catch (IOException e) {
        // only a sizing hint; the read itself reports what is wrong with the file
      }
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
      try {
        rows.expect(in.available());
      } catch (IOException e) {
        // only a sizing hint; the read itself reports what is wrong with the stream
      }
      return collect(rows, Integer.MAX_VALUE);
    }
  }

  /**
   * A model's answer: UTF-8 CSV bytes read as strictly as a file (bad bytes, ragged rows and unclosed quotes
   * throw a {@link dev.workbench.api.FrameException} naming what and where), but with the header kept as
   * written, since an answer may repeat a name (an input column echoed beside the model's own value of it).
   */
  public static HeadedRows readAnswer(byte[] body, String source) {
    try (CsvRowReader rows = CsvRowReader.openPositional(new java.io.ByteArrayInputStream(body), source)) {
      rows.expect(body.length);
      return new HeadedRows(rows.header(), collect(rows, Integer.MAX_VALUE));
    }
  }

  /** Rows whose frame columns are named by position, with the header's names as written. */
  public record HeadedRows(List<@Nullable String> header, Frame rows) {}

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
      rows.skipAll();
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
    return storage().frame(rows.columns(), rows.take(maxRows));
  }

  /** What {@link Frame} gives this package: frames of packed rows without a public constructor. */
  public interface FrameStorage {
    /** A frame of these (already checked) columns and rows. */
    Frame frame(List<String> columns, PackedRows rows);
  }

  private static volatile @Nullable FrameStorage storage;

  /** Called once, by Frame as it loads. */
  public static synchronized void install(FrameStorage frames) {
    if (storage != null) {
      throw new IllegalStateException("Frame's storage access is already installed");
    }
    storage = frames;
  }

  static FrameStorage storage() {
    FrameStorage frames = storage;
    if (frames == null) {
      try {
        Class.forName(Frame.class.getName(), true, Frame.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
      frames = storage;
    }
    return frames;
  }
}
