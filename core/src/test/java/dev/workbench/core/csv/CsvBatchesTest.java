package dev.workbench.core.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.api.Frame;
import dev.workbench.api.FrameException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvBatchesTest {
  @TempDir
  Path dir;

  private Path numbers(int rows) throws IOException {
    StringBuilder s = new StringBuilder("id,smiles\n");
    for (int i = 0; i < rows; i++) {
      s.append(i).append(i % 3 == 0 ? ",\"C\nC\"\n" : ",CCO\n");
    }
    Path p = dir.resolve("n.csv");
    Files.writeString(p, s, StandardCharsets.UTF_8);
    return p;
  }

  @Test
  void batchesCoverEveryRowOnceWithTheirFirstIndex() throws IOException {
    Path p = numbers(25);
    List<Frame> parts = new ArrayList<>();
    List<Integer> firsts = new ArrayList<>();
    try (CsvBatches batches = CsvBatches.open(p, 10)) {
      assertEquals(List.of("id", "smiles"), batches.columns());
      for (CsvBatch batch : batches) {
        firsts.add(batch.firstRow());
        parts.add(batch.rows());
        assertEquals(Integer.toString(batch.firstRow()), batch.rows().get(0, "id"));
      }
      assertEquals(25, batches.rowsRead());
    }
    assertEquals(List.of(0, 10, 20), firsts);
    assertEquals(List.of(10, 10, 5), parts.stream().map(Frame::rowCount).toList());
    assertEquals(Frame.readCsv(p), Frame.concat(parts));
  }

  @Test
  void aHeaderOnlyFileHasNoBatches() throws IOException {
    Path p = dir.resolve("h.csv");
    Files.writeString(p, "a,b\n");
    try (CsvBatches batches = CsvBatches.open(p, 5)) {
      assertEquals(List.of("a", "b"), batches.columns());
      assertFalse(batches.hasNext());
    }
  }

  @Test
  void aBadLineSurfacesWhenItsBatchIsRead() {
    String csv = "a,b\n1,2\n3,4\n5\n";
    try (CsvBatches batches = CsvBatches.open(new StringReader(csv), "upload.csv", 2)) {
      assertEquals(2, batches.next().rows().rowCount());
      FrameException e = assertThrows(FrameException.class, batches::next);
      assertTrue(e.getMessage().startsWith("upload.csv: line 4 (row index 2) has 1 field, expected 2"),
          e.getMessage());
    }
  }

  @Test
  void headAndCountStream() throws IOException {
    Path p = numbers(1000);
    Frame head = CsvFrames.head(p, 5);
    assertEquals(5, head.rowCount());
    assertEquals("4", head.get(4, "id"));
    assertEquals(1000, CsvFrames.countRows(p));
  }

  @Test
  void blankLinesOfAOneColumnFileAreMissingValuesWhereverABatchEnds() throws IOException {
    Path p = dir.resolve("one.csv");
    Files.writeString(p, "smiles\nC\n\n\nO\n\nN\n\n\n");
    List<String> expected = Arrays.asList("C", null, null, "O", null, "N");
    for (int size = 1; size <= 7; size++) {
      List<String> seen = new ArrayList<>();
      try (CsvBatches batches = CsvBatches.open(p, size)) {
        for (CsvBatch batch : batches) {
          assertEquals(seen.size(), batch.firstRow());
          seen.addAll(batch.rows().column("smiles"));
        }
      }
      assertEquals(expected, seen, "batches of " + size);
    }
    assertEquals(expected, Frame.readCsv(p).column("smiles"));
    assertEquals(expected.subList(0, 2), CsvFrames.head(p, 2).column("smiles"));
    assertEquals(6, CsvFrames.countRows(p));
  }

  @Test
  void batchSizeMustBePositive() throws IOException {
    Path p = numbers(1);
    assertThrows(IllegalArgumentException.class, () -> CsvBatches.open(p, 0));
  }
}
