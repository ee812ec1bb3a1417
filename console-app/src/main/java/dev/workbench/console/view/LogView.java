package dev.workbench.console.view;

import dev.workbench.console.viewmodel.LogEntry;
import dev.workbench.console.viewmodel.LogViewModel;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Alert;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.input.MouseButton;
import javafx.stage.Window;

/** The log pane; double-click a line for its full text (an error's stack trace). */
final class LogView extends ListView<LogEntry> {
  private boolean follow;
  private int passes;

  LogView(LogViewModel vm) {
    super(vm.entries());
    setId("log");
    getStyleClass().add(atlantafx.base.theme.Styles.DENSE);
    setCellFactory(l -> new ListCell<>() {
      @Override
      protected void updateItem(LogEntry item, boolean empty) {
        super.updateItem(item, empty);
        getStyleClass().remove("log-error");
        setText(empty || item == null ? null : item.line());
        if (!empty && item != null && item.level() == LogEntry.Level.ERROR) {
          getStyleClass().add("log-error");
        }
      }
    });
    // Scrolling from the list change itself lands one line short: the list's cells do not know the new line yet.
    // The scroll waits for the layout that follows the change.
    vm.entries().addListener((ListChangeListener<LogEntry>) c -> {
      follow = true;
      passes = 0;
      requestLayout();
    });
    setOnMouseClicked(e -> {
      LogEntry item = getSelectionModel().getSelectedItem();
      if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && item != null) {
        showDetail(getScene().getWindow(), item);
      }
    });
  }

  @Override
  protected void layoutChildren() {
    super.layoutChildren();
    int last = getItems().size() - 1;
    if (!follow || last < 0 || !(lookup(".virtual-flow") instanceof VirtualFlow<?> flow)) {
      return;
    }
    // the flow scrolls the least that shows the cell whole (ListView.scrollTo would put it at the top); a second
    // pass settles what the first one's new cells changed (a horizontal scroll bar appearing)
    flow.scrollTo(last);
    IndexedCell<?> shown = flow.getLastVisibleCell();
    passes++;
    // settled, or a pane too small to show a line: stop asking for layouts
    if (shown != null && shown.getIndex() == last && passes >= 2 || passes > 6) {
      follow = false;
      passes = 0;
    }
  }

  static void showDetail(Window owner, LogEntry entry) {
    Alert alert = new Alert(entry.level() == LogEntry.Level.ERROR ? Alert.AlertType.ERROR : Alert.AlertType.INFORMATION);
    alert.initOwner(owner);
    alert.setHeaderText(entry.message());
    TextArea text = new TextArea(entry.detail());
    text.setEditable(false);
    text.setWrapText(true);
    text.setPrefSize(720, 360);
    alert.getDialogPane().setContent(text);
    alert.show();
  }
}
