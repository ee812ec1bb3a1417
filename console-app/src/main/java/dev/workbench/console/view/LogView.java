package dev.workbench.console.view;

import dev.workbench.console.viewmodel.LogEntry;
import dev.workbench.console.viewmodel.LogViewModel;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Alert;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Skin;
import javafx.scene.control.skin.ListViewSkin;
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

  /**
   * The list's own flow does the following, in its layout, once it knows how many lines there are: scrolling from
   * the list change (or from the list's layout) lands one line short, worst when two lines come in one pulse.
   */
  @Override
  protected Skin<?> createDefaultSkin() {
    return new ListViewSkin<>(this) {
      @Override
      protected VirtualFlow<ListCell<LogEntry>> createVirtualFlow() {
        return new VirtualFlow<>() {
          @Override
          protected void layoutChildren() {
            super.layoutChildren();
            int last = getItems().size() - 1;
            if (!follow || last < 0 || last >= getCellCount()) {
              return; // nothing to follow, or the flow has not heard of the new lines yet: its next layout
            }
            IndexedCell<?> shown = getLastVisibleCellWithinViewport();
            if (shown != null && shown.getIndex() >= last || ++passes > 6) {
              follow = false; // in sight, or a pane too small to show a line whole: stop asking for layouts
              return;
            }
            scrollTo(last); // the least scroll that shows it whole; lays out again, and looks once more
          }
        };
      }
    };
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
