package dev.workbench.console.view;

import static dev.workbench.console.view.FxWait.await;
import static dev.workbench.console.view.FxWait.fx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.api.Frame;
import dev.workbench.api.LogEvent;
import dev.workbench.console.ConsoleFxApp.ConsoleWindow;
import dev.workbench.console.ConsoleOptions;
import dev.workbench.console.service.ConnectionRequest;
import dev.workbench.console.service.ConsoleServices;
import dev.workbench.console.viewmodel.EndpointItem;
import dev.workbench.console.viewmodel.TimeRange;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Endpoints tab's detail pane, the metrics' shared time axis and read-outs, and the endpoint's logs, driven as
 * a user would against an embedded local cloud: one async endpoint of a model that prints (its load line, and an
 * ERROR line for a rejected row), deployed once for the class, one serverless endpoint and one sync endpoint (the
 * update test changes its instance count).
 */
@ExtendWith(ApplicationExtension.class)
class EndpointDetailUiTest {
  private static final String ASYNC = "detail-async";
  private static final String SERVERLESS = "detail-serverless";
  private static final String SYNC = "detail-sync";
  @TempDir
  static Path shared;
  private static dev.workbench.local.LocalCloud cloud;
  @TempDir
  Path dir;
  private ConsoleWindow window;

  @BeforeAll
  static void deploy() {
    cloud = dev.workbench.local.LocalCloud.start(c -> c.timing(dev.workbench.local.spi.Timing.fast())
        .dataDir(shared.resolve("local")));
    try (dev.workbench.api.Cloud c = dev.workbench.api.Cloud.at(cloud.endpoint(), s -> s.dataDir(shared.resolve("setup")))) {
      var model = c.registerModel("detail-latency", r -> r.image("local/latency")
          .environment("LATENCY_MS_PER_ROW", "1").environment("FAIL_ON", "poison"));
      model.sample(Frame.builder("id").row("a").row("b").build());
      var async = model.toEndpoint(o -> o.endpointName(ASYNC).async(true).maxInstances(2).minInstances(0)
          .idleMinutes(5).maxConcurrent(3).dataCapture(true).captureSamplePercent(50).tags("team:chem"));
      // a rejected row: the model prints an ERROR line into its instance's stream
      assertEquals(1, async.inference(Frame.builder("id").row("fine").row("poison").build()).errorCount());
      model.toEndpoint(o -> o.endpointName(SERVERLESS).serverless(2048, 3));
      model.toEndpoint(o -> o.endpointName(SYNC));
    }
  }

  @AfterAll
  static void stop() {
    cloud.close();
  }

  @Start
  void start(Stage stage) {
    window = ConsoleWindow.open(stage, new ConsoleOptions(ConnectionRequest.Kind.URL, cloud.endpoint().toString(),
        null, null, true, dir.resolve("data"), null), ConsoleServices.create(), new ScriptedFileDialogs());
  }

  @AfterEach
  void close() {
    window.close();
  }

  private void select(FxRobot robot, String endpoint) {
    await(60, endpoint + " listed", () -> window.viewModel().endpoints().all().stream()
        .anyMatch(i -> i.name().equals(endpoint)));
    for (int attempt = 0; attempt < 20; attempt++) {
      try {
        robot.clickOn(robot.from(robot.lookup("#endpoints").queryTableView()).lookup(endpoint).queryAs(Node.class));
        EndpointItem picked = fx(() -> window.viewModel().endpoints().selectedProperty().get());
        if (picked != null && picked.name().equals(endpoint)) {
          return;
        }
      } catch (RuntimeException rerendered) {
        // the live refresh re-rendered the row between finding and clicking it: find it again
      }
      WaitForAsyncUtils.sleep(200, TimeUnit.MILLISECONDS);
    }
    throw new AssertionError("could not select " + endpoint);
  }

  private static String field(FxRobot robot, String id) {
    return fx(() -> robot.lookup("#" + id).tryQueryAs(Label.class).map(Label::getText).orElse(""));
  }

  @Test
  void selectingAnEndpointShowsItsSettingsInThePane(FxRobot robot) {
    select(robot, ASYNC);
    await(30, "the async section", () -> field(robot, "detail-async-inference-output-path").startsWith("s3://"));
    assertEquals("ASYNC", field(robot, "detail-endpoint-kind"));
    assertTrue(field(robot, "detail-endpoint-arn").startsWith("arn:aws:sagemaker:"), field(robot, "detail-endpoint-arn"));
    assertEquals("detail-latency", field(robot, "detail-endpoint-model"));
    assertEquals("local/latency", field(robot, "detail-endpoint-image"));
    assertEquals("3", field(robot, "detail-async-inference-max-concurrent-per-instance"));
    assertTrue(field(robot, "detail-data-capture-data-capture").startsWith("on, 50% of requests"),
        field(robot, "detail-data-capture-data-capture"));
    assertEquals("0", field(robot, "detail-scaling-min-instances"));
    assertEquals("2", field(robot, "detail-scaling-max-instances"));
    assertTrue(field(robot, "detail-workbench-meta-workbench-tags").contains("team:chem"),
        field(robot, "detail-workbench-meta-workbench-tags"));
    String policy = fx(() -> window.viewModel().detail().section("Scaling").fields().stream()
        .filter(f -> f.label().startsWith("Policy ")).map(f -> f.value()).findFirst().orElse(""));
    assertTrue(policy.contains("scale in after 5m idle"), policy);

    select(robot, SERVERLESS);
    await(30, "the serverless variant", () -> field(robot, "detail-variant-alltraffic-memory").equals("2048 MB"));
    assertEquals("3", field(robot, "detail-variant-alltraffic-max-concurrency"));
    assertEquals(null, fx(() -> window.viewModel().detail().section("Async inference")),
        "no async section for a serverless one");
    List<String> badges = fx(() -> robot.from(robot.lookup("#endpoints").queryTableView()).lookup(".badge")
        .queryAllAs(Label.class).stream().map(Label::getText).toList());
    assertTrue(badges.contains("SERVERLESS") && badges.contains("ASYNC"), badges.toString());
  }

  @Test
  void testInferenceFromThePaneShowsTheAnswerAndLatency(FxRobot robot) {
    select(robot, ASYNC);
    await(30, "the model's sample in the body", () -> fx(() -> robot.lookup("#test-body").queryAs(TextArea.class)
        .getText()).startsWith("id"));
    robot.clickOn("#detail-test");
    robot.clickOn("#test-body");
    robot.interact(() -> robot.lookup("#test-body").queryAs(TextArea.class).setText("id\nx\ny\nz\n"));
    robot.clickOn("#test-send");
    String summary = testOutcome(robot);
    assertTrue(summary.matches("3 rows OK in (\\d+ ms|[0-9.]+ s)"), summary);
    String answer = fx(() -> robot.lookup("#test-answer").queryAs(TextArea.class).getText());
    assertTrue(answer.startsWith("id,") && answer.contains("\nz,"), answer);

    robot.interact(() -> robot.lookup("#test-body").queryAs(TextArea.class).setText("id\npoison\n"));
    robot.clickOn("#test-send");
    summary = testOutcome(robot);
    assertTrue(summary.startsWith("1 of 1 rows failed") && summary.contains("poison"), summary);
  }

  @Test
  void updatingTheInstanceCountFromThePaneEndsInServiceWithTheNewCount(FxRobot robot) {
    select(robot, SYNC);
    await(30, "the sync variant", () -> field(robot, "detail-variant-alltraffic-instances").startsWith("1 running"));
    robot.clickOn("#detail-update");
    await(10, "the update dialog", () -> robot.lookup("#update-instances").tryQuery().isPresent());
    TextField count = fx(() -> robot.lookup("#update-instances").queryAs(TextField.class));
    assertEquals("1", fx(count::getText), "prefilled with the fleet as it is");
    assertEquals("No changes yet.", text(robot, "#update-changes"));
    assertTrue(fx(() -> robot.lookup("#update-apply").query().isDisabled()), "nothing to apply yet");
    robot.clickOn(count);
    robot.interact(count::selectAll);
    robot.write("2");
    await(10, "the diff", () -> text(robot, "#update-changes").equals("Instances: 1 → 2"));
    robot.clickOn("#update-apply");
    await(90, "the update over", () -> text(robot, "#detail-update-status").startsWith("Updated " + SYNC));
    assertEquals("Updated " + SYNC + ": Instances: 1 → 2 (InService)", text(robot, "#detail-update-status"));
    await(30, "the new count in the pane", () -> field(robot, "detail-variant-alltraffic-instances")
        .startsWith("2 running, 2 desired"));
    assertEquals("InService", field(robot, "detail-endpoint-status"));
  }

  private static String text(FxRobot robot, String query) {
    return fx(() -> robot.lookup(query).tryQueryAs(Label.class).map(Label::getText).orElse(""));
  }

  /** The test summary once the test is over (the Test button enabled again). */
  private String testOutcome(FxRobot robot) {
    await(90, "the test over", () -> fx(() -> !window.viewModel().detail().testingProperty().get()));
    return fx(() -> robot.lookup("#test-summary").queryAs(Label.class).getText());
  }

  private List<LineChart<?, ?>> charts(FxRobot robot) {
    List<Node> nodes = fx(() -> List.copyOf(robot.lookup("#metric-charts").queryAs(javafx.scene.layout.Pane.class)
        .getChildren()));
    return nodes.stream().<LineChart<?, ?>>map(n -> (LineChart<?, ?>) n).toList();
  }

  private static List<String> bounds(List<LineChart<?, ?>> charts) {
    return fx(() -> charts.stream().map(c -> {
      NumberAxis x = (NumberAxis) c.getXAxis();
      return (long) x.getLowerBound() + ".." + (long) x.getUpperBound();
    }).distinct().toList());
  }

  @Test
  void everyChartSharesOneTimeAxisThatFollowsTheRangeAndReadsOnHover(FxRobot robot) {
    select(robot, ASYNC);
    robot.clickOn("#detail-metrics");
    await(30, "charts with points", () -> fx(() -> robot.lookup("#chart-ModelLatency").tryQueryAs(LineChart.class)
        .map(c -> !((XYChart.Series<?, ?>) c.getData().get(0)).getData().isEmpty()).orElse(false)));
    List<LineChart<?, ?>> charts = charts(robot);
    assertTrue(charts.size() >= 5, "the async set and the instance count: " + charts.size());
    List<String> before = bounds(charts);
    assertEquals(1, before.size(), "one axis range for every chart: " + before);

    robot.clickOn("#metrics-live"); // off: the range then stays put between reads
    robot.interact(() -> window.viewModel().metrics().rangeProperty().set(TimeRange.HOUR_1));
    await(10, "the 1 h range on every chart", () -> {
      List<String> b = bounds(charts(robot));
      if (b.size() != 1) {
        return false;
      }
      String[] ends = b.get(0).split("\\.\\.");
      return Long.parseLong(ends[1]) - Long.parseLong(ends[0]) == Duration.ofHours(1).toMillis();
    });

    // hover the latency chart's first point (read after the range's refresh: live is off, nothing redraws it)
    await(30, "the 1 h read", () -> fx(() -> robot.lookup("#metrics-summary").queryAs(Label.class).getText())
        .contains("not live"));
    LineChart<?, ?> latency = fx(() -> robot.lookup("#chart-ModelLatency").queryAs(LineChart.class));
    robot.interact(() -> {
      // the latency chart is below the first rows: scroll it into sight as a user would
      javafx.scene.control.ScrollPane scroll = (javafx.scene.control.ScrollPane) robot.lookup("#metric-charts")
          .query().getParent().getParent().getParent();
      double content = scroll.getContent().getBoundsInLocal().getHeight();
      double view = scroll.getViewportBounds().getHeight();
      scroll.setVvalue(content <= view ? 0 : Math.min(1, latency.getBoundsInParent().getMinY() / (content - view)));
    });
    WaitForAsyncUtils.waitForFxEvents();
    double value = fx(() -> ((Number) ((XYChart.Series<?, ?>) latency.getData().get(0)).getData().get(0).getYValue())
        .doubleValue());
    javafx.geometry.Point2D point = fx(() -> {
      XYChart.Data<?, ?> d = ((XYChart.Series<?, ?>) latency.getData().get(0)).getData().get(0);
      NumberAxis x = (NumberAxis) latency.getXAxis();
      NumberAxis y = (NumberAxis) latency.getYAxis();
      double px = x.getDisplayPosition((Number) d.getXValue());
      double py = y.getDisplayPosition((Number) d.getYValue());
      javafx.geometry.Point2D inX = x.localToScreen(px, 0);
      javafx.geometry.Point2D inY = y.localToScreen(0, py);
      return new javafx.geometry.Point2D(inX.getX(), inY.getY());
    });
    robot.moveTo(point);
    await(10, "the read-out", () -> fx(() -> robot.lookup("#readout-ModelLatency").queryAs(Label.class).isVisible()));
    assertTrue(fx(() -> robot.lookup("#metrics-summary").queryAs(Label.class).getText()).contains("1-minute periods"));
    String readout = fx(() -> robot.lookup("#readout-ModelLatency").queryAs(Label.class).getText());
    assertTrue(readout.matches("\\d\\d:\\d\\d:\\d\\d  [0-9.]+ ms"), readout);
    assertEquals(value, Double.parseDouble(readout.split("  ")[1].replace(" ms", "")), Math.max(0.01, value * 0.05),
        readout);
  }

  @Test
  void theLogsOfAModelThatPrintsShowItsLines(FxRobot robot) {
    select(robot, ASYNC);
    robot.clickOn("#detail-logs");
    await(30, "the load line", () -> lines(robot).stream().anyMatch(l -> l.contains("Loaded bundled model local/latency")));
    assertTrue(fx(() -> window.viewModel().logs().streams().stream().anyMatch(s -> s.startsWith("AllTraffic/"))),
        "a stream per instance");
    robot.clickOn("#logs-filter").write("ERROR").type(KeyCode.ENTER);
    await(30, "only the error lines", () -> {
      List<String> shown = lines(robot);
      return !shown.isEmpty() && shown.stream().allMatch(l -> l.contains("ERROR"));
    });
    assertTrue(lines(robot).stream().anyMatch(l -> l.contains("poison")), lines(robot).toString());
    assertFalse(fx(() -> window.viewModel().logs().text()).isBlank(), "what Copy puts on the clipboard");
  }

  @SuppressWarnings("unchecked")
  private List<String> lines(FxRobot robot) {
    return fx(() -> ((ListView<LogEvent>) robot.lookup("#logs-lines").query()).getItems().stream()
        .map(e -> window.viewModel().logs().line(e)).toList());
  }
}
