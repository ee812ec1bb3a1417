package dev.workbench.core.csv;

import dev.workbench.api.Frame;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;

/**
 * Streams a CSV as frames of at most {@code batchRows} rows, each with the index of its first row, so a huge
 * file can be previewed, sent or converted without holding it whole. Close it (try-with-resources / use {}).
 *
 * <pre>{@code
 * try (CsvBatches batches = CsvBatches.open(path, 10_000)) {
 *   for (CsvBatch batch : batches) { ... batch.firstRow() ... batch.rows() ... }
 * }
 * }</pre>
 */
public final class CsvBatches implements Iterable<CsvBatch>, Iterator<CsvBatch>, AutoCloseable {
  private final CsvRowReader rows;
  private final int batchRows;
  private @Nullable CsvBatch next;
  private boolean done;

  private CsvBatches(CsvRowReader rows, int batchRows) {
    if (batchRows < 1) {
      rows.close();
      throw new IllegalArgumentException("batchRows must be at least 1, was " + batchRows);
    }
    this.rows = rows;
    this.batchRows = batchRows;
  }

  /** Batches of a UTF-8 CSV file; the header is read (and checked) at once. */
  public static CsvBatches open(Path path, int batchRows) {
    return new CsvBatches(CsvRowReader.open(path), batchRows);
  }

  /** Batches of UTF-8 CSV bytes; the stream is closed with the batches. */
  public static CsvBatches open(InputStream in, String source, int batchRows) {
    return new CsvBatches(CsvRowReader.open(in, source), batchRows);
  }

  /** Batches of CSV text; the reader is left open. */
  public static CsvBatches open(Reader reader, String source, int batchRows) {
    return new CsvBatches(CsvRowReader.open(reader, source), batchRows);
  }

  /** The header's column names. */
  public List<String> columns() {
    return rows.columns();
  }

  /** Data rows read so far (including those of a batch fetched by hasNext but not yet returned). */
  public int rowsRead() {
    return rows.rowsRead();
  }

  /**
   * Reads past the next {@code rows} rows without keeping them (a resumed run continuing after what it wrote);
   * the batches after it start there. Returns the rows skipped (fewer at the end of the input).
   */
  public int skip(int rows) {
    if (next != null) {
      throw new IllegalStateException("skip before the next batch is read ahead");
    }
    int before = this.rows.rowsRead();
    this.rows.skip(rows);
    return this.rows.rowsRead() - before;
  }

  /** Reads the next batch ahead; a malformed line surfaces here as a FrameException naming it. */
  @Override
  public boolean hasNext() {
    if (next == null && !done) {
      int first = rows.rowsRead();
      Frame batch = CsvFrames.collect(rows, batchRows);
      if (batch.isEmpty()) {
        done = true;
      } else {
        next = new CsvBatch(first, batch);
      }
    }
    return next != null;
  }

  @Override
  public CsvBatch next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    CsvBatch batch = next;
    next = null;
    return batch;
  }

  /** This object itself: iterate it once. */
  @Override
  public Iterator<CsvBatch> iterator() {
    return this;
  }

  @Override
  public void close() {
    done = true;
    next = null;
    rows.close();
  }
}
