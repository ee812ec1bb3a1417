package dev.workbench.console.view;

import static dev.workbench.console.view.FxWait.await;
import static dev.workbench.console.view.FxWait.fx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.api.Cloud;
import dev.workbench.api.Frame;
import dev.workbench.api.InferenceCapture;
import dev.workbench.console.ConsoleFxApp.ConsoleWindow;
import dev.workbench.console.ConsoleOptions;
import dev.workbench.console.service.ConnectionRequest;
import dev.workbench.console.service.ConsoleServices;
import dev.workbench.console.viewmodel.CapturePlots;
import dev.workbench.local.LocalCloud;
import dev.workbench.local.spi.Timing;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The Evaluation screen on real captures: the bundled ESOL regressor scored on the held-out compounds of
 * examples/esol.csv, and a classifier capture through the echoing latency model; each compared with what the
 * capture stored and with the scored rows the inference returned.
 */
@ExtendWith(ApplicationExtension.class)
class CapturesViewTest {
  @TempDir
  static Path shared;
  private static LocalCloud cloud;
  private static InferenceCapture holdout;
  private static InferenceCapture iris;
  /** (measured, predicted) of the rows the regressor scored, from the inference's own answer. */
  private static final List<CapturePlots.Point> scored = new ArrayList<>();
  @TempDir
  Path dir;
  private final ScriptedFileDialogs dialogs = new ScriptedFileDialogs();
  private ConsoleWindow window;

  @BeforeAll
  static void evaluate() {
    cloud = LocalCloud.start(c -> c.timing(Timing.fast()).dataDir(shared.resolve("local")));
    try (Cloud c = Cloud.at(cloud.endpoint(), s -> s.dataDir(shared.resolve("setup")))) {
      // registered as the DSL's demo registers it: a regressor of log_solubility from smiles
      var esol = c.registerModel("esol-solubility", r -> r.image("local/esol-solubility").regressor("log_solubility")
          .features("smiles")).toEndpoint();
      Frame all = Frame.readCsv(Path.of("..", "examples", "esol.csv"));
      Frame rows = all.selectRows(IntStream.range(0, all.rowCount()).filter(r -> "holdout".equals(all.get(r, "split")))
          .toArray()).drop("split");
      Frame out = esol.inference(rows, o -> o.capture("holdout").idColumn("id"));
      for (int r = 0; r < out.rowCount(); r++) {
        String residual = out.get(r, "residuals");
        if (residual != null && !residual.isEmpty()) {
          scored.add(new CapturePlots.Point(out.getDouble(r, "log_solubility"), out.getDouble(r, "prediction")));
        }
      }
      holdout = esol.inferenceCapture("holdout").orElseThrow();

      // the latency model echoes its rows: the classifier's "answer" is the prediction and probabilities sent
      var echo = c.registerModel("iris-echo", r -> r.image("local/latency").environment("LATENCY_MS_PER_ROW", "0")
          .classifier("species", "setosa", "versicolor", "virginica")).toEndpoint();
      List<String> labels = List.of("setosa", "versicolor", "virginica");
      Random random = new Random(7);
      List<List<String>> data = new ArrayList<>();
      for (int i = 0; i < 90; i++) {
        int actual = random.nextInt(3);
        double[] p = new double[3];
        double sum = 0;
        for (int k = 0; k < 3; k++) {
          p[k] = random.nextDouble() + (k == actual ? 0.7 : 0);
          sum += p[k];
        }
        int best = 0;
        for (int k = 0; k < 3; k++) {
          p[k] = Math.round(p[k] / sum * 1000) / 1000.0;
          best = p[k] > p[best] ? k : best;
        }
        data.add(List.of("r" + i, labels.get(actual), labels.get(best), Double.toString(p[0]), Double.toString(p[1]),
            Double.toString(p[2])));
      }
      echo.inference(Frame.of(List.of("id", "species", "prediction", "setosa_proba", "versicolor_proba",
          "virginica_proba"), data), o -> o.capture("test_inference").idColumn("id"));
      iris = echo.inferenceCapture("test_inference").orElseThrow();
    }
  }

  @AfterAll
  static void stop() {
    cloud.close();
  }

  @Start
  void start(Stage stage) {
    window = ConsoleWindow.open(stage, new ConsoleOptions(ConnectionRequest.Kind.URL, cloud.endpoint().toString(),
        null, null, true, dir.resolve("data"), null), ConsoleServices.create(), dialogs);
  }

  @AfterEach
  void close() {
    window.close();
  }

  /** Opens the Evaluation tab on the endpoint and waits for the capture's plots. */
  private void open(FxRobot robot, String endpoint, String capture) {
    await(60, "the embedded cloud", () -> window.viewModel().connection().connectedProperty().get());
    await(30, "the endpoint listed", () -> window.viewModel().endpoints().names().contains(endpoint));
    robot.clickOn("Evaluation");
    robot.interact(() -> robot.lookup("#captures-endpoint").queryComboBox().getSelectionModel().select(endpoint));
    await(30, "the capture listed", () -> robot.lookup("#captures-list").<ListView<InferenceCapture>>query().getItems()
        .stream().anyMatch(c -> c.name().equals(capture)));
    await(30, "the plots", () -> capture.equals(window.viewModel().captures().shownProperty().get().capture()));
  }

  @SuppressWarnings("unchecked")
  private static <T extends Node> T node(FxRobot robot, String id) {
    return (T) robot.lookup(id).query();
  }

  @Test
  void aRegressorCaptureShowsItsMetricsScatterAndResidualsAndExportsThePlots(FxRobot robot) throws Exception {
    open(robot, "esol-solubility", "holdout");
    TableView<List<String>> metrics = node(robot, "#capture-metrics");
    assertEquals(List.of("metric", "value"), fx(() -> metrics.getColumns().stream().map(c -> c.getText()).toList()));
    List<String> names = fx(() -> IntStream.range(0, metrics.getItems().size())
        .mapToObj(r -> metrics.getColumns().get(0).getCellData(r).toString()).toList());
    assertEquals(holdout.metrics().columns(), names, "every stored metric, one a line");
    for (int r = 0; r < names.size(); r++) {
      int row = r;
      double shown = Double.parseDouble(fx(() -> metrics.getColumns().get(1).getCellData(row).toString()));
      assertEquals(holdout.metric(names.get(r)), shown, 6e-5, names.get(r));
    }
    int support = (int) holdout.metric("support");
    assertEquals(scored.size(), support, "the capture scored the rows the inference answered");

    LineChart<Number, Number> scatter = node(robot, "#capture-scatter");
    XYChart.Series<Number, Number> points = fx(() -> scatter.getData().get(0));
    XYChart.Series<Number, Number> identity = fx(() -> scatter.getData().get(1));
    List<CapturePlots.Point> plotted = fx(() -> points.getData().stream()
        .map(d -> new CapturePlots.Point(d.getXValue().doubleValue(), d.getYValue().doubleValue())).toList());
    assertEquals(support, plotted.size(), "one point per scored row");
    Comparator<CapturePlots.Point> order = Comparator.comparingDouble(CapturePlots.Point::x)
        .thenComparingDouble(CapturePlots.Point::y);
    assertEquals(scored.stream().sorted(order).toList(), plotted.stream().sorted(order).toList());
    double lo = scored.stream().mapToDouble(p -> Math.min(p.x(), p.y())).min().orElseThrow();
    double hi = scored.stream().mapToDouble(p -> Math.max(p.x(), p.y())).max().orElseThrow();
    assertEquals(List.of(lo, lo, hi, hi), fx(() -> List.of(identity.getData().get(0).getXValue().doubleValue(),
        identity.getData().get(0).getYValue().doubleValue(), identity.getData().get(1).getXValue().doubleValue(),
        identity.getData().get(1).getYValue().doubleValue())), "the identity line across the scatter");

    BarChart<String, Number> residuals = node(robot, "#capture-residuals");
    int counted = fx(() -> residuals.getData().get(0).getData().stream().mapToInt(d -> d.getYValue().intValue()).sum());
    assertEquals(support, counted, "every scored row in one bin");

    Path png = dir.resolve("holdout.png");
    dialogs.willSave(png);
    robot.clickOn("#export-plot");
    assertEquals("holdout.png", dialogs.suggestedName());
    BufferedImage image = ImageIO.read(png.toFile());
    assertTrue(image != null && image.getWidth() > 400 && image.getHeight() > 200, "a PNG of the plots");
  }

  @Test
  void aClassifierCaptureShowsItsConfusionMatrixAndRocCurves(FxRobot robot) {
    open(robot, "iris-echo", "test_inference");
    TableView<List<String>> metrics = node(robot, "#capture-metrics");
    assertEquals(iris.metrics().columns(), fx(() -> metrics.getColumns().stream().map(c -> c.getText()).toList()));
    for (int r = 0; r < iris.metrics().rowCount(); r++) {
      int row = r;
      assertEquals(iris.metrics().get(r, "species"), fx(() -> metrics.getColumns().get(0).getCellData(row)));
      double f1 = Double.parseDouble(fx(() -> metrics.getColumns().get(3).getCellData(row).toString()));
      assertEquals(iris.metrics().getDouble(r, "f1"), f1, 6e-5, "f1 of " + iris.metrics().get(r, "species"));
    }
    List<Long> cells = fx(() -> robot.from(robot.lookup("#capture-confusion").queryParent()).lookup(".cm-cell")
        .queryAllAs(Label.class).stream().map(l -> Long.parseLong(l.getText())).toList());
    assertEquals(9, cells.size(), "three classes by three");
    assertEquals((long) iris.metric("support"), cells.stream().mapToLong(Long::longValue).sum(),
        "the cells add up to the scored rows");
    assertEquals(90, (long) iris.metric("support"));
    LineChart<Number, Number> roc = node(robot, "#capture-roc");
    List<String> names = fx(() -> roc.getData().stream().map(XYChart.Series::getName).toList());
    assertEquals(4, names.size(), names.toString());
    for (int k = 0; k < 3; k++) {
      String label = iris.metrics().get(k, "species");
      String auc = String.format(java.util.Locale.ROOT, "%.3f", iris.metrics().getDouble(k, "roc_auc"));
      assertEquals(label + " (AUC " + auc + ")", names.get(k), "the curve's area is the capture's ROC-AUC");
    }
    assertEquals("chance", names.get(3));
  }
}
