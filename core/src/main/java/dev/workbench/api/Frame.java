package dev.workbench.api;

import dev.workbench.core.csv.CsvFrames;
import dev.workbench.core.csv.PackedRows;
import dev.workbench.core.csv.RowPacker;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/**
 * An immutable, column-named table of String values exactly as the CSV gave them ({@code "007"} stays
 * {@code "007"}; an empty unquoted CSV field is {@code null}, a quoted empty field {@code ""} is the empty string).
 *
 * <p>Values are stored packed, many rows to one text array (Latin-1 bytes where the text allows) and one int
 * array, and become Strings only when read, so a million-row frame is a handful of arrays, not ten million
 * Strings. Storage is shared between frames: {@link #slice}, {@link #selectRows}, {@link #failedRows} and
 * {@link #concat} copy row references, never values, so a million-row frame is held once. A frame made so keeps
 * the blocks of rows it shares reachable for as long as it lives, even when it picked only a few of their rows.
 *
 * <p>Kotlin: {@code frame[0]["mw"]}, {@code frame[0, "mw"]}, {@code for (row in frame)}.
 */
public final class Frame implements Iterable<Frame.Row> {
  /** The column that carries a row's error message after inference; null when the row succeeded. */
  public static final String ERROR_COLUMN = "inference_error";

  private static final int PREVIEW_ROWS = 5;
  private static final int PREVIEW_CHARS = 40;

  static {
    CsvFrames.install(Frame::fresh);
  }

  private final List<String> columns;
  private final Map<String, Integer> index;
  // Every row has exactly columns.size() values.
  private final PackedRows rows;
  private final int offset;
  private final int count;

  private Frame(List<String> columns, Map<String, Integer> index, PackedRows rows, int offset, int count) {
    this.columns = columns;
    this.index = index;
    this.rows = rows;
    this.offset = offset;
    this.count = count;
  }

  private static Frame fresh(List<String> columns, PackedRows rows) {
    List<String> names = checkColumns(columns);
    return new Frame(names, indexOf(names), rows, 0, rows.size());
  }

  // ---------------------------------------------------------------- construction

  /** A frame of these columns and rows; every row must have one value per column. */
  public static Frame of(List<String> columns, List<? extends List<@Nullable String>> rows) {
    Builder builder = new Builder(columns);
    for (List<@Nullable String> row : rows) {
      builder.row(row);
    }
    return builder.build();
  }

  /** A builder: {@code Frame.builder("id", "smiles").row("1", "CCO").build()}. */
  public static Builder builder(String... columns) {
    return new Builder(Arrays.asList(columns));
  }

  /** A builder for these columns. */
  public static Builder builder(List<String> columns) {
    return new Builder(columns);
  }

  /** A frame with these columns and no rows. */
  public static Frame empty(List<String> columns) {
    return fresh(columns, PackedRows.none());
  }

  /** Reads a UTF-8 CSV file (BOM accepted) with a header line; strict about ragged rows and bad bytes. */
  public static Frame readCsv(Path path) {
    return CsvFrames.read(path);
  }

  /** Reads CSV text with a header line from a reader (not closed). */
  public static Frame readCsv(Reader reader) {
    return CsvFrames.read(reader, "CSV input");
  }

  /** Parses CSV text with a header line. */
  public static Frame parseCsv(String csv) {
    return CsvFrames.parse(csv);
  }

  /** Concatenates frames with the same columns in the same order. */
  public static Frame concat(List<Frame> parts) {
    if (parts.isEmpty()) {
      throw new FrameException("Nothing to concatenate: no frames given");
    }
    Frame first = parts.get(0);
    int total = 0;
    for (int p = 0; p < parts.size(); p++) {
      Frame part = parts.get(p);
      if (!part.columns.equals(first.columns)) {
        throw new FrameException("Cannot concatenate: frame " + p + " has columns " + part.columns
            + " but frame 0 has " + first.columns);
      }
      total = Math.addExact(total, part.count);
    }
    if (parts.size() == 1) {
      return first;
    }
    List<PackedRows> storage = new ArrayList<>(parts.size());
    int[] from = new int[parts.size()];
    int[] counts = new int[parts.size()];
    for (int p = 0; p < parts.size(); p++) {
      Frame part = parts.get(p);
      storage.add(part.rows);
      from[p] = part.offset;
      counts[p] = part.count;
    }
    return new Frame(first.columns, first.index, PackedRows.concat(storage, from, counts), 0, total);
  }

  // ---------------------------------------------------------------- CSV out

  /** Writes the frame as UTF-8 CSV; atomic: a temp file in the same directory is moved into place. */
  public void writeCsv(Path path) {
    CsvFrames.write(this, path);
  }

  /** Writes the frame as CSV to a writer (flushed, not closed). */
  public void writeCsv(Writer writer) {
    CsvFrames.write(this, writer);
  }

  /** The frame as CSV text: header line, then one line per row; null is an empty field. */
  public String toCsv() {
    return CsvFrames.toCsv(this);
  }

  // ---------------------------------------------------------------- shape

  /** Column names in order (unmodifiable). */
  public List<String> columns() {
    return columns;
  }

  public int rowCount() {
    return count;
  }

  public int columnCount() {
    return columns.size();
  }

  /** True when the frame has no rows (it may still have columns). */
  public boolean isEmpty() {
    return count == 0;
  }

  public boolean hasColumn(String name) {
    return index.containsKey(name);
  }

  /** The position of a column; FrameException naming the column and the columns there are when absent. */
  public int columnIndex(String name) {
    Integer at = index.get(name);
    if (at == null) {
      throw new FrameException("No column '" + name + "' (columns: " + String.join(", ", columns) + ")");
    }
    return at;
  }

  // ---------------------------------------------------------------- values

  /** A row (a view). Kotlin: {@code frame[0]}. */
  public Row get(int row) {
    checkRow(row);
    return new Row(row);
  }

  /** One value. Kotlin: {@code frame[0, "mw"]}. */
  public @Nullable String get(int row, String column) {
    int c = columnIndex(column);
    checkRow(row);
    return rows.value(offset + row, c);
  }

  /** Same as {@link #get(int, String)}; reads well next to {@link #getDouble}. */
  public @Nullable String getString(int row, String column) {
    return get(row, column);
  }

  /** A value as a number: NaN when null or blank; FrameException naming row and column when not a number. */
  public double getDouble(int row, String column) {
    return parseNumber(get(row, column), row, column);
  }

  /** A column's values in row order (an unmodifiable view). */
  public List<@Nullable String> column(String name) {
    int c = columnIndex(name);
    return new AbstractList<>() {
      @Override
      public @Nullable String get(int i) {
        Objects.checkIndex(i, count);
        return rows.value(offset + i, c);
      }

      @Override
      public int size() {
        return count;
      }
    };
  }

  /** One row's values in column order (an unmodifiable view). */
  public List<@Nullable String> values(int row) {
    checkRow(row);
    return Collections.unmodifiableList(Arrays.asList(rows.values(offset + row)));
  }

  @Override
  public Iterator<Row> iterator() {
    return new Iterator<>() {
      private int next;

      @Override
      public boolean hasNext() {
        return next < count;
      }

      @Override
      public Row next() {
        if (next >= count) {
          throw new NoSuchElementException();
        }
        return new Row(next++);
      }
    };
  }

  @Override
  public Spliterator<Row> spliterator() {
    return Spliterators.spliterator(iterator(), count,
        Spliterator.ORDERED | Spliterator.SIZED | Spliterator.NONNULL | Spliterator.IMMUTABLE);
  }

  public Stream<Row> stream() {
    return StreamSupport.stream(spliterator(), false);
  }

  // ---------------------------------------------------------------- derived frames

  /** Rows {@code from .. to-1}; shares storage with this frame. */
  public Frame slice(int fromInclusive, int toExclusive) {
    if (fromInclusive < 0 || toExclusive > count || fromInclusive > toExclusive) {
      throw new FrameException("Slice " + fromInclusive + ".." + toExclusive + " is outside the frame's "
          + count + " rows");
    }
    return new Frame(columns, index, rows, offset + fromInclusive, toExclusive - fromInclusive);
  }

  /** These rows, in the order given (repeats allowed). */
  public Frame selectRows(int[] rowIndexes) {
    int[] picked = new int[rowIndexes.length];
    for (int i = 0; i < rowIndexes.length; i++) {
      checkRow(rowIndexes[i]);
      picked[i] = offset + rowIndexes[i];
    }
    return new Frame(columns, index, rows.pick(picked, picked.length), 0, picked.length);
  }

  /** This frame with a column added at the end, or replaced in place when it exists. */
  public Frame withColumn(String name, List<@Nullable String> values) {
    if (values.size() != count) {
      throw new FrameException("Column '" + name + "' has " + values.size() + " values but the frame has "
          + count + " rows");
    }
    Integer existing = index.get(name);
    List<String> names = new ArrayList<>(columns);
    int c;
    if (existing == null) {
      names.add(name);
      c = names.size() - 1;
    } else {
      c = existing;
    }
    int width = names.size();
    RowPacker out = new RowPacker(width);
    for (int r = 0; r < count; r++) {
      for (int i = 0; i < width; i++) {
        if (i == c) {
          out.value(values.get(r));
        } else {
          rows.copyTo(out, offset + r, i);
        }
      }
      out.endRow();
    }
    return fresh(names, out.build());
  }

  /** Only these columns, in this order. */
  public Frame select(String... names) {
    return select(Arrays.asList(names));
  }

  /** Only these columns, in this order. */
  public Frame select(List<String> names) {
    int[] picked = new int[names.size()];
    for (int i = 0; i < picked.length; i++) {
      picked[i] = columnIndex(names.get(i));
    }
    RowPacker out = new RowPacker(picked.length);
    for (int r = 0; r < count; r++) {
      for (int from : picked) {
        rows.copyTo(out, offset + r, from);
      }
      out.endRow();
    }
    return fresh(names, out.build());
  }

  /** This frame without these columns (names that are absent are ignored). */
  public Frame drop(String... names) {
    Set<String> gone = Set.of(names);
    List<String> keep = new ArrayList<>();
    for (String c : columns) {
      if (!gone.contains(c)) {
        keep.add(c);
      }
    }
    return keep.size() == columns.size() ? this : select(keep);
  }

  /** Rows whose {@value #ERROR_COLUMN} is not null; 0 when there is no such column. */
  public long errorCount() {
    Integer c = index.get(ERROR_COLUMN);
    if (c == null) {
      return 0;
    }
    long n = 0;
    for (int r = 0; r < count; r++) {
      if (!rows.isNull(offset + r, c)) {
        n++;
      }
    }
    return n;
  }

  /** The rows whose {@value #ERROR_COLUMN} is not null (no rows when there is no such column). */
  public Frame failedRows() {
    Integer c = index.get(ERROR_COLUMN);
    if (c == null) {
      return new Frame(columns, index, PackedRows.none(), 0, 0);
    }
    int[] failed = new int[count];
    int n = 0;
    for (int r = 0; r < count; r++) {
      if (!rows.isNull(offset + r, c)) {
        failed[n++] = offset + r;
      }
    }
    return new Frame(columns, index, rows.pick(failed, n), 0, n);
  }

  // ---------------------------------------------------------------- object

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Frame other) || other.count != count || !other.columns.equals(columns)) {
      return false;
    }
    for (int r = 0; r < count; r++) {
      if (!rows.sameRow(offset + r, other.rows, other.offset + r)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = columns.hashCode();
    for (int r = 0; r < count; r++) {
      h = 31 * h + rows.rowHash(offset + r);
    }
    return h;
  }

  /** A short preview: the shape, the columns and the first few rows (values cut at 40 characters). */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("Frame[").append(count).append(count == 1 ? " row x " : " rows x ")
        .append(columns.size()).append(columns.size() == 1 ? " column]" : " columns]");
    s.append("\n  ").append(String.join(", ", columns));
    int shown = Math.min(count, PREVIEW_ROWS);
    for (int r = 0; r < shown; r++) {
      s.append("\n  ");
      for (int c = 0; c < columns.size(); c++) {
        if (c > 0) {
          s.append(", ");
        }
        String v = rows.value(offset + r, c);
        if (v == null) {
          s.append("null");
        } else {
          String cut = v.length() > PREVIEW_CHARS ? v.substring(0, PREVIEW_CHARS) + "…" : v;
          s.append(cut.replace("\r", "\\r").replace("\n", "\\n"));
        }
      }
    }
    if (count > shown) {
      s.append("\n  … ").append(count - shown).append(" more rows");
    }
    return s.toString();
  }

  // ---------------------------------------------------------------- internals

  private void checkRow(int row) {
    if (row < 0 || row >= count) {
      throw new FrameException("Row " + row + " is out of range: the frame has " + count + " rows");
    }
  }

  private static List<String> checkColumns(List<String> columns) {
    List<String> blank = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    Set<String> dup = new LinkedHashSet<>();
    String[] names = new String[columns.size()];
    for (int i = 0; i < names.length; i++) {
      @Nullable String name = columns.get(i);
      if (name == null || name.isBlank()) {
        blank.add("position " + (i + 1));
        continue;
      }
      if (!seen.add(name)) {
        dup.add(name);
      }
      // Interned: a million frames of the same header share one set of name strings.
      names[i] = name.intern();
    }
    if (!blank.isEmpty()) {
      List<String> shown = new ArrayList<>();
      for (@Nullable String c : columns) {
        shown.add(c == null ? "" : c);
      }
      throw new FrameException("Blank column name at " + String.join(", ", blank) + " (columns: "
          + String.join(", ", shown) + ")");
    }
    if (!dup.isEmpty()) {
      throw new FrameException("Duplicate column name" + (dup.size() > 1 ? "s " : " ") + String.join(", ", dup)
          + " (columns: " + String.join(", ", columns) + ")");
    }
    return List.of(names);
  }

  private static Map<String, Integer> indexOf(List<String> names) {
    Map<String, Integer> map = new HashMap<>(names.size() * 2);
    for (int i = 0; i < names.size(); i++) {
      map.put(names.get(i), i);
    }
    return Collections.unmodifiableMap(map);
  }

  /** Numbers as Python/pandas and Java write them, including nan and inf; blank means missing. */
  private static double parseNumber(@Nullable String value, int row, String column) {
    if (value == null || value.isBlank()) {
      return Double.NaN;
    }
    String v = value.strip();
    switch (v.toLowerCase(java.util.Locale.ROOT)) {
      case "nan", "+nan", "-nan":
        return Double.NaN;
      case "inf", "+inf", "infinity", "+infinity":
        return Double.POSITIVE_INFINITY;
      case "-inf", "-infinity":
        return Double.NEGATIVE_INFINITY;
      default:
        break;
    }
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new FrameException("Row " + row + ", column '" + column + "': '" + value + "' is not a number");
    }
  }

  // ---------------------------------------------------------------- Row

  /** One row of the frame (a view, cheap to create). Kotlin: {@code row["mw"]}. */
  public final class Row {
    private final int row;

    private Row(int row) {
      this.row = row;
    }

    /** The row's position in its frame. */
    public int index() {
      return row;
    }

    public @Nullable String get(String column) {
      return rows.value(offset + row, columnIndex(column));
    }

    /** Whether this row's frame has the column (batches of one result may differ in their columns). */
    public boolean hasColumn(String column) {
      return index.containsKey(column);
    }

    public @Nullable String get(int column) {
      Objects.checkIndex(column, columns.size());
      return rows.value(offset + row, column);
    }

    public @Nullable String getString(String column) {
      return get(column);
    }

    /** NaN when null or blank; FrameException naming row and column when not a number. */
    public double getDouble(String column) {
      return parseNumber(get(column), row, column);
    }

    /** The values in column order (unmodifiable). */
    public List<@Nullable String> values() {
      return Collections.unmodifiableList(Arrays.asList(rows.values(offset + row)));
    }

    /** Column name to value, in column order. */
    public Map<String, @Nullable String> toMap() {
      Map<String, @Nullable String> map = new LinkedHashMap<>();
      for (int c = 0; c < columns.size(); c++) {
        map.put(columns.get(c), rows.value(offset + row, c));
      }
      return Collections.unmodifiableMap(map);
    }

    /** Rows are equal when their columns and values are (their positions may differ). */
    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof Row other && other.columns().equals(columns)
          && rows.sameRow(offset + row, other.storage(), other.at());
    }

    @Override
    public int hashCode() {
      return rows.rowHash(offset + row);
    }

    @Override
    public String toString() {
      return "Row " + row + " " + toMap();
    }

    private List<String> columns() {
      return columns;
    }

    private PackedRows storage() {
      return rows;
    }

    private int at() {
      return offset + row;
    }
  }

  // ---------------------------------------------------------------- Builder

  /** Collects rows; each {@code row(...)} is checked against the column count. Not thread-safe. */
  public static final class Builder {
    private final List<String> columns;
    private final RowPacker rows;

    private Builder(List<String> columns) {
      this.columns = checkColumns(columns);
      this.rows = new RowPacker(this.columns.size());
    }

    /** Adds a row; one value per column, null for a missing value. */
    public Builder row(@Nullable String... values) {
      return add(Arrays.asList(values), values.length);
    }

    /** Adds a row; one value per column, null for a missing value. */
    public Builder row(List<@Nullable String> values) {
      return add(values, values.size());
    }

    /** Rows added so far. */
    public int rowCount() {
      return rows.rows();
    }

    public Frame build() {
      PackedRows out = rows.build();
      return new Frame(columns, indexOf(columns), out, 0, out.size());
    }

    private Builder add(List<@Nullable String> values, int size) {
      if (size != columns.size()) {
        throw new FrameException("Row " + rows.rows() + " has " + size + " values but there are "
            + columns.size() + " columns (" + String.join(", ", columns) + ")");
      }
      for (String value : values) {
        rows.value(value);
      }
      rows.endRow();
      return this;
    }
  }
}
