package dev.workbench.core.csv;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Consecutive rows of one width packed into one text array and one int array, so a million-row table is a
 * handful of arrays instead of ten million Strings. The text is Latin-1 bytes (one byte a char, as Java's
 * compact Strings hold it) unless a char in the block needs more, then chars.
 *
 * <p>{@code ends[row * width + col]} is where the field's text ends; a field starts where the one before it
 * ends. A missing value (null) has no text and its end is stored complemented (negative), which keeps null
 * apart from the empty string.
 */
final class RowBlock {
  private final byte @Nullable [] latin1;
  private final char @Nullable [] utf16;
  private final int[] ends;
  private final int width;
  private final int rows;

  private RowBlock(byte @Nullable [] latin1, char @Nullable [] utf16, int[] ends, int width, int rows) {
    this.latin1 = latin1;
    this.utf16 = utf16;
    this.ends = ends;
    this.width = width;
    this.rows = rows;
  }

  static RowBlock latin1(byte[] text, int[] ends, int width, int rows) {
    return new RowBlock(text, null, ends, width, rows);
  }

  static RowBlock utf16(char[] text, int[] ends, int width, int rows) {
    return new RowBlock(null, text, ends, width, rows);
  }

  int rows() {
    return rows;
  }

  int width() {
    return width;
  }

  @Nullable String value(int row, int col) {
    int k = row * width + col;
    int end = ends[k];
    if (end < 0) {
      return null;
    }
    int start = start(k);
    return latin1 != null
        ? new String(latin1, start, end - start, StandardCharsets.ISO_8859_1)
        : new String(utf16, start, end - start);
  }

  boolean isNull(int row, int col) {
    return ends[row * width + col] < 0;
  }

  /** Whether this value equals another block's, null only equal to null. */
  boolean sameValue(int row, int col, RowBlock other, int otherRow, int otherCol) {
    int k = row * width + col;
    int j = otherRow * other.width + otherCol;
    int end = ends[k];
    int otherEnd = other.ends[j];
    if (end < 0 || otherEnd < 0) {
      return end < 0 && otherEnd < 0;
    }
    int start = start(k);
    int otherStart = other.start(j);
    if (end - start != otherEnd - otherStart) {
      return false;
    }
    if (latin1 != null && other.latin1 != null) {
      return Arrays.equals(latin1, start, end, other.latin1, otherStart, otherEnd);
    }
    if (utf16 != null && other.utf16 != null) {
      return Arrays.equals(utf16, start, end, other.utf16, otherStart, otherEnd);
    }
    for (int i = 0; i < end - start; i++) {
      if (charAt(start + i) != other.charAt(otherStart + i)) {
        return false;
      }
    }
    return true;
  }

  /** The value's String.hashCode (0 for null), computed without making the String. */
  int hash(int row, int col) {
    int k = row * width + col;
    int end = ends[k];
    if (end < 0) {
      return 0;
    }
    int h = 0;
    for (int i = start(k); i < end; i++) {
      h = 31 * h + charAt(i);
    }
    return h;
  }

  /** Appends the value to a packer's pending row without making a String of it. */
  void copyTo(RowPacker packer, int row, int col) {
    int k = row * width + col;
    int end = ends[k];
    if (end < 0) {
      packer.nullField();
    } else if (latin1 != null) {
      packer.field(latin1, start(k), end - start(k));
    } else {
      packer.field(utf16, start(k), end - start(k));
    }
  }

  private char charAt(int i) {
    return latin1 != null ? (char) (latin1[i] & 0xFF) : utf16[i];
  }

  private int start(int k) {
    if (k == 0) {
      return 0;
    }
    int previous = ends[k - 1];
    return previous < 0 ? ~previous : previous;
  }
}
