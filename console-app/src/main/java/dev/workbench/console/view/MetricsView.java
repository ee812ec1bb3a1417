package dev.workbench.console.view;

import atlantafx.base.theme.Styles;
import dev.workbench.console.viewmodel.MetricSeries;
import dev.workbench.console.viewmodel.MetricsViewModel;
import dev.workbench.console.viewmodel.ScaleMark;
import dev.workbench.console.viewmodel.TimeRange;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;

/**
 * Per endpoint: one chart per CloudWatch metric of its kind plus the instance count, all on one clock-time axis
 * over the range picked (or live), scale events marked on each; and the data-capture records.
 */
final class MetricsView extends VBox {
  private final TilePane charts = new TilePane(8, 8);
  private final Map<String, TimeChart> byName = new LinkedHashMap<>();
  private final MetricsViewModel vm;

  MetricsView(MetricsViewModel vm, ObservableList<String> endpoints) {
    this.vm = vm;
    getStyleClass().add("screen");
    ComboBox<String> endpoint = EndpointPicker.of("metrics-endpoint", endpoints, vm.endpointProperty(), 220);
    ComboBox<TimeRange> range = new ComboBox<>(FXCollections.observableArrayList(TimeRange.values()));
    range.setId("metrics-range");
    range.valueProperty().bindBidirectional(vm.rangeProperty());
    range.setTooltip(new Tooltip("The range every chart shows; the period of the points follows from it"));
    ToggleButton live = new ToggleButton("Live");
    live.setId("metrics-live");
    live.selectedProperty().bindBidirectional(vm.liveProperty());
    live.setTooltip(new Tooltip("Keep the range ending now, read again every "
        + MetricsViewModel.LIVE_REFRESH.toSeconds() + " s"));
    TextField from = new TextField();
    from.setId("metrics-from");
    from.setPromptText("yyyy-MM-dd HH:mm");
    from.setPrefColumnCount(10);
    TextField to = new TextField();
    to.setId("metrics-to");
    to.setPromptText("yyyy-MM-dd HH:mm");
    to.setPrefColumnCount(10);
    Button apply = new Button("Show");
    apply.setId("metrics-custom");
    apply.setTooltip(new Tooltip("Show the custom range from / to (local time)"));
    HBox custom = new HBox(4, new Label("from"), from, new Label("to"), to, apply);
    custom.setAlignment(Pos.CENTER_LEFT);
    custom.visibleProperty().bind(vm.rangeProperty().isEqualTo(TimeRange.CUSTOM));
    custom.managedProperty().bind(custom.visibleProperty());
    Label customError = new Label();
    customError.getStyleClass().add(Styles.DANGER);
    apply.setOnAction(e -> {
      String problem = vm.custom(from.getText(), to.getText());
      customError.setText(problem == null ? "" : problem);
    });
    vm.rangeProperty().addListener((o, a, b) -> {
      if (b == TimeRange.CUSTOM && from.getText().isBlank()) {
        from.setText(vm.axisText(false));
        to.setText(vm.axisText(true));
      }
    });
    Label summary = new Label();
    summary.setId("metrics-summary");
    summary.textProperty().bind(vm.summaryProperty());
    summary.setWrapText(true); // a long endpoint name wraps the header rather than cutting it
    FlowPane top = new FlowPane(8, 6, endpoint, range, live, custom, customError, summary);
    top.setAlignment(Pos.CENTER_LEFT);
    charts.setId("metric-charts");
    charts.setPrefTileHeight(185);
    vm.series().addListener((ListChangeListener<MetricSeries>) c -> draw(vm.series()));
    vm.marks().addListener((ListChangeListener<ScaleMark>) c -> byName.values().forEach(t -> t.marks(vm.marks())));
    vm.axisStartProperty().addListener((o, a, b) -> byName.values().forEach(this::range));
    vm.axisEndProperty().addListener((o, a, b) -> byName.values().forEach(this::range));
    ScrollPane scroll = new ScrollPane(charts);
    scroll.setFitToWidth(true);
    // charts resize with the window: three across when there is room, else two
    scroll.viewportBoundsProperty().addListener((o, a, b) -> {
      double w = b.getWidth();
      int columns = w >= 1150 ? 3 : w >= 560 ? 2 : 1;
      charts.setPrefColumns(columns);
      charts.setPrefTileWidth(Math.floor((w - 8 * (columns - 1) - 4) / columns));
    });

    CaptureView captureBox = new CaptureView(vm.capture(), vm::loadCapture, vm.endpointProperty().isEmpty());
    TitledPane capturePane = new TitledPane("Data capture", captureBox);
    capturePane.setCollapsible(false);
    capturePane.setMaxHeight(Double.MAX_VALUE);
    // at 700 pixels the capture browser must not squeeze the charts to a strip: both give way to the divider
    capturePane.setMinHeight(120);
    captureBox.setMinHeight(0);
    scroll.setMinHeight(200);
    SplitPane split = new SplitPane(scroll, capturePane);
    split.setOrientation(Orientation.VERTICAL);
    split.setDividerPositions(0.7);
    VBox.setVgrow(split, Priority.ALWAYS);
    getChildren().addAll(top, split);
  }

  private void range(TimeChart chart) {
    chart.range(vm.axisStartProperty().get(), vm.axisEndProperty().get());
  }

  /** Charts stay (only their points change) while the endpoint keeps its metric set; new names get new charts. */
  private void draw(List<MetricSeries> all) {
    Map<String, TimeChart> kept = new LinkedHashMap<>();
    for (MetricSeries s : all) {
      TimeChart chart = byName.get(s.name());
      if (chart == null) {
        chart = new TimeChart(s, vm.zone());
        range(chart);
        chart.marks(vm.marks());
      } else {
        chart.show(s);
      }
      kept.put(s.name(), chart);
    }
    byName.clear();
    byName.putAll(kept);
    if (!charts.getChildren().equals(List.copyOf(kept.values()))) {
      charts.getChildren().setAll(kept.values());
    }
  }
}
