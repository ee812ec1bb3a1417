package dev.workbench.console.viewmodel;

import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * Table cells as tab-separated text, the way spreadsheets paste them: the selected rows and columns in table
 * order, a cell not selected inside that block left empty. A value with a tab, line break or quote is quoted.
 */
public final class CellCopy {
  private CellCopy() {
  }

  /** A selected cell: row and column indexes in the table as shown. */
  public record Cell(int row, int column) {}

  public static String tsv(List<Cell> cells, BiFunction<Integer, Integer, String> value) {
    TreeSet<Integer> columns = new TreeSet<>();
    TreeMap<Integer, TreeSet<Integer>> rows = new TreeMap<>();
    for (Cell c : cells) {
      columns.add(c.column());
      rows.computeIfAbsent(c.row(), r -> new TreeSet<>()).add(c.column());
    }
    StringBuilder out = new StringBuilder();
    rows.forEach((row, selected) -> {
      if (out.length() > 0) {
        out.append('\n');
      }
      boolean first = true;
      for (int column : columns) {
        if (!first) {
          out.append('\t');
        }
        first = false;
        if (selected.contains(column)) {
          out.append(quoted(value.apply(row, column)));
        }
      }
    });
    return out.toString();
  }

  static String quoted(String v) {
    return v.indexOf('\t') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0 || v.indexOf('"') >= 0
        ? '"' + v.replace("\"", "\"\"") + '"' : v;
  }
}
