package dev.workbench.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FrameTest {

  private static Frame molecules() {
    return Frame.builder("id", "smiles", "mw")
        .row("007", "CCO", "46.07")
        .row("2", "c1ccccc1", null)
        .row("3", "O", "")
        .build();
  }

  @Test
  void keepsValuesExactlyAsGiven() {
    Frame f = molecules();
    assertEquals(List.of("id", "smiles", "mw"), f.columns());
    assertEquals(3, f.rowCount());
    assertEquals(3, f.columnCount());
    assertEquals("007", f.get(0, "id"));
    assertEquals("007", f.get(0).get("id"));
    assertEquals("007", f.get(0).get(0));
    assertNull(f.get(1, "mw"));
    assertEquals("", f.getString(2, "mw"));
  }

  @Test
  void numbersAreParsedOnlyWhenAsked() {
    Frame f = molecules();
    assertEquals(46.07, f.getDouble(0, "mw"), 1e-12);
    assertEquals(7.0, f.get(0).getDouble("id"), 0);
    assertTrue(Double.isNaN(f.getDouble(1, "mw")), "null is NaN");
    assertTrue(Double.isNaN(f.getDouble(2, "mw")), "empty is NaN");
    FrameException e = assertThrows(FrameException.class, () -> f.getDouble(0, "smiles"));
    assertTrue(e.getMessage().contains("Row 0") && e.getMessage().contains("'smiles'")
        && e.getMessage().contains("'CCO'"), e.getMessage());

    Frame special = Frame.builder("x").row("nan").row("inf").row("-inf").row(" 1e3 ").build();
    assertTrue(Double.isNaN(special.getDouble(0, "x")));
    assertEquals(Double.POSITIVE_INFINITY, special.getDouble(1, "x"));
    assertEquals(Double.NEGATIVE_INFINITY, special.getDouble(2, "x"));
    assertEquals(1000.0, special.getDouble(3, "x"));
  }

  @Test
  void unknownColumnNamesTheColumnsThereAre() {
    FrameException e = assertThrows(FrameException.class, () -> molecules().get(0, "logp"));
    assertEquals("No column 'logp' (columns: id, smiles, mw)", e.getMessage());
    assertThrows(FrameException.class, () -> molecules().columnIndex("logp"));
    assertThrows(FrameException.class, () -> molecules().get(0).get("logp"));
    assertThrows(FrameException.class, () -> molecules().column("logp"));
    assertFalse(molecules().hasColumn("logp"));
    assertTrue(molecules().hasColumn("mw"));
    assertEquals(2, molecules().columnIndex("mw"));
  }

  @Test
  void rowOutOfRangeNamesTheRowCount() {
    FrameException e = assertThrows(FrameException.class, () -> molecules().get(3));
    assertTrue(e.getMessage().contains("Row 3") && e.getMessage().contains("3 rows"), e.getMessage());
    assertThrows(FrameException.class, () -> molecules().get(-1, "id"));
  }

  @Test
  void badShapesAreRefusedWithTheirNames() {
    FrameException ragged = assertThrows(FrameException.class,
        () -> Frame.builder("a", "b").row("1", "2").row("3").build());
    assertTrue(ragged.getMessage().contains("Row 1 has 1 values but there are 2 columns (a, b)"), ragged.getMessage());

    FrameException dup = assertThrows(FrameException.class, () -> Frame.builder("a", "b", "a"));
    assertTrue(dup.getMessage().contains("Duplicate column name a"), dup.getMessage());

    FrameException blank = assertThrows(FrameException.class, () -> Frame.empty(List.of("a", " ", "c")));
    assertTrue(blank.getMessage().contains("Blank column name at position 2"), blank.getMessage());

    FrameException ofRagged = assertThrows(FrameException.class,
        () -> Frame.of(List.of("a", "b"), List.of(List.of("1", "2"), List.of("1", "2", "3"))));
    assertTrue(ofRagged.getMessage().contains("Row 1 has 3 values"), ofRagged.getMessage());
  }

  @Test
  void ofAndBuilderAgree() {
    List<List<String>> rows = new ArrayList<>();
    rows.add(Arrays.asList("007", "CCO", "46.07"));
    rows.add(Arrays.asList("2", "c1ccccc1", null));
    rows.add(Arrays.asList("3", "O", ""));
    Frame f = Frame.of(List.of("id", "smiles", "mw"), rows);
    assertEquals(molecules(), f);
    assertEquals(molecules().hashCode(), f.hashCode());
    rows.get(0).set(0, "changed");
    assertEquals("007", f.get(0, "id"), "the frame does not see later changes to the lists it was built from");
  }

  @Test
  void builderCopiesTheArrayItWasGiven() {
    String[] values = {"1", "x"};
    Frame.Builder b = Frame.builder("a", "b").row(values);
    values[0] = "changed";
    assertEquals("1", b.build().get(0, "a"));
  }

  @Test
  void emptyFrameHasColumnsAndNoRows() {
    Frame e = Frame.empty(List.of("a", "b"));
    assertTrue(e.isEmpty());
    assertEquals(0, e.rowCount());
    assertEquals(List.of("a", "b"), e.columns());
    assertFalse(e.iterator().hasNext());
    assertEquals(0, e.errorCount());
  }

  @Test
  void iteratesRowsInOrderAsViews() {
    List<String> ids = new ArrayList<>();
    for (Frame.Row row : molecules()) {
      ids.add(row.get("id") + "@" + row.index());
    }
    assertEquals(List.of("007@0", "2@1", "3@2"), ids);
    assertEquals(3, molecules().stream().count());
    assertEquals(List.of("CCO", "c1ccccc1", "O"), molecules().stream().map(r -> r.get("smiles")).toList());
  }

  @Test
  void rowToMapKeepsColumnOrderAndNulls() {
    Map<String, String> m = molecules().get(1).toMap();
    assertEquals(List.of("id", "smiles", "mw"), new ArrayList<>(m.keySet()));
    assertTrue(m.containsKey("mw"));
    assertNull(m.get("mw"));
    assertEquals(Arrays.asList("2", "c1ccccc1", null), molecules().get(1).values());
  }

  @Test
  void columnIsAReadOnlyListInRowOrder() {
    List<String> mw = molecules().column("mw");
    assertEquals(Arrays.asList("46.07", null, ""), mw);
    assertThrows(UnsupportedOperationException.class, () -> mw.set(0, "x"));
  }

  @Test
  void sliceSelectAndConcat() {
    Frame f = molecules();
    Frame middle = f.slice(1, 3);
    assertEquals(2, middle.rowCount());
    assertEquals("2", middle.get(0, "id"));
    assertEquals(1, middle.slice(1, 2).rowCount());
    assertEquals("3", middle.slice(1, 2).get(0, "id"));
    assertThrows(FrameException.class, () -> f.slice(2, 4));
    assertThrows(FrameException.class, () -> f.slice(2, 1));
    assertEquals(0, f.slice(3, 3).rowCount());

    Frame picked = f.selectRows(new int[] {2, 0, 2});
    assertEquals(List.of("3", "007", "3"), picked.column("id"));
    assertThrows(FrameException.class, () -> f.selectRows(new int[] {5}));

    assertEquals(f, Frame.concat(List.of(f.slice(0, 1), f.slice(1, 1), f.slice(1, 3))));
    FrameException e = assertThrows(FrameException.class,
        () -> Frame.concat(List.of(f, f.select("smiles", "id"))));
    assertTrue(e.getMessage().contains("frame 1 has columns [smiles, id]"), e.getMessage());
    assertThrows(FrameException.class, () -> Frame.concat(List.of()));
  }

  @Test
  void selectAndDropColumns() {
    Frame f = molecules().select("mw", "id");
    assertEquals(List.of("mw", "id"), f.columns());
    assertEquals("007", f.get(0, "id"));
    assertThrows(FrameException.class, () -> molecules().select("nope"));
    assertEquals(List.of("id", "mw"), molecules().drop("smiles", "absent").columns());
    Frame same = molecules();
    assertSame(same, same.drop("absent"));
  }

  @Test
  void withColumnAddsOrReplacesWithoutTouchingTheOriginal() {
    Frame f = molecules();
    Frame added = f.withColumn("logp", Arrays.asList("1", null, "3"));
    assertEquals(List.of("id", "smiles", "mw", "logp"), added.columns());
    assertNull(added.get(1, "logp"));
    Frame replaced = added.withColumn("smiles", List.of("a", "b", "c"));
    assertEquals(List.of("id", "smiles", "mw", "logp"), replaced.columns());
    assertEquals("b", replaced.get(1, "smiles"));
    assertEquals("c1ccccc1", f.get(1, "smiles"));
    assertEquals(3, f.columnCount());
    FrameException e = assertThrows(FrameException.class, () -> f.withColumn("x", List.of("1")));
    assertTrue(e.getMessage().contains("1 values but the frame has 3 rows"), e.getMessage());
  }

  @Test
  void errorsAreCountedAndFiltered() {
    Frame f = molecules().withColumn(Frame.ERROR_COLUMN, Arrays.asList(null, "ModelError: bad SMILES", null));
    assertEquals(1, f.errorCount());
    Frame failed = f.failedRows();
    assertEquals(1, failed.rowCount());
    assertEquals("2", failed.get(0, "id"));
    assertEquals(0, molecules().errorCount());
    assertEquals(0, molecules().failedRows().rowCount());
  }

  @Test
  void equalityIsByColumnsAndValues() {
    assertEquals(molecules(), molecules());
    assertEquals(molecules().slice(1, 2), molecules().selectRows(new int[] {1}));
    assertNotEquals(molecules(), molecules().slice(0, 2));
    assertNotEquals(molecules(), molecules().withColumn("mw", Arrays.asList("46.07", "", "")));
    assertEquals(molecules().get(1), molecules().slice(1, 2).get(0));
  }

  @Test
  void toStringIsAShortPreview() {
    Frame.Builder b = Frame.builder("id", "text");
    for (int i = 0; i < 100_000; i++) {
      b.row(Integer.toString(i), "line one\nline two " + "x".repeat(100));
    }
    String s = b.build().toString();
    assertTrue(s.startsWith("Frame[100000 rows x 2 columns]"), s);
    assertTrue(s.contains("99995 more rows"), s);
    assertTrue(s.length() < 1000, "preview length " + s.length());
    assertFalse(s.contains("line one\nline two"), "embedded newlines are escaped in the preview");
  }

  @Test
  void columnNamesAreInterned() {
    Frame a = Frame.builder(new String("smiles")).row("C").build();
    Frame b = Frame.builder(new String("smiles")).row("O").build();
    assertSame(a.columns().get(0), b.columns().get(0));
  }
}
