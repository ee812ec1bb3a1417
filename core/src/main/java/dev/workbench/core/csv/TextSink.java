package dev.workbench.core.csv;

import java.io.Writer;

/** An unsynchronized Writer into a StringBuilder (StringWriter locks on every write). */
final class TextSink extends Writer {
  private final StringBuilder text;

  TextSink(int capacity) {
    text = new StringBuilder(capacity);
  }

  @Override
  public void write(char[] chars, int off, int len) {
    text.append(chars, off, len);
  }

  @Override
  public void write(String s, int off, int len) {
    text.append(s, off, off + len);
  }

  @Override
  public void write(int c) {
    text.append((char) c);
  }

  @Override
  public void flush() {
    // nothing buffered here
  }

  @Override
  public void close() {
    // nothing to release
  }

  @Override
  public String toString() {
    return text.toString();
  }
}
