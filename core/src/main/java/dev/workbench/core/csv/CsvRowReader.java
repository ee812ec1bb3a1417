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
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Streams the rows of a CSV with a header line, strictly: every row must have as many fields as the header.
 * Rows go straight from FastCSV's buffer into a {@link RowPacker}; the caller takes them as they come.
 */
final class CsvRowReader implements AutoCloseable {
  /** Largest field FastCSV may buffer, in chars; a 50 MB SMILES/JSON field must fit. */
  static final int MAX_FIELD_CHARS = 256 * 1024 * 1024;

  private final String source;
  private final CsvReader<CsvLine> reader;
  private final CloseableIterator<CsvLine> records;
  private final List<String> columns;
  private final List<@Nullable String> header;
  private final int width;
  private final boolean positional;
  private final RowPacker packer;
  private int rowsRead;
  private int pendingBlanks;
  // A record whose fields are pending in the packer, waiting for the blank rows held back before it.
  private boolean held;

  private CsvRowReader(String source, Reader text, boolean positional) {
    this.source = source;
    this.positional = positional;
    FieldsHandler fields = new FieldsHandler();
    this.reader = CsvReader.builder()
        .skipEmptyLines(false)
        .allowExtraFields(true)
        .allowMissingFields(true)
        .allowUnclosedQuote(false)
        .allowExtraCharsAfterClosingQuote(false)
        .maxBufferSize(MAX_FIELD_CHARS)
        .build(fields, text);
    this.records = reader.iterator();
    CsvLine header = null;
    while (header == null) {
      CsvLine next = fetch();
      if (next == null) {
        close();
        throw new FrameException(source + " is empty: no header");
      }
      if (!next.blank) {
        header = next;
      }
    }
    @Nullable String[] names = fields.names();
    if (names[0] != null && names[0].startsWith("\uFEFF")) {
      names[0] = names[0].substring(1); // a BOM that reached us as text (a Reader or String input)
    }
    this.header = Collections.unmodifiableList(Arrays.asList(names.clone()));
    if (positional) {
      // The header is only read here (it may repeat names); columns are named by position for the frame.
      String[] byPosition = new String[names.length];
      for (int i = 0; i < byPosition.length; i++) {
        byPosition[i] = Integer.toString(i);
      }
      this.columns = List.of(byPosition);
    } else {
      try {
        this.columns = Frame.builder(Arrays.asList(names).toArray(String[]::new)).build().columns();
      } catch (FrameException e) {
        close();
        throw new FrameException(source + ", header (line " + header.line + "): " + e.getMessage(), e);
      }
    }
    this.width = columns.size();
    this.packer = new RowPacker(width);
    fields.packInto(packer);
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
    return new CsvRowReader(path.toString(), new StrictUtf8Reader(in, () -> Files.newInputStream(path)), false);
  }

  /** Reads UTF-8 bytes (checked; BOM accepted); closing this reader closes the stream. */
  static CsvRowReader open(InputStream in, String source) {
    return new CsvRowReader(source, new StrictUtf8Reader(in), false);
  }

  /**
   * Reads UTF-8 bytes whose header may repeat or leave out names (a model's answer): the frame's columns are
   * named by position ("0", "1", ...) and {@link #header()} keeps the names as written.
   */
  static CsvRowReader openPositional(InputStream in, String source) {
    return new CsvRowReader(source, new StrictUtf8Reader(in), true);
  }

  /** Reads text; the caller's reader is left open. */
  static CsvRowReader open(Reader text, String source) {
    return new CsvRowReader(source, new FilterReader(text) {
      @Override
      public void close() {
        // the caller owns the reader
      }
    }, false);
  }

  List<String> columns() {
    return columns;
  }

  /** The header's names as written (null for an empty one). */
  List<@Nullable String> header() {
    return header;
  }

  /** Data rows read so far. */
  int rowsRead() {
    return rowsRead;
  }

  /** About this much text is still to come (a file's size). */
  void expect(long chars) {
    packer.expect(chars);
  }

  /** The next {@code maxRows} data rows (fewer only at the end of the input), packed. */
  PackedRows take(int maxRows) {
    read(maxRows, true);
    return packer.take();
  }

  /** Reads past the next {@code rows} data rows, keeping nothing; as strict as reading them. */
  void skip(int rows) {
    read(rows, false);
  }

  /** Reads to the end, keeping nothing; as strict as reading the rows. */
  void skipAll() {
    read(Integer.MAX_VALUE, false);
  }

  private void read(int maxRows, boolean keep) {
    int added = 0;
    while (added < maxRows) {
      if (held) {
        if (pendingBlanks > 0) {
          pendingBlanks--;
          if (keep) {
            packer.nullRow();
          }
        } else {
          held = false;
          if (keep) {
            packer.endRow();
          } else {
            packer.discardRow();
          }
        }
        added++;
        rowsRead++;
        continue;
      }
      CsvLine record = fetch();
      if (record == null) {
        return;
      }
      if (record.blank) {
        packer.discardRow();
        // A blank line is a missing value in a one-column file (held back so trailing blank lines at the
        // end of a file add nothing); in a wider file it carries no row at all.
        if (width == 1) {
          pendingBlanks++;
        }
        continue;
      }
      if (record.fields != width) {
        throw new FrameException(source + ": line " + record.line + " (row index " + (rowsRead + pendingBlanks)
            + ") has " + record.fields + " field" + (record.fields == 1 ? "" : "s")
            + ", expected " + width + " as in the header (" + headerNames() + ")");
      }
      held = true;
    }
  }

  /** The header as a reader of the file sees it: the names as written, an empty one shown as "". */
  private String headerNames() {
    StringBuilder out = new StringBuilder();
    for (String name : header) {
      out.append(out.length() == 0 ? "" : ", ").append(name == null || name.isEmpty() ? "\"\"" : name);
    }
    return out.toString();
  }

  private @Nullable CsvLine fetch() {
    try {
      if (!records.hasNext()) {
        return null;
      }
      return records.next();
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
      // An answer is the model's to fix; a file is the user's to save again.
      return new FrameException(source + ": " + bad.getMessage() + (positional ? "" : "; save the file as UTF-8"), bad);
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
