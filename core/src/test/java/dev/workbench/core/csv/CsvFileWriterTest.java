package dev.workbench.core.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.api.Frame;
import dev.workbench.api.FrameException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvFileWriterTest {
  @TempDir
  Path dir;

  private boolean tempFilesLeft() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.anyMatch(f -> f.getFileName().toString().endsWith(".tmp"));
    }
  }

  @Test
  void batchesAppearOnlyWhenCommitted() throws IOException {
    Path out = dir.resolve("result.csv");
    Files.writeString(out, "old\n");
    try (CsvBatches in = CsvBatches.open(new java.io.StringReader("id,smiles\n1,C\n2,\"a,b\"\n3,\n"), "in", 2);
         CsvFileWriter writer = CsvFileWriter.open(out, in.columns())) {
      for (CsvBatch batch : in) {
        writer.write(batch.rows());
        assertEquals("old\n", Files.readString(out), "nothing shows before the commit");
      }
      assertEquals(3, writer.rowsWritten());
      writer.commit();
    }
    assertEquals("id,smiles\n1,C\n2,\"a,b\"\n3,\n", Files.readString(out));
    assertFalse(tempFilesLeft());
  }

  @Test
  void closingWithoutCommitLeavesTheTargetAsItWas() throws IOException {
    Path out = dir.resolve("result.csv");
    Files.writeString(out, "old\n");
    try (CsvFileWriter writer = CsvFileWriter.open(out, List.of("a"))) {
      writer.write(Frame.builder("a").row("1").build());
      FrameException e = assertThrows(FrameException.class, () -> writer.write(Frame.builder("b").row("1").build()));
      assertTrue(e.getMessage().contains("columns [b] but the file has [a]"), e.getMessage());
    }
    assertEquals("old\n", Files.readString(out));
    assertFalse(tempFilesLeft());
  }
}
