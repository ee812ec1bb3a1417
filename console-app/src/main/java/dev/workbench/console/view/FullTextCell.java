package dev.workbench.console.view;

import java.util.List;
import java.util.function.Function;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;

/**
 * A text cell for long identifiers (InferenceIds, S3 URIs): cut in the middle, where both ends stay readable, the
 * whole value on hover, and Copy / Copy row in its context menu.
 */
final class FullTextCell<S> extends TableCell<S, String> {
  private final Function<S, List<String>> row;

  FullTextCell(Function<S, List<String>> row) {
    this.row = row;
    setTextOverrun(OverrunStyle.CENTER_ELLIPSIS);
    MenuItem copy = new MenuItem("Copy");
    copy.setOnAction(e -> copy(getItem()));
    MenuItem copyRow = new MenuItem("Copy row");
    copyRow.setOnAction(e -> {
      S item = getTableRow() == null ? null : getTableRow().getItem();
      if (item != null) {
        copy(String.join("\t", this.row.apply(item)));
      }
    });
    ContextMenu menu = new ContextMenu(copy, copyRow);
    menu.setId("copy-menu");
    emptyProperty().addListener((o, was, empty) -> setContextMenu(empty ? null : menu));
  }

  @Override
  protected void updateItem(String item, boolean empty) {
    super.updateItem(item, empty);
    setText(empty ? null : item);
    setTooltip(empty || item == null || item.equals("-") ? null : new Tooltip(item));
  }

  static void copy(String text) {
    if (text != null) {
      ClipboardContent c = new ClipboardContent();
      c.putString(text);
      Clipboard.getSystemClipboard().setContent(c);
    }
  }
}
