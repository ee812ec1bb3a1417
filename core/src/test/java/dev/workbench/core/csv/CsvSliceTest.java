package dev.workbench.core.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.api.Frame;
import dev.workbench.api.FrameException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CsvSliceTest {
  private static Frame frame(int rows) {
    Frame.Builder b = Frame.builder("id", "smiles", "note");
    for (int i = 0; i < rows; i++) {
      b.row(String.format("%03d", i), i % 2 == 0 ? "CCO" : "C(=O)\"O\"", i % 5 == 0 ? null : "a,b\nc ☃");
    }
    return b.build();
  }

  @Test
  void aSliceIsTheHeaderAndThoseRows() {
    Frame f = frame(20);
    byte[] body = CsvSlice.toBytes(f, 5, 8);
    assertArrayEquals(f.slice(5, 8).toCsv().getBytes(StandardCharsets.UTF_8), body);
    assertEquals(f.slice(5, 8), CsvSlice.parse(body));
    assertArrayEquals(f.toCsv().getBytes(StandardCharsets.UTF_8), CsvSlice.toBytes(f));
    assertEquals("id,smiles,note\n", new String(CsvSlice.toBytes(f, 3, 3), StandardCharsets.UTF_8));
  }

  @Test
  void outOfRangeIsRefused() {
    assertThrows(FrameException.class, () -> CsvSlice.toBytes(frame(3), 2, 4));
  }

  @Test
  void aReplyThatIsNotUtf8OrRaggedIsNamed() {
    byte[] bad = {'a', '\n', (byte) 0xFF, '\n'};
    FrameException e = assertThrows(FrameException.class, () -> CsvSlice.parse(bad, "reply of endpoint 'x'"));
    assertEquals("reply of endpoint 'x': line 2 is not valid UTF-8 (byte 0xFF at byte offset 2); save the file as UTF-8",
        e.getMessage());
    FrameException ragged = assertThrows(FrameException.class,
        () -> CsvSlice.parse("a,b\n1\n".getBytes(StandardCharsets.UTF_8), "reply"));
    assertTrue(ragged.getMessage().startsWith("reply: line 2"), ragged.getMessage());
  }

  @Test
  void manyBatchesSerializeQuickly() {
    Frame f = frame(100_000);
    long start = System.nanoTime();
    long bytes = 0;
    for (int from = 0; from < f.rowCount(); from += 100) {
      bytes += CsvSlice.toBytes(f, from, from + 100).length;
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(bytes > 1_000_000);
    assertTrue(millis < 5_000, "100,000 rows in 1,000 batches took " + millis + " ms");
    Frame back = CsvSlice.parse(CsvSlice.toBytes(f));
    assertEquals(f, back);
  }
}
