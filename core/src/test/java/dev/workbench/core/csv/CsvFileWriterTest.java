package dev.workbench.core.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.api.Frame;
import dev.workbench.api.FrameException;
import dev.workbench.api.WorkbenchException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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

  @Test
  void filesGetTheUmasksModeAndReadOnlyOnesAreRefused() throws IOException {
    Path usual = dir.resolve("usual");
    Files.newOutputStream(usual).close(); // 0666 less the umask, as any program makes a file
    String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(usual));
    Path streamed = dir.resolve("streamed.csv");
    try (CsvFileWriter writer = CsvFileWriter.open(streamed, List.of("id"))) {
      writer.commit();
    }
    Path whole = dir.resolve("whole.csv");
    Frame.of(List.of("id"), List.of(List.of("1"))).writeCsv(whole);
    assertEquals(mode, PosixFilePermissions.toString(Files.getPosixFilePermissions(streamed)));
    assertEquals(mode, PosixFilePermissions.toString(Files.getPosixFilePermissions(whole)));

    Files.setPosixFilePermissions(whole, PosixFilePermissions.fromString("r--r--r--"));
    WorkbenchException refused = assertThrows(WorkbenchException.class, () -> CsvFileWriter.open(whole, List.of("id")));
    assertTrue(refused.getMessage().contains("read-only"), refused.getMessage());
    assertThrows(WorkbenchException.class, () -> Frame.of(List.of("id"), List.of(List.of("2"))).writeCsv(whole));
    assertEquals("id\n1\n", Files.readString(whole).replace("\r", ""));
    assertFalse(tempFilesLeft());
  }
}
