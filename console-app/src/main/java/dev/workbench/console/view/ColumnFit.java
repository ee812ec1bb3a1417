package dev.workbench.console.view;

import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

/**
 * Columns as wide as their header and their first rows' values need, within bounds: a short number column does
 * not take 240 pixels, and one long SMILES string does not push every other column out of sight.
 */
final class ColumnFit {
  static final double MIN = 48;
  static final double MAX = 420;
  /** Rows measured: enough to see a column's usual width, few enough for a million-row table. */
  static final int SAMPLE = 200;
  private static final double PADDING = 26;

  private ColumnFit() {
  }

  static <T> void fit(TableView<T> table) {
    Font font = table.lookup(".table-cell") instanceof javafx.scene.control.Labeled cell ? cell.getFont()
        : Font.getDefault();
    Text measure = new Text();
    measure.setFont(font);
    int rows = Math.min(SAMPLE, table.getItems().size());
    for (TableColumn<T, ?> c : table.getColumns()) {
      double widest = width(measure, c.getText()) + 8; // the header has the sort arrow's room
      for (int r = 0; r < rows; r++) {
        Object v = c.getCellData(r);
        if (v != null) {
          widest = Math.max(widest, width(measure, v.toString()));
        }
      }
      c.setPrefWidth(Math.max(MIN, Math.min(MAX, Math.ceil(widest + PADDING))));
    }
  }

  static double width(Text measure, String text) {
    measure.setText(text);
    return measure.getLayoutBounds().getWidth();
  }
}
