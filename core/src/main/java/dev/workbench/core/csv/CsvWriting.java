package dev.workbench.core.csv;

import dev.workbench.api.Frame;
import java.io.IOException;
import java.io.Writer;

/** The one place CSV is written: LF lines, quotes only where needed, {@code ""} for an empty string, nothing for null. */
final class CsvWriting {
  private CsvWriting() {
  }

  static CsvRowWriter writer(Writer out) {
    return new CsvRowWriter(out, 1 << 16);
  }

  static void header(CsvRowWriter csv, Frame frame) {
    csv.record(frame.columns());
  }

  /** Rows {@code from .. to-1}, after the header has been written, straight from the frame's packed storage. */
  static void rows(CsvRowWriter csv, Frame frame, int from, int to) {
    int first = CsvFrames.storage().offset(frame);
    csv.rows(CsvFrames.storage().rows(frame), first + from, first + to);
  }

  /** Header and rows {@code from .. to-1}, flushed into {@code out}. */
  static void write(Frame frame, int from, int to, Writer out) throws IOException {
    write(frame, from, to, out, 1 << 16);
  }

  /** Header and rows {@code from .. to-1}, flushed into {@code out}, through a buffer of this many chars. */
  static void write(Frame frame, int from, int to, Writer out, int bufferChars) throws IOException {
    CsvRowWriter csv = new CsvRowWriter(out, bufferChars);
    header(csv, frame);
    rows(csv, frame, from, to);
    csv.flush();
    out.flush();
  }
}
