package dev.workbench.core.csv;

import dev.workbench.api.FrameException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Builds {@link PackedRows} row by row. The fields of the row being added are pending until {@link #endRow()}
 * commits them or {@link #discardRow()} drops them; committed rows are packed into blocks of at most
 * 32 M chars (a single larger row gets a block of its own). Not thread-safe.
 *
 * <p>Text goes into the open block's array as Latin-1 bytes while every char fits in one, then as chars; a
 * sealed block keeps that array. On the way to bytes, chars are staged in a small array that stays in cache
 * and narrowed a few thousand at a time by the JDK's Latin-1 encoder (an intrinsic): narrowing field by field
 * in a loop cost a fifth of a large read.
 */
public final class RowPacker {
  // A block is sealed before it would pass this, so its text array (one byte a char for Latin-1 text, two
  // otherwise) is just under 32 or 64 MB: a whole number of G1 regions for every region size. Arrays that
  // large are allocated straight into the old generation and never copied again; blocks of a few hundred KB
  // were each copied by young collections, which was most of a large read's GC time.
  private static final int BLOCK_CHARS = (1 << 25) - 16;
  private static final int BLOCK_FIELDS = (1 << 23) - 4;
  private static final int BLOCK_ROWS = 1 << 20;
  private static final int FIRST_CHARS = 64;
  private static final int STAGED_CHARS = 1 << 13;
  private static final byte[] NO_BYTES = new byte[0];
  private static final int[] NO_INTS = new int[0];

  private final int width;
  private final int blockChars;
  private final int blockFields;
  private final List<RowBlock> blocks = new ArrayList<>();
  private int sealedRows;

  private byte[] bytes;
  // Non-null once the open block holds a char above 0xFF; bytes and staged are then unused.
  private char @Nullable [] chars;
  private final char[] staged = new char[STAGED_CHARS];
  private final CharsetEncoder latin1 = StandardCharsets.ISO_8859_1.newEncoder();
  // Text before stagedFrom is in bytes; from there to pos it is in staged.
  private int stagedFrom;
  private int textEnd;
  private int pos;
  private int[] ends = NO_INTS;
  private int fields;
  private int rows;
  private int[] pendingEnds;
  private int pending;
  // What the next block's arrays start at: the size of the block before, so a stream of similar batches, or
  // of full blocks, does not grow each block's arrays from nothing.
  private int nextChars;
  private int nextFields;

  public RowPacker(int width) {
    this(width, BLOCK_CHARS, BLOCK_FIELDS);
  }

  /** A packer with smaller blocks, so tests can cross block boundaries with little data. */
  RowPacker(int width, int blockChars, int blockFields) {
    this.width = width;
    this.blockChars = blockChars;
    this.blockFields = blockFields;
    this.bytes = new byte[FIRST_CHARS];
    this.pendingEnds = new int[Math.max(4, width)];
    this.nextFields = 4 * Math.max(4, width);
  }

  /** About this much text is coming (a file's size): the open block grows to it at once, not by doubling. */
  public void expect(long chars) {
    nextChars = (int) Math.max(nextChars, Math.min(blockChars, chars));
  }

  /** Adds a value to the pending row: these chars. */
  public void field(char[] buf, int offset, int len) {
    append(buf, offset, len);
    pendingEnd(pos);
  }

  /** Adds a value to the pending row: null for a missing value. */
  public void value(@Nullable String value) {
    if (value == null) {
      nullField();
      return;
    }
    int len = value.length();
    reserve(len);
    char[] wide = chars;
    if (wide != null) {
      value.getChars(0, len, wide, pos);
      pos += len;
    } else if (pos - stagedFrom + len <= STAGED_CHARS) {
      value.getChars(0, len, staged, pos - stagedFrom);
      pos += len;
    } else {
      append(value.toCharArray(), 0, len);
    }
    pendingEnd(pos);
  }

  /** Adds a missing value to the pending row. */
  public void nullField() {
    pendingEnd(~pos);
  }

  /** Adds a value to the pending row: Latin-1 bytes. */
  void field(byte[] latin1Text, int offset, int len) {
    reserve(len);
    flush();
    char[] wide = chars;
    if (wide == null) {
      System.arraycopy(latin1Text, offset, bytes, pos, len);
      stagedFrom = pos + len;
    } else {
      for (int i = 0; i < len; i++) {
        wide[pos + i] = (char) (latin1Text[offset + i] & 0xFF);
      }
    }
    pos += len;
    pendingEnd(pos);
  }

  /** Drops the pending row. */
  public void discardRow() {
    pos = textEnd;
    stagedFrom = Math.min(stagedFrom, textEnd);
    pending = 0;
  }

  /** Commits the pending row, which must have one value per column. */
  public void endRow() {
    if (pending != width) {
      int got = pending;
      discardRow();
      throw new IllegalStateException("Row has " + got + " values, expected " + width);
    }
    if (rows > 0 && (pos > blockChars || fields + width > blockFields || rows >= BLOCK_ROWS)) {
      seal();
    }
    reserveEnds();
    System.arraycopy(pendingEnds, 0, ends, fields, width);
    fields += width;
    textEnd = pos;
    pending = 0;
    rows++;
  }

  /** Commits a row of missing values ahead of the pending row, which stays pending. */
  public void nullRow() {
    if (rows > 0 && (fields + width > blockFields || rows >= BLOCK_ROWS)) {
      seal();
    }
    reserveEnds();
    Arrays.fill(ends, fields, fields + width, ~textEnd);
    fields += width;
    rows++;
  }

  /** Rows committed and not yet taken. */
  public int rows() {
    return sealedRows + rows;
  }

  /** Every committed row not yet taken; the packer keeps them, so later rows add to the same frame. */
  public PackedRows build() {
    seal();
    return PackedRows.of(blocks, sealedRows);
  }

  /** Every committed row not yet taken, handed over: the packer starts again from the pending row. */
  public PackedRows take() {
    PackedRows out = build();
    blocks.clear();
    sealedRows = 0;
    return out;
  }

  private void seal() {
    if (rows == 0) {
      return;
    }
    flush();
    int shift = textEnd;
    int len = pos - textEnd;
    nextChars = (int) Math.min(blockChars, Math.max(FIRST_CHARS, (long) pos));
    nextFields = Math.max(nextFields, fields);
    int[] blockEnds = fit(ends, fields);
    ends = NO_INTS;
    char[] wide = chars;
    RowBlock block;
    if (wide == null) {
      byte[] text = bytes;
      bytes = len == 0 ? NO_BYTES : new byte[Math.max(nextChars, len)];
      System.arraycopy(text, shift, bytes, 0, len);
      block = RowBlock.latin1(roomy(text.length, textEnd) ? Arrays.copyOf(text, textEnd) : text, blockEnds, width, rows);
    } else {
      // The pending row keeps the char form it is in; the block after it starts as Latin-1 only when empty.
      char[] text = wide;
      if (len == 0) {
        chars = null;
        bytes = NO_BYTES;
      } else {
        chars = new char[Math.max(nextChars, len)];
        System.arraycopy(text, shift, chars, 0, len);
      }
      block = RowBlock.utf16(roomy(text.length, textEnd) ? Arrays.copyOf(text, textEnd) : text, blockEnds, width, rows);
    }
    blocks.add(block);
    sealedRows += rows;
    rows = 0;
    fields = 0;
    for (int i = 0; i < pending; i++) {
      int e = pendingEnds[i];
      pendingEnds[i] = e < 0 ? ~(~e - shift) : e - shift;
    }
    textEnd = 0;
    pos = len;
    stagedFrom = len;
  }

  private static int[] fit(int[] array, int used) {
    return roomy(array.length, used) ? Arrays.copyOf(array, used) : array;
  }

  /** Whether enough of an array is unused to copy the rest out; a block otherwise keeps its array whole. */
  private static boolean roomy(int length, int used) {
    return length - used > used >>> 4;
  }

  private void append(char[] src, int offset, int len) {
    reserve(len);
    if (chars == null && pos - stagedFrom + len > STAGED_CHARS) {
      flush();
    }
    char[] wide = chars;
    if (wide != null) {
      System.arraycopy(src, offset, wide, pos, len);
    } else if (len <= STAGED_CHARS) {
      System.arraycopy(src, offset, staged, pos - stagedFrom, len);
    } else if (narrow(src, offset, len)) {
      stagedFrom = pos + len;
    } else {
      System.arraycopy(src, offset, widen(), pos, len);
    }
    pos += len;
  }

  /** Moves the staged chars into bytes, or the whole open block into chars at the first that does not fit. */
  private void flush() {
    if (chars == null && pos > stagedFrom) {
      if (!narrow(staged, 0, pos - stagedFrom)) {
        widen();
      }
      stagedFrom = pos;
    }
  }

  /** Narrows chars into bytes at stagedFrom; false when one does not fit in a byte. */
  private boolean narrow(char[] src, int offset, int len) {
    CharBuffer in = CharBuffer.wrap(src, offset, len);
    CoderResult result = latin1.encode(in, ByteBuffer.wrap(bytes, stagedFrom, len), true);
    return !result.isError() && !in.hasRemaining();
  }

  /** Turns the open block's text (bytes, then staged) into chars, from here on; returns them. */
  private char[] widen() {
    char[] wide = new char[bytes.length];
    for (int i = 0; i < stagedFrom; i++) {
      wide[i] = (char) (bytes[i] & 0xFF);
    }
    System.arraycopy(staged, 0, wide, stagedFrom, pos - stagedFrom);
    chars = wide;
    bytes = NO_BYTES;
    return wide;
  }

  private void pendingEnd(int end) {
    if (pending == pendingEnds.length) {
      pendingEnds = Arrays.copyOf(pendingEnds, pending * 2);
    }
    pendingEnds[pending++] = end;
  }

  private void reserve(int len) {
    long need = (long) pos + len;
    if (need <= capacity()) {
      return;
    }
    if (rows > 0 && need > blockChars) {
      seal(); // rather than grow the open block past its size
      need = (long) pos + len;
      if (need <= capacity()) {
        return;
      }
    }
    if (need > Integer.MAX_VALUE - 16) {
      throw new FrameException("A row of more than " + (Integer.MAX_VALUE - 16) + " characters is too large to hold");
    }
    long capacity = capacity();
    // Past a block's size only a single huge row is growing: by half, as a row of several huge fields may.
    long next = capacity < blockChars ? Math.min(2 * capacity, blockChars) : capacity + (capacity >> 1);
    int grown = (int) Math.min(Integer.MAX_VALUE - 16, Math.max(need, Math.max(nextChars, next)));
    char[] wide = chars;
    if (wide == null) {
      bytes = Arrays.copyOf(bytes, grown);
    } else {
      chars = Arrays.copyOf(wide, grown);
    }
  }

  private int capacity() {
    char[] wide = chars;
    return wide == null ? bytes.length : wide.length;
  }

  private void reserveEnds() {
    if (fields + width > ends.length) {
      ends = Arrays.copyOf(ends, Math.max(fields + width, Math.max(nextFields, 2 * ends.length)));
    }
  }
}
