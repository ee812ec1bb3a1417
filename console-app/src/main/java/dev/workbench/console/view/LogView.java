package dev.workbench.console.view;

import dev.workbench.console.viewmodel.LogEntry;
import dev.workbench.console.viewmodel.LogViewModel;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Alert;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.input.MouseButton;
import javafx.stage.Window;

/** The log pane; double-click a line for its full text (an error's stack trace). */
final class LogView extends ListView<LogEntry> {
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
    vm.entries().addListener((ListChangeListener<LogEntry>) c -> scrollTo(vm.entries().size() - 1));
    setOnMouseClicked(e -> {
      LogEntry item = getSelectionModel().getSelectedItem();
      if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && item != null) {
        showDetail(getScene().getWindow(), item);
      }
    });
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
