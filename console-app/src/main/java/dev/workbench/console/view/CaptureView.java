package dev.workbench.console.view;

import dev.workbench.console.viewmodel.CaptureViewModel;
import java.util.List;
import javafx.beans.property.StringProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.jspecify.annotations.Nullable;

/** Captured records a page at a time beside the full request and response of the one picked. */
final class CaptureView extends VBox {
  CaptureView(CaptureViewModel vm, Runnable load, javafx.beans.value.ObservableBooleanValue noEndpoint) {
    super(6);
    TableView<List<@Nullable String>> table = new TableView<>(vm.page());
    table.setId("capture");
    table.setMinHeight(60);
    table.getStyleClass().add(atlantafx.base.theme.Styles.DENSE);
    table.setPlaceholder(new Label("Press Load to read the endpoint's data-capture records."));
    vm.columns().addListener((ListChangeListener<String>) c -> Tables.columns(table, vm.columns()));
    table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> vm.selectedProperty().set(b));
    Button refresh = new Button("Load data capture");
    refresh.setId("load-capture");
    refresh.disableProperty().bind(noEndpoint);
    refresh.setOnAction(e -> load.run());
    Button newer = new Button("< Newer");
    newer.setId("capture-newer");
    newer.disableProperty().bind(vm.hasNewer().not());
    newer.setOnAction(e -> vm.newer());
    Button older = new Button("Older >");
    older.setId("capture-older");
    older.disableProperty().bind(vm.hasOlder().not());
    older.setOnAction(e -> vm.older());
    Label status = new Label();
    status.setId("capture-status");
    status.textProperty().bind(vm.statusProperty());
    HBox tools = new HBox(8, refresh, newer, older, status);
    tools.setAlignment(Pos.CENTER_LEFT);

    Label meta = new Label();
    meta.setId("capture-detail");
    meta.getStyleClass().add("hint");
    meta.textProperty().bind(vm.detailProperty());
    VBox detail = new VBox(4, meta, new Label("Request"), payload("capture-request", vm.requestProperty()),
        new Label("Response"), payload("capture-response", vm.responseProperty()));
    detail.getChildren().stream().filter(n -> n instanceof TextArea).forEach(n -> VBox.setVgrow(n, Priority.ALWAYS));
    detail.setMinHeight(0);
    SplitPane split = new SplitPane(table, detail);
    split.setMinHeight(0);
    split.setOrientation(Orientation.HORIZONTAL);
    split.setDividerPositions(0.6);
    VBox.setVgrow(split, Priority.ALWAYS);
    getChildren().addAll(tools, split);
  }

  private static TextArea payload(String id, StringProperty text) {
    TextArea area = new TextArea();
    area.setId(id);
    area.setEditable(false);
    area.setPrefRowCount(4);
    area.setMinHeight(40);
    area.setWrapText(true);
    area.setPromptText("Pick a record");
    area.getStyleClass().add("payload");
    area.textProperty().bind(text);
    return area;
  }
}
