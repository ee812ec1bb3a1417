package dev.workbench.core.csv;

import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The immutable storage behind a {@link dev.workbench.api.Frame}: its rows, packed in blocks, and for each row
 * the block holding it. Values become Strings only when asked for. Picking or concatenating rows copies two
 * small entries per row and never the values, so frames derived from one another share their blocks.
 */
public final class PackedRows {
  private static final PackedRows NONE = new PackedRows(new RowBlock[0], new int[0]);

  private final RowBlock[] blockOf;
  private final int[] rowIn;

  private PackedRows(RowBlock[] blockOf, int[] rowIn) {
    this.blockOf = blockOf;
    this.rowIn = rowIn;
  }

  /** No rows. */
  public static PackedRows none() {
    return NONE;
  }

  static PackedRows of(List<RowBlock> blocks, int rows) {
    if (rows == 0) {
      return NONE;
    }
    RowBlock[] blockOf = new RowBlock[rows];
    int[] rowIn = new int[rows];
    int at = 0;
    for (RowBlock block : blocks) {
      int n = block.rows();
      Arrays.fill(blockOf, at, at + n, block);
      for (int i = 0; i < n; i++) {
        rowIn[at + i] = i;
      }
      at += n;
    }
    return new PackedRows(blockOf, rowIn);
  }

  /** Rows {@code from .. from+count-1} of each part, one part after another. */
  public static PackedRows concat(List<PackedRows> parts, int[] from, int[] count) {
    int total = 0;
    for (int n : count) {
      total = Math.addExact(total, n);
    }
    RowBlock[] blockOf = new RowBlock[total];
    int[] rowIn = new int[total];
    int at = 0;
    for (int p = 0; p < parts.size(); p++) {
      System.arraycopy(parts.get(p).blockOf, from[p], blockOf, at, count[p]);
      System.arraycopy(parts.get(p).rowIn, from[p], rowIn, at, count[p]);
      at += count[p];
    }
    return new PackedRows(blockOf, rowIn);
  }

  /** These rows, in this order (repeats allowed). */
  public PackedRows pick(int[] rows, int count) {
    RowBlock[] picked = new RowBlock[count];
    int[] at = new int[count];
    for (int i = 0; i < count; i++) {
      picked[i] = blockOf[rows[i]];
      at[i] = rowIn[rows[i]];
    }
    return new PackedRows(picked, at);
  }

  public int size() {
    return rowIn.length;
  }

  public @Nullable String value(int row, int col) {
    return blockOf[row].value(rowIn[row], col);
  }

  public boolean isNull(int row, int col) {
    return blockOf[row].isNull(rowIn[row], col);
  }

  /** A new array of the row's values. */
  public @Nullable String[] values(int row) {
    RowBlock block = blockOf[row];
    int r = rowIn[row];
    @Nullable String[] out = new String[block.width()];
    for (int c = 0; c < out.length; c++) {
      out[c] = block.value(r, c);
    }
    return out;
  }

  /** Whether a row holds the same values as a row of another storage of the same width. */
  public boolean sameRow(int row, PackedRows other, int otherRow) {
    RowBlock block = blockOf[row];
    RowBlock otherBlock = other.blockOf[otherRow];
    int r = rowIn[row];
    int o = other.rowIn[otherRow];
    if (block == otherBlock && r == o) {
      return true;
    }
    for (int c = 0; c < block.width(); c++) {
      if (!block.sameValue(r, c, otherBlock, o, c)) {
        return false;
      }
    }
    return true;
  }

  /** The row's hash as {@link Arrays#hashCode(Object[])} gives it for the row's values. */
  public int rowHash(int row) {
    RowBlock block = blockOf[row];
    int r = rowIn[row];
    int h = 1;
    for (int c = 0; c < block.width(); c++) {
      h = 31 * h + block.hash(r, c);
    }
    return h;
  }

  /** Appends one value of a row to a packer without making a String of it. */
  public void copyTo(RowPacker packer, int row, int col) {
    blockOf[row].copyTo(packer, rowIn[row], col);
  }
}
