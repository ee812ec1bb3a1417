package dev.workbench.core.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Decodes UTF-8 and refuses bytes that are not UTF-8, saying on which line they are. A leading BOM is dropped.
 *
 * <p>Unlike InputStreamReader, characters decoded before a bad byte are handed out first, and the lines in them
 * counted, so the error names the line the bad byte is on.
 */
final class StrictUtf8Reader extends Reader {
  private final InputStream in;
  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT)
      .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
  private long bytesBefore; // bytes consumed from the stream before those in the buffer
  private long newlines;
  private boolean lastWasCr; // a CRLF split across two reads counts once
  private boolean eof;
  private boolean flushed;
  private boolean started;
  private @Nullable IOException pending;

  StrictUtf8Reader(InputStream in) {
    this.in = in;
    bytes.flip();
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
        MalformedUtf8Exception error = new MalformedUtf8Exception(
            newlines + countNewlines(cbuf, off, out.position(), lastWasCr) + 1,
            bytesBefore + bytes.position(), bytes.get(bytes.position()));
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
    newlines += countNewlines(cbuf, off, off + n, lastWasCr);
    if (n > 0) {
      lastWasCr = cbuf[off + n - 1] == '\r';
    }
    return n;
  }

  private void fill() throws IOException {
    bytesBefore += bytes.position();
    bytes.compact();
    int r = in.read(bytes.array(), bytes.position(), bytes.remaining());
    if (r < 0) {
      eof = true;
    } else {
      bytes.position(bytes.position() + r);
    }
    bytes.flip();
  }

  /** Line ends as CSV knows them: LF, CRLF (once) and a lone CR. */
  private static int countNewlines(char[] cbuf, int from, int to, boolean afterCr) {
    int n = 0;
    boolean cr = afterCr;
    for (int i = from; i < to; i++) {
      char c = cbuf[i];
      if (c == '\r') {
        n++;
      } else if (c == '\n' && !cr) {
        n++;
      }
      cr = c == '\r';
    }
    return n;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  /** Bytes that are not UTF-8, with the 1-based line and the byte offset where they start. */
  static final class MalformedUtf8Exception extends IOException {
    private static final long serialVersionUID = 1L;
    final long line;
    final long byteOffset;
    final int badByte;

    MalformedUtf8Exception(long line, long byteOffset, byte badByte) {
      super("line " + line + " is not valid UTF-8 (byte 0x" + String.format("%02X", badByte & 0xFF)
          + " at byte offset " + byteOffset + ")");
      this.line = line;
      this.byteOffset = byteOffset;
      this.badByte = badByte & 0xFF;
    }
  }
}
