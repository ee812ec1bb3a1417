package dev.workbench.core.csv;

import de.siegmar.fastcsv.writer.CsvWriter;
import dev.workbench.api.Frame;
import dev.workbench.api.FrameException;
import dev.workbench.api.WorkbenchException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Writes a CSV file batch by batch (results of a huge inference as they arrive) without ever showing a
 * half-written file: rows go to a temp file beside the target, and {@link #commit()} moves it into place.
 * Closing without commit deletes the temp file and leaves any existing target untouched.
 *
 * <pre>{@code
 * try (CsvFileWriter out = CsvFileWriter.open(path, columns)) {
 *   for (...) out.write(batch);
 *   out.commit();
 * }
 * }</pre>
 */
public final class CsvFileWriter implements AutoCloseable {
  private final Path target;
  private final List<String> columns;
  private @Nullable Path temp;
  private final Writer text;
  private final CsvWriter csv;
  private long rows;
  private boolean committed;

  private CsvFileWriter(Path target, List<String> columns, Path temp, Writer text) {
    this.target = target;
    this.columns = columns;
    this.temp = temp;
    this.text = text;
    this.csv = CsvWriting.writer(text);
  }

  /** Starts the file: a temp file next to {@code target} with the header line. */
  public static CsvFileWriter open(Path target, List<String> columns) {
    List<String> header = Frame.empty(columns).columns(); // checks blank and duplicate names
    Path file = target.toAbsolutePath();
    AtomicFiles.checkTarget(target);
    Path temp = null;
    try {
      Files.createDirectories(file.getParent());
      AtomicFiles.Temp created = AtomicFiles.createTemp(file.getParent(), file);
      temp = created.path();
      Writer text = new BufferedWriter(new OutputStreamWriter(created.stream(), StandardCharsets.UTF_8), 1 << 16);
      CsvFileWriter writer = new CsvFileWriter(file, header, temp, text);
      writer.csv.writeRecord(header);
      return writer;
    } catch (IOException | UncheckedIOException e) {
      AtomicFiles.deleteQuietly(temp);
      throw new WorkbenchException("Cannot write " + target + ": " + message(e), e);
    }
  }

  /** Appends these rows; their columns must be the file's, in the same order. */
  public void write(Frame batch) {
    if (!batch.columns().equals(columns)) {
      throw new FrameException("Cannot append to " + target + ": the rows have columns " + batch.columns()
          + " but the file has " + columns);
    }
    checkOpen();
    try {
      CsvWriting.rows(csv, batch, 0, batch.rowCount());
    } catch (UncheckedIOException e) {
      throw new WorkbenchException("Cannot write " + target + ": " + message(e), e);
    }
    rows += batch.rowCount();
  }

  /** Data rows written so far. */
  public long rowsWritten() {
    return rows;
  }

  public Path target() {
    return target;
  }

  /** Flushes, syncs and moves the complete file over the target. */
  public void commit() {
    checkOpen();
    Path written = temp;
    try {
      csv.close();
      AtomicFiles.moveIntoPlace(written, target);
      committed = true;
      temp = null;
    } catch (IOException | UncheckedIOException e) {
      close();
      throw new WorkbenchException("Cannot write " + target + ": " + message(e), e);
    }
  }

  /** Without a commit: discards what was written (the target is left as it was). */
  @Override
  public void close() {
    if (temp != null) {
      try {
        text.close();
      } catch (IOException ignored) {
        // discarding anyway
      }
      AtomicFiles.deleteQuietly(temp);
      temp = null;
    }
  }

  private void checkOpen() {
    if (committed || temp == null) {
      throw new IllegalStateException("CSV writer for " + target + " is " + (committed ? "committed" : "closed"));
    }
  }

  private static String message(Exception e) {
    return AtomicFiles.describe(e instanceof UncheckedIOException u ? u.getCause() : (IOException) e);
  }
}
