package dev.workbench.core.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Decodes UTF-8 and refuses bytes that are not UTF-8, saying on which line they are. A leading BOM is dropped.
 *
 * <p>Unlike InputStreamReader, characters decoded before a bad byte are handed out first, and the lines before it
 * counted, so the error names the line the bad byte is on. Lines are counted in the bytes, eight at a time. When
 * the bytes can be read again (a file), they are counted only once a bad byte needs its line, by reading the bytes
 * before it again: counting along the way was a sixth of a large file's read, for an error most files never have.
 */
final class StrictUtf8Reader extends Reader {
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;
  private static final long LFS = 0x0A0A0A0A0A0A0A0AL;
  private static final long CRS = 0x0D0D0D0D0D0D0D0DL;

  private final InputStream in;
  private final @Nullable Reopen again;
  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT)
      .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
  private long bytesBefore; // bytes consumed from the stream before those in the buffer
  private long newlines; // in the bytes before those in the buffer, unless they can be read again
  private boolean lastWasCr; // a CRLF split across two fills counts once
  private boolean eof;
  private boolean flushed;
  private boolean started;
  private @Nullable IOException pending;

  /** The bytes are read once: lines are counted along the way. */
  StrictUtf8Reader(InputStream in) {
    this(in, null);
  }

  /** The bytes can be read again from the start with {@code again}: lines are counted only for an error. */
  StrictUtf8Reader(InputStream in, @Nullable Reopen again) {
    this.in = in;
    this.again = again;
    bytes.flip();
  }

  /** Opens the same bytes again, from the start. */
  @FunctionalInterface
  interface Reopen {
    InputStream open() throws IOException;
  }

  @Override
  public int read(char[] cbuf, int off, int len) throws IOException {
    if (pending != null) {
      throw pending;
    }
    if (len == 0) {
      return 0;
    }
    CharBuffer out = CharBuffer.wrap(cbuf, off, len);
    if (!eof && !bytes.hasRemaining()) {
      fill();
    }
    while (true) {
      CoderResult result = decoder.decode(bytes, out, eof);
      if (result.isError()) {
        long offset = bytesBefore + bytes.position();
        MalformedUtf8Exception error = new MalformedUtf8Exception(lineOf(offset), offset, bytes.get(bytes.position()));
        if (out.position() > off) {
          pending = error; // hand out what decoded cleanly first; the next read reports the bad byte
          break;
        }
        throw error;
      }
      if (out.position() > off) {
        break;
      }
      if (eof) {
        if (!flushed) {
          flushed = true;
          decoder.flush(out);
        }
        if (out.position() == off) {
          return -1;
        }
        break;
      }
      fill();
    }
    int n = out.position() - off;
    if (!started && n > 0) {
      started = true;
      if (cbuf[off] == '\uFEFF') {
        System.arraycopy(cbuf, off + 1, cbuf, off, n - 1);
        n--;
        if (n == 0) {
          return read(cbuf, off, len);
        }
      }
    }
    return n;
  }

  private void fill() throws IOException {
    int consumed = bytes.position();
    if (again == null && consumed > 0) {
      newlines += countNewlines(bytes.array(), 0, consumed, lastWasCr);
      lastWasCr = bytes.get(consumed - 1) == '\r';
    }
    bytesBefore += consumed;
    bytes.compact();
    int r = in.read(bytes.array(), bytes.position(), bytes.remaining());
    if (r < 0) {
      eof = true;
    } else {
      bytes.position(bytes.position() + r);
    }
    bytes.flip();
  }

  /** The 1-based line of the byte at this offset, which is in the buffer; 0 when the bytes cannot be read again. */
  private long lineOf(long offset) {
    if (again == null) {
      return newlines + countNewlines(bytes.array(), 0, bytes.position(), lastWasCr) + 1;
    }
    try (InputStream from = again.open()) {
      byte[] chunk = new byte[1 << 16];
      long lines = 0;
      boolean cr = false;
      for (long left = offset; left > 0; ) {
        int n = from.read(chunk, 0, (int) Math.min(chunk.length, left));
        if (n < 0) {
          return 0;
        }
        lines += countNewlines(chunk, 0, n, cr);
        cr = n > 0 && chunk[n - 1] == '\r';
        left -= n;
      }
      return lines + 1;
    } catch (IOException e) {
      return 0;
    }
  }

  /**
   * Line ends as CSV knows them (LF, CRLF once, a lone CR) in {@code a[from..to-1]}; {@code afterCr} when the
   * byte before is a CR. A line end is one byte, and bytes below 0x80 never occur inside a multi-byte UTF-8 char.
   */
  static long countNewlines(byte[] a, int from, int to, boolean afterCr) {
    long n = 0;
    long crBefore = afterCr ? 0x80L : 0; // the previous word's last byte was a CR, flagged at byte 0
    int i = from;
    for (; i + Long.BYTES <= to; i += Long.BYTES) {
      long word = (long) LONGS.get(a, i);
      long lf = zeroBytes(word ^ LFS);
      long cr = zeroBytes(word ^ CRS);
      n += Long.bitCount(cr) + Long.bitCount(lf & ~((cr << 8) | crBefore));
      crBefore = cr >>> 56;
    }
    boolean cr = crBefore != 0;
    for (; i < to; i++) {
      byte b = a[i];
      if (b == '\r' || (b == '\n' && !cr)) {
        n++;
      }
      cr = b == '\r';
    }
    return n;
  }

  /** The top bit of each byte of {@code x} that is zero, and no other bit (exact, unlike the borrow trick). */
  private static long zeroBytes(long x) {
    return ~(((x & LOW7) + LOW7) | x | LOW7);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  /** Bytes that are not UTF-8, with the 1-based line (0 when it could not be told) and the byte offset where they start. */
  static final class MalformedUtf8Exception extends IOException {
    private static final long serialVersionUID = 1L;
    final long line;
    final long byteOffset;
    final int badByte;

    MalformedUtf8Exception(long line, long byteOffset, byte badByte) {
      super((line > 0 ? "line " + line : "a byte") + " is not valid UTF-8 (byte 0x"
          + String.format("%02X", badByte & 0xFF) + " at byte offset " + byteOffset + ")");
      this.line = line;
      this.byteOffset = byteOffset;
      this.badByte = badByte & 0xFF;
    }
  }
}
