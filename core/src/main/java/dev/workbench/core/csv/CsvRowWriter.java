package dev.workbench.core.csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Writes CSV records into a Writer through its own buffer, taking packed rows' text as it is stored, so no String
 * is made per value. The output is what FastCSV writes as the project configures it: LF line ends; a field
 * quoted only when it holds a quote, comma, CR or LF, or is a line's first field and starts with {@code #} (a
 * comment to some readers); a quote inside doubled; null as nothing and the empty string as {@code ""}, so
 * each reads back as itself. Write failures are thrown as UncheckedIOException, as FastCSV's writer does.
 */
final class CsvRowWriter {
  private final Writer out;
  private char[] buf;
  private int len;

  CsvRowWriter(Writer out, int bufferChars) {
    this.out = out;
    this.buf = new char[Math.max(64, bufferChars)];
  }

  /** One record of Strings (a header). */
  void record(List<? extends @Nullable String> values) {
    for (int c = 0; c < values.size(); c++) {
      String value = values.get(c);
      if (value == null) {
        nullField(c);
      } else {
        int at = start(c, value.length());
        value.getChars(0, value.length(), buf, at);
        finish(at, value.length(), c);
      }
    }
    endRecord();
  }

  /** Rows {@code from .. to-1} of packed storage. */
  void rows(PackedRows rows, int from, int to) {
    for (int r = from; r < to; r++) {
      rows.writeCsv(r, this);
    }
  }

  void nullField(int col) {
    if (col > 0) {
      put(',');
    }
  }

  void field(int col, byte[] latin1, int start, int end) {
    int n = end - start;
    int at = start(col, n);
    for (int i = 0; i < n; i++) {
      buf[at + i] = (char) (latin1[start + i] & 0xFF);
    }
    finish(at, n, col);
  }

  void field(int col, char[] utf16, int start, int end) {
    int n = end - start;
    int at = start(col, n);
    System.arraycopy(utf16, start, buf, at, n);
    finish(at, n, col);
  }

  void endRecord() {
    put('\n');
  }

  /** Hands what is buffered to the Writer (which is not flushed itself). */
  void flush() {
    try {
      out.write(buf, 0, len);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    len = 0;
  }

  /** Room for a separator and {@code n} chars; where the chars go. */
  private int start(int col, int n) {
    reserve(n + 1);
    if (col > 0) {
      buf[len++] = ',';
    }
    return len;
  }

  /** Counts in the field's chars, now at {@code buf[at..at+n-1]}, quoting them when they need it. */
  private void finish(int at, int n, int col) {
    len = at + n;
    if (n == 0) {
      put('"');
      put('"');
      return;
    }
    boolean quote = col == 0 && buf[at] == '#';
    int quotes = 0;
    for (int i = at; i < at + n; i++) {
      char c = buf[i];
      if (c <= ',') {
        if (c == '"') {
          quotes++;
        } else if (c == ',' || c == '\n' || c == '\r') {
          quote = true;
        }
      }
    }
    if (quote || quotes > 0) {
      quote(at, n, quotes);
    }
  }

  /** Rewrites {@code buf[at..at+n-1]} in place, back to front, as a quoted field with its quotes doubled. */
  private void quote(int at, int n, int quotes) {
    int grown = n + quotes + 2;
    if (at + grown > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(2 * buf.length, at + grown));
    }
    int to = at + grown - 1;
    buf[to--] = '"';
    for (int i = at + n - 1; i >= at; i--) {
      char c = buf[i];
      buf[to--] = c;
      if (c == '"') {
        buf[to--] = '"';
      }
    }
    buf[to] = '"';
    len = at + grown;
  }

  private void put(char c) {
    reserve(1);
    buf[len++] = c;
  }

  private void reserve(int n) {
    if (len + n > buf.length) {
      flush();
      if (n > buf.length) {
        buf = new char[n];
      }
    }
  }
}
