package dev.workbench.console.view;

import dev.workbench.api.LogEvent;
import dev.workbench.console.viewmodel.EndpointLogsViewModel;
import java.time.Duration;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/** The container log of an endpoint: range, filter pattern, stream, live tail, copy. */
final class EndpointLogsView extends VBox {
  EndpointLogsView(EndpointLogsViewModel vm, ObservableList<String> endpoints) {
    getStyleClass().add("screen");
    ComboBox<String> endpoint = EndpointPicker.of("logs-endpoint", endpoints, vm.endpointProperty(), 220);
    ComboBox<Duration> range = new ComboBox<>(FXCollections.observableArrayList(EndpointLogsViewModel.RANGES));
    range.setId("logs-range");
    range.setConverter(new StringConverter<>() {
      @Override
      public String toString(Duration d) { return d == null ? "" : "last " + EndpointLogsViewModel.rangeText(d); }

      @Override
      public Duration fromString(String s) { throw new UnsupportedOperationException("picked, not typed"); }
    });
    range.valueProperty().bindBidirectional(vm.rangeProperty());
    TextField filter = new TextField();
    filter.setId("logs-filter");
    filter.setPromptText("Filter pattern, e.g. ERROR");
    filter.setPrefColumnCount(13);
    filter.textProperty().bindBidirectional(vm.filterProperty());
    filter.setTooltip(new Tooltip("A CloudWatch Logs filter pattern: words all present, \"an exact phrase\", -excluded;"
        + " Enter applies it"));
    filter.setOnAction(e -> vm.reload());
    ComboBox<String> stream = new ComboBox<>(vm.streams());
    stream.setId("logs-stream");
    stream.setPrefWidth(230);
    stream.valueProperty().bindBidirectional(vm.streamProperty());
    stream.setTooltip(new Tooltip("One instance's stream, or all of them"));
    ToggleButton live = new ToggleButton("Live tail");
    live.setId("logs-live");
    live.selectedProperty().bindBidirectional(vm.liveProperty());
    Button reload = new Button("Reload");
    reload.setId("logs-reload");
    reload.setOnAction(e -> vm.reload());
    ListView<LogEvent> lines = new ListView<>(vm.shown());
    lines.setId("logs-lines");
    lines.getStyleClass().addAll(atlantafx.base.theme.Styles.DENSE, "log-lines");
    lines.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
    lines.setPlaceholder(new Label("No log lines in the range."));
    lines.setCellFactory(l -> new ListCell<>() {
      @Override
      protected void updateItem(LogEvent item, boolean empty) {
        super.updateItem(item, empty);
        getStyleClass().remove("log-error");
        setText(empty || item == null ? null : vm.line(item));
        if (!empty && item != null && item.message().contains("ERROR")) {
          getStyleClass().add("log-error");
        }
      }
    });
    // a live tail follows its newest line unless the user scrolled up to read
    vm.shown().addListener((ListChangeListener<LogEvent>) c -> {
      if (vm.liveProperty().get() && !vm.shown().isEmpty()) {
        lines.scrollTo(vm.shown().size() - 1);
      }
    });
    Button copy = new Button("Copy");
    copy.setId("logs-copy");
    copy.setTooltip(new Tooltip("Copy the selected lines (all shown lines when none is selected), Ctrl+C"));
    Runnable toClipboard = () -> {
      var picked = lines.getSelectionModel().getSelectedItems();
      String text = picked.isEmpty() ? vm.text()
          : String.join("\n", picked.stream().map(vm::line).toList()) + "\n";
      ClipboardContent content = new ClipboardContent();
      content.putString(text);
      Clipboard.getSystemClipboard().setContent(content);
    };
    copy.setOnAction(e -> toClipboard.run());
    lines.setOnKeyPressed(e -> {
      if (new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN).match(e)) {
        e.consume();
        toClipboard.run();
      }
    });
    Label status = new Label();
    status.setId("logs-status");
    status.textProperty().bind(vm.statusProperty());
    FlowPane top = new FlowPane(8, 6, endpoint, range, filter, stream, live, reload, copy);
    top.setAlignment(Pos.CENTER_LEFT);
    VBox.setVgrow(lines, Priority.ALWAYS);
    getChildren().addAll(top, status, lines);
  }
}
