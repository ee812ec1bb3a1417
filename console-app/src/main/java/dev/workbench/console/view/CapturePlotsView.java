package dev.workbench.console.view;

import dev.workbench.console.viewmodel.CapturePlots;
import dev.workbench.console.viewmodel.CaptureShown;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The plots of one capture side by side: predicted vs actual with the identity line and the residual histogram
 * (regressor), or the confusion-matrix heatmap and one ROC curve per class (classifier).
 */
final class CapturePlotsView extends HBox {
  static final String POINTS = "scored rows";
  static final String IDENTITY = "identity";

  CapturePlotsView() {
    super(10);
    setId("capture-plots");
    setPadding(new Insets(6));
    setAlignment(Pos.TOP_LEFT);
  }

  void show(CaptureShown s) {
    getChildren().clear();
    if (s.type().isClassifier()) {
      add(confusion(s));
      if (!s.rocCurves().isEmpty()) {
        add(roc(s.rocCurves()));
      }
    } else if (!s.scatter().isEmpty()) {
      add(scatter(s));
      add(histogram(s.residualBins()));
    }
  }

  private void add(Node n) {
    HBox.setHgrow(n, Priority.ALWAYS);
    getChildren().add(n);
  }

  private static LineChart<Number, Number> scatter(CaptureShown s) {
    NumberAxis x = axis("measured");
    NumberAxis y = axis("predicted");
    LineChart<Number, Number> chart = new LineChart<>(x, y);
    chart.setId("capture-scatter");
    chart.setTitle("Predicted vs measured (" + s.scatter().size() + " rows)");
    chart.setAnimated(false);
    chart.setAxisSortingPolicy(LineChart.SortingPolicy.NONE);
    XYChart.Series<Number, Number> points = new XYChart.Series<>();
    points.setName(POINTS);
    s.scatter().forEach(p -> points.getData().add(new XYChart.Data<>(p.x(), p.y())));
    XYChart.Series<Number, Number> identity = new XYChart.Series<>();
    identity.setName(IDENTITY + " (predicted = measured)");
    s.identity().forEach(p -> identity.getData().add(new XYChart.Data<>(p.x(), p.y())));
    chart.getData().add(points);
    chart.getData().add(identity);
    // points without a line between them; a line without symbols (styled in console.css)
    points.getNode().getStyleClass().add("scatter-points");
    identity.getNode().getStyleClass().add("identity-line");
    identity.getData().forEach(d -> d.getNode().setVisible(false));
    points.getData().forEach(d -> d.getNode().getStyleClass().add("scatter-point"));
    size(chart);
    return chart;
  }

  private static BarChart<String, Number> histogram(List<CapturePlots.Bin> bins) {
    CategoryAxis x = new CategoryAxis();
    x.setLabel("residual (measured - predicted)");
    NumberAxis y = axis("rows");
    y.setForceZeroInRange(true);
    BarChart<String, Number> chart = new BarChart<>(x, y);
    chart.setId("capture-residuals");
    chart.setTitle("Residuals");
    chart.setAnimated(false);
    chart.setLegendVisible(false);
    chart.setCategoryGap(1);
    chart.setBarGap(0);
    XYChart.Series<String, Number> series = new XYChart.Series<>();
    series.setName("rows");
    // categories are the bins' centres, with the decimals that keep neighbours apart (equal names would merge bars)
    double width = bins.isEmpty() ? 1 : bins.get(0).to() - bins.get(0).from();
    int decimals = width > 0 ? Math.max(2, (int) Math.ceil(-Math.log10(width)) + 1) : 2;
    for (CapturePlots.Bin b : bins) {
      series.getData().add(new XYChart.Data<>(String.format(Locale.ROOT, "%." + decimals + "f", (b.from() + b.to()) / 2),
          b.count()));
    }
    chart.getData().add(series);
    size(chart);
    return chart;
  }

  private static LineChart<Number, Number> roc(List<CapturePlots.Roc> curves) {
    NumberAxis x = new NumberAxis("false positive rate", 0, 1, 0.2);
    NumberAxis y = new NumberAxis("true positive rate", 0, 1, 0.2);
    LineChart<Number, Number> chart = new LineChart<>(x, y);
    chart.setId("capture-roc");
    chart.setTitle("ROC, one class against the rest");
    chart.setAnimated(false);
    chart.setCreateSymbols(false);
    chart.setAxisSortingPolicy(LineChart.SortingPolicy.NONE);
    for (CapturePlots.Roc c : curves) {
      XYChart.Series<Number, Number> line = new XYChart.Series<>();
      line.setName(String.format(Locale.ROOT, "%s (AUC %.3f)", c.label(), c.auc()));
      c.points().forEach(p -> line.getData().add(new XYChart.Data<>(p.x(), p.y())));
      chart.getData().add(line);
    }
    XYChart.Series<Number, Number> chance = new XYChart.Series<>();
    chance.setName("chance");
    chance.getData().add(new XYChart.Data<>(0, 0));
    chance.getData().add(new XYChart.Data<>(1, 1));
    chart.getData().add(chance);
    chance.getNode().getStyleClass().add("identity-line");
    size(chart);
    return chart;
  }

  /** Rows are the measured class, columns the predicted one; darker is more rows. */
  private static Node confusion(CaptureShown s) {
    GridPane grid = new GridPane();
    grid.setId("capture-confusion");
    grid.setHgap(2);
    grid.setVgap(2);
    List<String> labels = s.labels();
    long max = Math.max(1, s.confusionMax());
    for (int j = 0; j < labels.size(); j++) {
      Label head = new Label(labels.get(j));
      head.getStyleClass().add("cm-head");
      grid.add(head, j + 1, 0);
    }
    for (int i = 0; i < labels.size(); i++) {
      Label head = new Label(labels.get(i));
      head.getStyleClass().add("cm-head");
      grid.add(head, 0, i + 1);
    }
    for (CapturePlots.Cell c : s.cells()) {
      Label cell = new Label(Long.toString(c.count()));
      cell.getStyleClass().add("cm-cell");
      cell.setUserData(c);
      cell.setMinSize(64, 40);
      cell.setAlignment(Pos.CENTER);
      double share = c.count() / (double) max;
      // one hue, lighter to darker; text turns white where the cell is dark
      cell.setStyle(String.format(Locale.ROOT, "-fx-background-color: hsb(212, %.0f%%, %.0f%%); -fx-text-fill: %s;",
          10 + 80 * share, 98 - 45 * share, share > 0.5 ? "white" : "black"));
      grid.add(cell, labels.indexOf(c.predicted()) + 1, labels.indexOf(c.actual()) + 1);
    }
    Label title = new Label("Confusion matrix (" + s.confusionTotal() + " rows): rows measured, columns predicted");
    title.getStyleClass().add("chart-title-label");
    VBox box = new VBox(8, title, grid);
    box.setPadding(new Insets(8));
    box.setMinWidth(260);
    return box;
  }

  private static NumberAxis axis(String label) {
    NumberAxis a = new NumberAxis();
    a.setLabel(label);
    a.setForceZeroInRange(false);
    return a;
  }

  private static void size(XYChart<?, ?> chart) {
    chart.setPrefSize(460, 340);
    chart.setMinSize(240, 200);
  }
}
