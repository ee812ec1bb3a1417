package dev.workbench.core.csv;

import dev.workbench.api.Frame;
import dev.workbench.api.FrameException;
import dev.workbench.api.WorkbenchException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** CSV request and response bodies for the round trips: a frame's rows as UTF-8 bytes, and a reply back. */
public final class CsvSlice {
  private CsvSlice() {
  }

  /** The whole frame as UTF-8 CSV bytes (header first). */
  public static byte[] toBytes(Frame frame) {
    return toBytes(frame, 0, frame.rowCount());
  }

  /** Rows {@code from .. to-1} as UTF-8 CSV bytes with the header, without building a slice or a String. */
  public static byte[] toBytes(Frame frame, int fromInclusive, int toExclusive) {
    if (fromInclusive < 0 || toExclusive > frame.rowCount() || fromInclusive > toExclusive) {
      throw new FrameException("Rows " + fromInclusive + ".." + toExclusive + " are outside the frame's "
          + frame.rowCount() + " rows");
    }
    int estimate = estimate(frame, fromInclusive, toExclusive);
    // Text first, then one encode: String.getBytes(UTF_8) is intrinsic and beats a stream encoder per batch.
    TextSink text = new TextSink(estimate);
    try {
      CsvWriting.write(frame, fromInclusive, toExclusive, text, Math.min(1 << 16, Math.max(1 << 10, estimate)));
    } catch (IOException e) {
      throw new WorkbenchException("Cannot encode CSV: " + e.getMessage(), e);
    } catch (UncheckedIOException e) {
      throw new WorkbenchException("Cannot encode CSV: " + e.getCause().getMessage(), e.getCause());
    }
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A model's CSV reply (UTF-8, header first) as a frame; {@code source} names it in error messages. */
  public static Frame parse(byte[] csv, String source) {
    return CsvFrames.read(new ByteArrayInputStream(csv), source);
  }

  /** A model's CSV reply (UTF-8, header first) as a frame. */
  public static Frame parse(byte[] csv) {
    return parse(csv, "CSV reply");
  }

  // Sized from a sample of rows so the buffer rarely grows (each growth copies everything written so far).
  private static int estimate(Frame frame, int from, int to) {
    int n = to - from;
    if (n == 0) {
      return 256;
    }
    int sample = Math.min(n, 8);
    long chars = 0;
    for (int r = from; r < from + sample; r++) {
      for (String v : frame.values(r)) {
        chars += (v == null ? 0 : v.length()) + 1;
      }
    }
    long guess = chars * n / sample + 256 + frame.columns().size() * 16L;
    return (int) Math.min(Integer.MAX_VALUE - 16, guess + guess / 8);
  }
}
