package dev.workbench.console.viewmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Copied cells paste into a spreadsheet as they were laid out in the table. */
class CellCopyTest {
  private static String value(int row, int column) {
    return "r" + row + "c" + column;
  }

  @Test
  void aBlockOfCellsIsRowsOfTabSeparatedValuesInTableOrder() {
    String tsv = CellCopy.tsv(List.of(new CellCopy.Cell(2, 1), new CellCopy.Cell(1, 2), new CellCopy.Cell(1, 1),
        new CellCopy.Cell(2, 2)), CellCopyTest::value);
    assertEquals("r1c1\tr1c2\nr2c1\tr2c2", tsv);
  }

  @Test
  void cellsNotSelectedInsideTheBlockStayEmptySoColumnsLineUp() {
    String tsv = CellCopy.tsv(List.of(new CellCopy.Cell(0, 0), new CellCopy.Cell(1, 2)), CellCopyTest::value);
    assertEquals("r0c0\t\n\tr1c2", tsv);
  }

  @Test
  void valuesWithTabsLineBreaksOrQuotesAreQuoted() {
    assertEquals("\"a\tb\"", CellCopy.quoted("a\tb"));
    assertEquals("\"say \"\"hi\"\"\"", CellCopy.quoted("say \"hi\""));
    assertEquals("\"two\nlines\"", CellCopy.quoted("two\nlines"));
    assertEquals("plain", CellCopy.quoted("plain"));
  }
}
