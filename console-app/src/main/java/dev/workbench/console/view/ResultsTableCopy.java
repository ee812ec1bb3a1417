package dev.workbench.console.view;

import dev.workbench.console.viewmodel.CellCopy;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TablePosition;
import javafx.scene.control.TableView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

/**
 * Copying out of a table: cells are selected one by one (Shift and Ctrl add), Ctrl+C copies the selected cells as
 * tab-separated text, and the context menu copies the cell, its row or its column (as shown: filtered, sorted).
 */
final class ResultsTableCopy {
  private static final KeyCombination COPY = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);

  private ResultsTableCopy() {
  }

  static <T> void install(TableView<T> table) {
    table.getSelectionModel().setCellSelectionEnabled(true);
    table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
    table.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
      if (COPY.match(e)) {
        e.consume();
        copySelection(table);
      }
    });
    MenuItem cell = new MenuItem("Copy cell");
    cell.setId("copy-cell");
    cell.setAccelerator(COPY);
    cell.setOnAction(e -> copySelection(table));
    MenuItem row = new MenuItem("Copy row");
    row.setId("copy-row");
    row.setOnAction(e -> {
      TablePosition<T, ?> at = focused(table);
      if (at != null) {
        List<CellCopy.Cell> cells = new ArrayList<>();
        for (int c = 0; c < table.getVisibleLeafColumns().size(); c++) {
          cells.add(new CellCopy.Cell(at.getRow(), c));
        }
        put(table, cells);
      }
    });
    MenuItem column = new MenuItem("Copy column");
    column.setId("copy-column");
    column.setOnAction(e -> {
      TablePosition<T, ?> at = focused(table);
      if (at != null && at.getTableColumn() != null) {
        int c = table.getVisibleLeafIndex(at.getTableColumn());
        List<CellCopy.Cell> cells = new ArrayList<>();
        for (int r = 0; r < table.getItems().size(); r++) {
          cells.add(new CellCopy.Cell(r, c));
        }
        put(table, cells);
      }
    });
    ContextMenu menu = new ContextMenu(cell, row, column);
    menu.setId("results-menu");
    table.setContextMenu(menu);
  }

  /** The cell the user acted on: the focused one, else the last selected. */
  private static <T> @org.jspecify.annotations.Nullable TablePosition<T, ?> focused(TableView<T> table) {
    TablePosition<T, ?> at = table.getFocusModel().getFocusedCell();
    if (at != null && at.getRow() >= 0 && at.getTableColumn() != null) {
      return at;
    }
    var selected = table.getSelectionModel().getSelectedCells();
    return selected.isEmpty() ? null : selected.get(selected.size() - 1);
  }

  private static <T> void copySelection(TableView<T> table) {
    List<CellCopy.Cell> cells = new ArrayList<>();
    for (TablePosition<?, ?> p : table.getSelectionModel().getSelectedCells()) {
      if (p.getTableColumn() != null) {
        cells.add(new CellCopy.Cell(p.getRow(), table.getVisibleLeafIndex(cast(p.getTableColumn()))));
      }
    }
    TablePosition<T, ?> at = focused(table);
    if (cells.isEmpty() && at != null && at.getTableColumn() != null) {
      cells.add(new CellCopy.Cell(at.getRow(), table.getVisibleLeafIndex(at.getTableColumn())));
    }
    if (!cells.isEmpty()) {
      put(table, cells);
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> TableColumn<T, ?> cast(TableColumn<?, ?> c) {
    return (TableColumn<T, ?>) c;
  }

  private static <T> void put(TableView<T> table, List<CellCopy.Cell> cells) {
    String text = CellCopy.tsv(cells, (r, c) -> {
      Object v = table.getVisibleLeafColumn(c).getCellData(r);
      return v == null ? "" : v.toString();
    });
    ClipboardContent content = new ClipboardContent();
    content.putString(text);
    Clipboard.getSystemClipboard().setContent(content);
  }
}
