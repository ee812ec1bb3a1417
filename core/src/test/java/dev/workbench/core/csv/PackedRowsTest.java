package dev.workbench.core.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.workbench.api.Frame;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Packed storage with blocks small enough that a few rows cross block boundaries, Latin-1 and wider text alike. */
class PackedRowsTest {
  private static final List<String> COLUMNS = List.of("id", "smiles", "note");
  // Null, empty, Latin-1, wider chars, values longer than the staging buffer and what CSV has to quote.
  private static final String[] VALUES = {null, "", "C", "007", "café", "\u00ff", "\u0100", "☃ snow",
      "x".repeat(40), "a,b", "say \"hi\"", "l1\nl2", "#C", "y".repeat(9000) + "é", "z".repeat(9000) + "☃"};

  private static List<List<String>> randomRows(int n, long seed) {
    Random random = new Random(seed);
    List<List<String>> rows = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      List<String> row = new ArrayList<>();
      for (int c = 0; c < COLUMNS.size(); c++) {
        row.add(VALUES[random.nextInt(VALUES.length)]);
      }
      rows.add(row);
    }
    return rows;
  }

  /** The rows as the CSV reader hands them over: field by field from a char buffer. */
  private static Frame packed(List<List<String>> rows, int blockChars, int blockFields) {
    RowPacker packer = new RowPacker(COLUMNS.size(), blockChars, blockFields);
    for (List<String> row : rows) {
      for (String value : row) {
        if (value == null) {
          packer.nullField();
        } else {
          char[] padded = (">" + value + "<").toCharArray();
          packer.field(padded, 1, value.length());
        }
      }
      packer.endRow();
    }
    return CsvFrames.storage().frame(COLUMNS, packer.build());
  }

  private static void assertHolds(List<List<String>> rows, Frame frame) {
    assertEquals(rows.size(), frame.rowCount());
    for (int r = 0; r < rows.size(); r++) {
      assertEquals(rows.get(r), frame.values(r), "row " + r);
      assertEquals(Arrays.hashCode(rows.get(r).toArray()), frame.get(r).hashCode(), "row " + r);
      for (int c = 0; c < COLUMNS.size(); c++) {
        assertEquals(rows.get(r).get(c), frame.get(r, COLUMNS.get(c)));
      }
    }
  }

  @Test
  void blocksOfAnySizeHoldTheValuesTheyWereGiven() {
    List<List<String>> rows = randomRows(300, 1);
    Frame reference = Frame.of(COLUMNS, rows);
    assertHolds(rows, reference);
    for (int blockChars : new int[] {1, 7, 100, 20_000, 1 << 25}) {
      for (int blockFields : new int[] {3, 30, 1 << 20}) {
        Frame frame = packed(rows, blockChars, blockFields);
        assertHolds(rows, frame);
        assertEquals(reference, frame);
        assertEquals(frame, reference);
        assertEquals(reference.hashCode(), frame.hashCode());
        assertEquals(reference.toCsv(), frame.toCsv());
        assertEquals(frame, Frame.parseCsv(frame.toCsv()));
        for (int r = 0; r < rows.size(); r++) {
          assertEquals(reference.get(r), frame.get(r));
        }
      }
    }
  }

  @Test
  void derivedFramesOfSmallBlocksShareTheirValues() {
    List<List<String>> rows = randomRows(200, 2);
    Frame frame = packed(rows, 50, 12);
    Frame slice = frame.slice(37, 151);
    assertHolds(rows.subList(37, 151), slice);
    assertHolds(rows.subList(47, 52), slice.slice(10, 15));

    int[] picked = {199, 0, 5, 5, 100, 37};
    List<List<String>> expected = new ArrayList<>();
    for (int i : picked) {
      expected.add(rows.get(37 + i % 114));
    }
    assertHolds(expected, slice.selectRows(Arrays.stream(picked).map(i -> i % 114).toArray()));

    List<List<String>> other = randomRows(30, 3);
    Frame joined = Frame.concat(List.of(slice.slice(0, 20), packed(other, 1 << 25, 1 << 20), frame.slice(190, 200)));
    List<List<String>> all = new ArrayList<>(rows.subList(37, 57));
    all.addAll(other);
    all.addAll(rows.subList(190, 200));
    assertHolds(all, joined);

    Frame widened = slice.withColumn("note", slice.column("id")).withColumn("extra", slice.column("smiles"));
    for (int r = 0; r < slice.rowCount(); r++) {
      List<String> row = rows.get(37 + r);
      assertEquals(Arrays.asList(row.get(0), row.get(1), row.get(0), row.get(1)), widened.values(r));
    }
    Frame reordered = slice.select("note", "id").drop("id");
    for (int r = 0; r < slice.rowCount(); r++) {
      assertEquals(Arrays.asList(rows.get(37 + r).get(2)), reordered.values(r));
    }
  }

  @Test
  void aPendingRowMovesWholeIntoTheNextBlock() {
    RowPacker packer = new RowPacker(2, 8, 1 << 20);
    field(packer, "abc");
    field(packer, "def");
    packer.endRow();
    field(packer, "☃☃☃☃☃");
    packer.nullField();
    packer.nullRow(); // blank rows held back ahead of the row being read
    packer.nullRow();
    PackedRows first = packer.take();
    assertEquals(3, first.size());
    assertEquals(Arrays.asList("abc", "def"), Arrays.asList(first.values(0)));
    assertEquals(Arrays.asList(null, null), Arrays.asList(first.values(2)));

    packer.endRow();
    field(packer, "dropped");
    packer.discardRow();
    field(packer, "");
    field(packer, "é".repeat(10));
    packer.endRow();
    PackedRows second = packer.take();
    assertEquals(2, second.size());
    assertEquals(Arrays.asList("☃☃☃☃☃", null), Arrays.asList(second.values(0)));
    assertEquals(Arrays.asList("", "é".repeat(10)), Arrays.asList(second.values(1)));
    assertEquals(0, packer.take().size());
  }

  @Test
  void aRowOfTheWrongWidthIsNotCommitted() {
    RowPacker packer = new RowPacker(2);
    field(packer, "only one");
    assertThrows(IllegalStateException.class, packer::endRow);
    field(packer, "a");
    packer.nullField();
    packer.endRow();
    PackedRows rows = packer.build();
    assertEquals(1, rows.size());
    assertEquals("a", rows.value(0, 0));
    assertNull(rows.value(0, 1));
  }

  private static void field(RowPacker packer, String value) {
    packer.field(value.toCharArray(), 0, value.length());
  }
}
