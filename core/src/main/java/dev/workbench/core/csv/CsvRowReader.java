package dev.workbench.core.csv;

import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import dev.workbench.api.Frame;
import dev.workbench.api.FrameException;
import dev.workbench.api.WorkbenchException;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Streams the rows of a CSV with a header line, strictly: every row must have as many fields as the header.
 * Holds one record at a time; the caller decides what to keep.
 */
final class CsvRowReader implements AutoCloseable {
  /** Largest field FastCSV may buffer, in chars; a 50 MB SMILES/JSON field must fit. */
  static final int MAX_FIELD_CHARS = 256 * 1024 * 1024;

  private final String source;
  private final CsvReader<CsvLine> reader;
  private final CloseableIterator<CsvLine> records;
  private final List<String> columns;
  private final int width;
  private long line;
  private int rowsRead;
  private int pendingBlanks;

  private CsvRowReader(String source, Reader text) {
    this.source = source;
    this.reader = CsvReader.builder()
        .skipEmptyLines(false)
        .allowExtraFields(true)
        .allowMissingFields(true)
        .allowUnclosedQuote(false)
        .allowExtraCharsAfterClosingQuote(false)
        .maxBufferSize(MAX_FIELD_CHARS)
        .build(new FieldsHandler(), text);
    this.records = reader.iterator();
    CsvLine header = null;
    while (header == null) {
      CsvLine next = fetch();
      if (next == null) {
        close();
        throw new FrameException(source + " is empty: no header");
      }
      if (!next.blank()) {
        header = next;
      }
    }
    @Nullable String[] names = header.fields();
    if (names[0] != null && names[0].startsWith("\uFEFF")) {
      names[0] = names[0].substring(1); // a BOM that reached us as text (a Reader or String input)
    }
    try {
      this.columns = Frame.builder(Arrays.asList(names).toArray(String[]::new)).build().columns();
    } catch (FrameException e) {
      close();
      throw new FrameException(source + ", header (line " + header.line() + "): " + e.getMessage(), e);
    }
    this.width = columns.size();
  }

  static CsvRowReader open(Path path) {
    InputStream in;
    try {
      in = Files.newInputStream(path);
    } catch (NoSuchFileException e) {
      throw new FrameException("No such CSV file: " + path, e);
    } catch (IOException e) {
      throw new FrameException("Cannot read CSV file " + path + ": " + e.getMessage(), e);
    }
    return open(in, path.toString());
  }

  /** Reads UTF-8 bytes (checked; BOM accepted); closing this reader closes the stream. */
  static CsvRowReader open(InputStream in, String source) {
    return new CsvRowReader(source, new StrictUtf8Reader(in));
  }

  /** Reads text; the caller's reader is left open. */
  static CsvRowReader open(Reader text, String source) {
    return new CsvRowReader(source, new FilterReader(text) {
      @Override
      public void close() {
        // the caller owns the reader
      }
    });
  }

  List<String> columns() {
    return columns;
  }

  /** Where the rows come from, as error messages name it. */
  String source() {
    return source;
  }

  /** Data rows returned so far. */
  int rowsRead() {
    return rowsRead;
  }

  /** The next data row, or null at the end. */
  @Nullable String @Nullable [] next() {
    if (pendingBlanks > 0) {
      pendingBlanks--;
      rowsRead++;
      return new String[1];
    }
    while (true) {
      CsvLine record = fetch();
      if (record == null) {
        return null;
      }
      if (record.blank()) {
        // A blank line is a missing value in a one-column file (held back so trailing blank lines at the
        // end of a file add nothing); in a wider file it carries no row at all.
        if (width == 1) {
          pendingBlanks++;
        }
        continue;
      }
      if (record.fields().length != width) {
        throw new FrameException(source + ": line " + record.line() + " (row index " + (rowsRead + pendingBlanks)
            + ") has " + record.fields().length + " field" + (record.fields().length == 1 ? "" : "s")
            + ", expected " + width + " as in the header (" + String.join(", ", columns) + ")");
      }
      if (pendingBlanks > 0) {
        // emit the held-back blank rows first, then this one
        pendingBlanks--;
        rowsRead++;
        pushBack = record;
        return new String[1];
      }
      rowsRead++;
      return record.fields();
    }
  }

  private @Nullable CsvLine pushBack;

  private @Nullable CsvLine fetch() {
    if (pushBack != null) {
      CsvLine r = pushBack;
      pushBack = null;
      return r;
    }
    try {
      if (!records.hasNext()) {
        return null;
      }
      CsvLine record = records.next();
      line = record.line();
      return record;
    } catch (CsvParseException e) {
      throw parseError(e);
    } catch (UncheckedIOException e) {
      throw ioError(e.getCause());
    }
  }

  private RuntimeException parseError(CsvParseException e) {
    IOException io = find(e, IOException.class);
    if (io != null) {
      return ioError(io);
    }
    StringBuilder why = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null) {
        if (why.length() > 0) {
          why.append(": ");
        }
        why.append(t.getMessage());
      }
    }
    return new FrameException(source + ": malformed CSV: " + why, e);
  }

  private RuntimeException ioError(@Nullable Throwable cause) {
    StrictUtf8Reader.MalformedUtf8Exception bad = find(cause, StrictUtf8Reader.MalformedUtf8Exception.class);
    if (bad != null) {
      return new FrameException(source + ": " + bad.getMessage() + "; save the file as UTF-8", bad);
    }
    String message = cause == null ? "read failed" : String.valueOf(cause.getMessage());
    return new WorkbenchException("Cannot read " + source + ": " + message, cause);
  }

  private static <T extends Throwable> @Nullable T find(@Nullable Throwable t, Class<T> type) {
    for (Throwable at = t; at != null; at = at.getCause()) {
      if (type.isInstance(at)) {
        return type.cast(at);
      }
    }
    return null;
  }

  @Override
  public void close() {
    try {
      reader.close();
    } catch (IOException e) {
      // nothing was written; a failed close of an input loses nothing
    }
  }
}
