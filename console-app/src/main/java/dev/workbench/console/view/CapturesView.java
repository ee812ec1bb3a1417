package dev.workbench.console.view;

import dev.workbench.api.InferenceCapture;
import dev.workbench.console.viewmodel.CaptureShown;
import dev.workbench.console.viewmodel.CapturesViewModel;
import dev.workbench.console.viewmodel.ConsoleSettings;
import java.nio.file.Path;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.jspecify.annotations.Nullable;

/**
 * Model evaluation of one endpoint: its inference captures with their metrics, and for the one picked the metrics
 * table and plots, which Export PNG writes to a file as shown.
 */
final class CapturesView extends VBox {
  CapturesView(CapturesViewModel vm, ObservableList<String> endpoints, FileDialogs dialogs, ConsoleSettings settings) {
    super(6);
    getStyleClass().add("screen");
    ComboBox<String> endpoint = EndpointPicker.of("captures-endpoint", endpoints, vm.endpointProperty(), 220);
    Button refresh = new Button("Refresh");
    refresh.setId("captures-refresh");
    refresh.disableProperty().bind(vm.endpointProperty().isEmpty());
    refresh.setOnAction(e -> vm.refresh());
    Label status = new Label();
    status.setId("captures-status");
    status.textProperty().bind(vm.statusProperty());
    status.setWrapText(true); // the hint of how to make a capture is long; on a narrow window it wraps, whole
    status.setMinWidth(0);
    HBox.setHgrow(status, Priority.ALWAYS);
    // the status gives way (it wraps), never the picker or the button
    endpoint.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    refresh.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    HBox top = new HBox(10, endpoint, refresh, status);
    top.setAlignment(Pos.CENTER_LEFT);

    ListView<InferenceCapture> list = new ListView<>(vm.captures());
    list.setId("captures-list");
    list.setPrefHeight(120);
    list.setMinHeight(60);
    list.setPlaceholder(new Label("No captures"));
    list.setCellFactory(l -> new ListCell<>() {
      @Override
      protected void updateItem(@Nullable InferenceCapture c, boolean empty) {
        super.updateItem(c, empty);
        setText(empty || c == null ? null : CapturesViewModel.summary(c));
      }
    });
    list.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
      if (b != null) {
        vm.selectedProperty().set(b);
      }
    });
    // a refresh replaces the items, which clears the list's selection; the capture picked stays picked
    vm.captures().addListener((ListChangeListener<InferenceCapture>) c -> list.getSelectionModel()
        .select(vm.selectedProperty().get()));
    vm.selectedProperty().addListener((o, a, b) -> {
      if (b != list.getSelectionModel().getSelectedItem()) {
        list.getSelectionModel().select(b);
      }
    });

    TableView<List<@Nullable String>> metrics = new TableView<>(vm.metricRows());
    metrics.setId("capture-metrics");
    metrics.getStyleClass().add(atlantafx.base.theme.Styles.DENSE);
    metrics.setPlaceholder(new Label("Pick a capture"));
    metrics.setPrefHeight(150);
    metrics.setMinHeight(60);
    vm.metricColumns().addListener((ListChangeListener<String>) c -> {
      Tables.columns(metrics, vm.metricColumns());
      // metric and value fill the width; a classifier's six columns keep their headers whole and scroll instead
      metrics.setColumnResizePolicy(vm.metricColumns().size() > 2 ? TableView.UNCONSTRAINED_RESIZE_POLICY
          : TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    });

    CapturePlotsView plots = new CapturePlotsView();
    Label note = new Label();
    note.setId("capture-note");
    note.getStyleClass().add("hint");
    note.setWrapText(true);
    Button export = new Button("Export PNG...");
    export.setId("export-plot");
    export.setDisable(true);
    export.setOnAction(e -> {
      CaptureShown s = vm.shownProperty().get();
      Path file = dialogs.savePng(getScene().getWindow(), settings.lastFolder(), s.capture() + ".png");
      if (file != null) {
        settings.lastFolder(file.toAbsolutePath().getParent());
        PngExport.write(plots, file);
      }
    });
    vm.shownProperty().addListener((o, a, s) -> {
      plots.show(s);
      note.setText(s.note());
      export.setDisable(plots.getChildren().isEmpty());
    });
    HBox plotTools = new HBox(10, export, note);
    plotTools.setAlignment(Pos.CENTER_LEFT);
    ScrollPane plotScroll = new ScrollPane(plots);
    plotScroll.setFitToWidth(true);
    plotScroll.setFitToHeight(true);
    VBox.setVgrow(plotScroll, Priority.ALWAYS);
    VBox right = new VBox(6, plotTools, plotScroll);
    right.setMinWidth(0);

    VBox left = new VBox(6, new Label("Captures"), list, new Label("Metrics"), metrics);
    VBox.setVgrow(metrics, Priority.ALWAYS);
    left.setMinWidth(0);
    SplitPane split = new SplitPane(left, right);
    split.setOrientation(Orientation.HORIZONTAL);
    split.setDividerPositions(0.4);
    VBox.setVgrow(split, Priority.ALWAYS);
    getChildren().addAll(top, split);
  }
}
