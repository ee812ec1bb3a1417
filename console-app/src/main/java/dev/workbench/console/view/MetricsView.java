package dev.workbench.console.view;

import dev.workbench.api.MetricPoint;
import dev.workbench.console.viewmodel.MetricSeries;
import dev.workbench.console.viewmodel.MetricsViewModel;
import java.time.Instant;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TitledPane;
import javafx.geometry.Orientation;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;

/** Per endpoint: one line chart per CloudWatch metric plus the instance count, and the data-capture records. */
final class MetricsView extends VBox {
  private final TilePane charts = new TilePane(8, 8);

  MetricsView(MetricsViewModel vm, ObservableList<String> endpoints) {
    getStyleClass().add("screen");
    ComboBox<String> endpoint = EndpointPicker.of("metrics-endpoint", endpoints, vm.endpointProperty(), 220);
    Label summary = new Label();
    summary.setId("metrics-summary");
    summary.textProperty().bind(vm.summaryProperty());
    HBox top = new HBox(10, endpoint, summary);
    top.setAlignment(Pos.CENTER_LEFT);
    charts.setId("metric-charts");
    charts.setPrefColumns(4);
    charts.setPrefTileWidth(300);
    charts.setPrefTileHeight(180);
    vm.series().addListener((ListChangeListener<MetricSeries>) c -> draw(vm.series()));
    ScrollPane scroll = new ScrollPane(charts);
    scroll.setFitToWidth(true);

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

  private void draw(List<MetricSeries> all) {
    Instant origin = all.stream().flatMap(s -> s.points().stream()).map(MetricPoint::time)
        .min(Instant::compareTo).orElse(Instant.now());
    charts.getChildren().clear();
    for (MetricSeries s : all) {
      NumberAxis x = new NumberAxis();
      x.setLabel("seconds");
      x.setTickLabelsVisible(true);
      x.setForceZeroInRange(false);
      NumberAxis y = new NumberAxis();
      y.setForceZeroInRange(true);
      LineChart<Number, Number> chart = new LineChart<>(x, y);
      chart.setTitle(s.title());
      chart.setLegendVisible(false);
      chart.setAnimated(false);
      chart.setCreateSymbols(s.points().size() < 40);
      chart.setId("chart-" + s.name());
      XYChart.Series<Number, Number> line = new XYChart.Series<>();
      line.setName(s.name());
      for (MetricPoint p : s.points()) {
        line.getData().add(new XYChart.Data<>((p.time().toEpochMilli() - origin.toEpochMilli()) / 1000.0, p.value()));
      }
      chart.getData().add(line);
      chart.setPrefSize(300, 180);
      charts.getChildren().add(chart);
    }
  }
}
