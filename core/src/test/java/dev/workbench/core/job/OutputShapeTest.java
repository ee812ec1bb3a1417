package dev.workbench.core.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.api.Frame;
import dev.workbench.core.csv.ResumableCsvFile;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The header of a streamed output, when its first chunks failed whole (so they lack the model's columns). */
class OutputShapeTest {

  @Test
  void chunksThatFailedWholeWaitOnDiskForTheFirstAnswerAndGetItsColumns(@TempDir Path dir) {
    Path out = dir.resolve("out.csv");
    try (ResumableCsvFile sink = ResumableCsvFile.open(out, "test");
         OutputShape shape = new OutputShape(sink, 10, List.of("id"), null)) {
      shape.accept(Frame.builder("id", Frame.ERROR_COLUMN).row("0", "down").row("1", "down").build());
      assertEquals(false, shape.settled(), "no answer yet: the header is not known");
      shape.accept(Frame.builder("id", "score", Frame.ERROR_COLUMN).row("2", "0.5", null).build());
      long failed = shape.accept(Frame.builder("id", "score", "extra", Frame.ERROR_COLUMN).row("3", "1", "x", null).build());
      assertEquals(1, failed, "an answer with a column the header lacks is not written as if it were whole");
      shape.finish();
      sink.commit();
    }
    Frame written = Frame.readCsv(out);
    assertEquals(List.of("id", "score", Frame.ERROR_COLUMN), written.columns());
    assertEquals(List.of("0", "1", "2", "3"), written.column("id"), "input order kept");
    assertEquals("down", written.get(0, Frame.ERROR_COLUMN));
    assertNull(written.get(0, "score"));
    assertEquals("0.5", written.get(2, "score"));
    assertNull(written.get(2, Frame.ERROR_COLUMN));
    assertNull(written.get(3, "score"));
    assertTrue(written.get(3, Frame.ERROR_COLUMN).contains("[extra]"));
  }
}
