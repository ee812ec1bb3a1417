package dev.workbench.console.view;

import static dev.workbench.console.view.FxWait.await;
import static dev.workbench.console.view.FxWait.fx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.api.Frame;
import dev.workbench.console.ConsoleFxApp.ConsoleWindow;
import dev.workbench.console.ConsoleOptions;
import dev.workbench.console.service.ConnectionRequest;
import dev.workbench.console.service.ConsoleServices;
import dev.workbench.console.service.DeployRequest;
import dev.workbench.console.viewmodel.EndpointItem;
import dev.workbench.console.viewmodel.LogEntry;
import dev.workbench.console.viewmodel.ResultRow;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.controlsfx.control.ToggleSwitch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The console driven as a user would (click, type, drop a file, toggle async, cancel), headless under
 * Monocle, against a fresh embedded local cloud with fast timing for each test.
 */
@ExtendWith(ApplicationExtension.class)
class ConsoleUiTest {
  @TempDir
  static Path shared;
  /** One local cloud for the class (fast timing); each test opens its own window connected to it. */
  private static dev.workbench.local.LocalCloud cloud;
  @TempDir
  Path dir;
  private ConsoleWindow window;

  @org.junit.jupiter.api.BeforeAll
  static void startCloud() {
    cloud = dev.workbench.local.LocalCloud.start(c -> c.timing(dev.workbench.local.spi.Timing.fast())
        .dataDir(shared.resolve("local")));
    try (dev.workbench.api.Cloud c = dev.workbench.api.Cloud.at(cloud.endpoint(), s -> s.dataDir(shared.resolve("setup")))) {
      c.registerModel("smiles-descriptors", r -> r.image("local/smiles-descriptors"));
      c.registerModel("latency", r -> r.image("local/latency").environment("LATENCY_MS_PER_ROW", "2"));
    }
  }

  @org.junit.jupiter.api.AfterAll
  static void stopCloud() {
    cloud.close();
  }

  private final ScriptedFileDialogs dialogs = new ScriptedFileDialogs();

  @Start
  void start(Stage stage) {
    window = ConsoleWindow.open(stage, new ConsoleOptions(ConnectionRequest.Kind.URL, cloud.endpoint().toString(),
        null, null, true, dir.resolve("data"), null), ConsoleServices.create(), dialogs);
  }

  @AfterEach
  void close() {
    window.close();
  }

  /** Opens a combo box and picks an item with the keyboard-free path a user takes: open, choose. */
  private static <T> void pick(FxRobot robot, String combo, T item) {
    javafx.scene.control.ComboBox<T> box = robot.lookup(combo).queryComboBox();
    robot.clickOn(box);
    robot.interact(() -> {
      box.getSelectionModel().select(item);
      box.hide();
    });
    assertEquals(item, box.getValue());
  }

  /** Picks the endpoint for the loaded file once the picker lists it, and presses Run. */
  private static void run(FxRobot robot, String endpoint) {
    await(20, "the endpoint in the picker", () -> robot.lookup("#run-endpoint").queryComboBox().getItems()
        .contains(endpoint));
    pick(robot, "#run-endpoint", endpoint);
    robot.clickOn("#run");
  }

  /** The badges shown in the endpoints table's row of an endpoint. */
  private static List<String> badges(FxRobot robot, String endpoint) {
    return robot.from(robot.lookup("#endpoints").queryTableView()).lookup(".table-row-cell").queryAll().stream()
        .filter(n -> n instanceof javafx.scene.control.TableRow<?> r && r.getItem() instanceof EndpointItem i
            && i.name().equals(endpoint))
        .flatMap(n -> robot.from(n).lookup(".badge").queryAllAs(Label.class).stream())
        .map(Label::getText).toList();
  }

  /** Clicks a table row by its text; the live refresh may re-render the row between finding and clicking it. */
  private static void clickRow(FxRobot robot, String table, String text) {
    for (int attempt = 0; attempt < 20; attempt++) {
      try {
        Node cell = robot.from(robot.lookup(table).queryTableView()).lookup(text).query();
        robot.clickOn(cell);
        if (robot.lookup(table).queryTableView().getSelectionModel().getSelectedItem() != null) {
          return;
        }
      } catch (RuntimeException rerendered) {
        // found before a refresh, detached by the time of the click: look it up again
      }
      WaitForAsyncUtils.sleep(200, TimeUnit.MILLISECONDS);
    }
    throw new AssertionError("could not select the row " + text + " in " + table);
  }

  private void connected() {
    await(60, "the embedded cloud", () -> window.viewModel().connection().connectedProperty().get());
  }

  private boolean endpoint(String name, java.util.function.Predicate<EndpointItem> test) {
    return window.viewModel().endpoints().all().stream().anyMatch(i -> i.name().equals(name) && test.test(i));
  }

  private Path csv(String name, int rows, int everyBad) throws Exception {
    Path f = dir.resolve(name);
    try (Writer w = Files.newBufferedWriter(f)) {
      w.write("id,smiles\n");
      for (int i = 0; i < rows; i++) {
        w.write("m" + i + "," + (everyBad > 0 && i % everyBad == everyBad - 1 ? "[Xx]C" : "CCO") + "\n");
      }
    }
    return f;
  }

  @Test
  void deploysAnAsyncEndpointFromTheDialogListsItAndDeletesIt(FxRobot robot) {
    connected();
    assertTrue(robot.lookup("#connection-current").queryAs(Label.class).getText()
        .startsWith("endpoint URL http://127.0.0.1:"));
    robot.clickOn("#deploy");
    await(20, "models in the dialog", () -> !robot.lookup("#deploy-model").queryComboBox().getItems().isEmpty());
    Node asyncSettings = robot.lookup("#async-settings").query();
    assertFalse(asyncSettings.isVisible());
    Node thumb = robot.lookup("#deploy-async .thumb-area").query();
    robot.clickOn(thumb); // the switch itself, as a user clicks it
    assertTrue(robot.lookup("#deploy-async").queryAs(ToggleSwitch.class).isSelected());
    assertTrue(asyncSettings.isVisible());

    // validation before submit: no name, no deploy
    robot.doubleClickOn("#deploy-name").push(KeyCode.CONTROL, KeyCode.A).push(KeyCode.BACK_SPACE);
    await(5, "validation", () -> robot.lookup("#deploy-problems").queryAs(Label.class).getText()
        .contains("Enter an endpoint name."));
    assertTrue(robot.lookup("#deploy-submit").queryAs(Button.class).isDisabled());
    robot.clickOn("#deploy-name").write("ui-async");
    robot.clickOn("#deploy-tags").write("team:chem");
    await(5, "a valid form", () -> !robot.lookup("#deploy-submit").queryAs(Button.class).isDisabled());
    robot.clickOn("#deploy-submit");
    await(90, "InService in the dialog", () -> robot.lookup("#deploy-progress").queryAs(Label.class).getText()
        .contains("is InService"));
    robot.clickOn("Close");

    await(30, "the endpoint listed as async", () -> endpoint("ui-async", EndpointItem::async));
    await(10, "an ASYNC badge", () -> robot.lookup(".badge").queryAllAs(Label.class).stream()
        .anyMatch(l -> l.getText().equals("ASYNC")));
    // idle, the async endpoint scales in to zero instances, and its row says so
    await(60, "a scaled-to-zero badge", () -> badges(robot, "ui-async").contains("ASYNC")
        && badges(robot, "ui-async").stream().anyMatch(b -> b.startsWith("scaled to zero since ")));
    assertTrue(endpoint("ui-async", i -> i.currentInstances() == 0));
    // since the scale-in activity Application Auto Scaling recorded, and the scale-in is in the log
    EndpointItem zero = window.viewModel().endpoints().all().stream().filter(i -> i.name().equals("ui-async"))
        .findFirst().orElseThrow();
    assertTrue(zero.zeroSince() != null && zero.zeroSince().isAfter(java.time.Instant.now().minusSeconds(120)),
        "scaled to zero since a recent scale-in: " + zero.zeroSince());
    await(10, "the scale-in in the log", () -> window.viewModel().log().entries().stream()
        .anyMatch(e -> e.message().startsWith("endpoint ui-async scaling in: 1 -> 0")));
    // search narrows the list
    robot.clickOn("#endpoint-search").write("nothing-like-this");
    await(5, "an empty list", () -> robot.lookup("#endpoints").queryTableView().getItems().isEmpty());
    robot.push(KeyCode.CONTROL, KeyCode.A).push(KeyCode.BACK_SPACE).write("ui-a");
    await(5, "the endpoint again", () -> robot.lookup("#endpoints").queryTableView().getItems().size() == 1);

    // delete with confirmation
    clickRow(robot, "#endpoints", "ui-async");
    robot.clickOn("#delete-endpoint");
    assertEquals("Delete endpoint ui-async?", robot.lookup("#confirm").queryAs(javafx.scene.control.DialogPane.class)
        .getHeaderText());
    assertFalse(robot.lookup("#confirm-option").queryAs(javafx.scene.control.CheckBox.class).isSelected(),
        "the model is kept unless asked");
    robot.clickOn("Delete endpoint");
    await(60, "the endpoint gone", () -> window.viewModel().endpoints().all().stream()
        .noneMatch(i -> i.name().equals("ui-async")));
    assertTrue(window.services().endpoints().models().contains(zero.modelName()),
        "the model " + zero.modelName() + " is still registered");
  }

  @Test
  void aDroppedCsvRunsShowsFailedRowsSavesAndRetries(FxRobot robot) throws Exception {
    connected();
    window.services().endpoints().deploy(new DeployRequest("smiles-descriptors", "descriptors", "ml.t2.medium",
        false, 1, false, 1, 1, List.of()), p -> { });
    Path file = csv("molecules.csv", 40, 10);
    fx(() -> FileDrop.drop(window.view(), file.toFile()));
    await(30, "the file read", () -> window.viewModel().inference().rowCountProperty().get() == 40);
    assertTrue(robot.lookup("#file-status").queryAs(Label.class).getText().contains("40 rows"));
    await(10, "the preview", () -> robot.lookup("#preview").queryTableView().getItems().size() == 40);

    run(robot, "descriptors");
    await(90, "the run done", () -> robot.lookup("#run-status").queryAs(Label.class).getText().startsWith("done"));
    TableView<ResultRow> results = robot.lookup("#results").queryTableView();
    assertEquals(40, results.getItems().size());
    assertEquals(4, results.getItems().stream().filter(ResultRow::failed).count());
    assertTrue(results.getItems().get(9).error() != null);
    robot.interact(() -> results.scrollTo(9));
    await(10, "failed rows highlighted", () -> !robot.lookup(".failed-row").queryAll().isEmpty());

    // save: the button, then the file the user picks in the dialog
    Path saved = dir.resolve("molecules-results.csv");
    dialogs.willSave(saved);
    robot.clickOn("#save-results");
    assertEquals("molecules-results.csv", dialogs.suggestedName(), "<input>-results.csv");
    assertEquals(dir.toAbsolutePath(), dialogs.folder(), "next to the input");
    await(20, "the saved file", () -> Files.exists(saved));
    Frame out = Frame.readCsv(saved);
    assertEquals(40, out.rowCount());
    assertEquals(4, out.errorCount());

    // retry the failed rows: the console says first that the model refused them (so they will fail again),
    // then sends them again (and these molecules fail again, with their error)
    robot.clickOn("#retry-failed");
    await(10, "the retry question", () -> robot.lookup("#retry-prompt").tryQuery().isPresent());
    assertTrue(robot.lookup("#retry-prompt").queryAs(javafx.scene.control.DialogPane.class).getContentText()
        .startsWith("4 rows the model refused"));
    robot.clickOn("Retry all 4");
    await(60, "the retry logged", () -> window.viewModel().log().entries().stream()
        .anyMatch(e -> e.message().startsWith("retrying 4 failed rows")));
    await(60, "the retry done", () -> !window.viewModel().inference().runningProperty().get()
        && robot.lookup("#run-status").queryAs(Label.class).getText().startsWith("retry done"));
    assertEquals(40, results.getItems().size());
    assertEquals(4, window.viewModel().inference().failedResultsProperty().get());
    assertEquals("retry done: retried 4 rows; 40 rows, 4 failed",
        robot.lookup("#run-status").queryAs(Label.class).getText(), "the status counts the table's rows");

    // failed rows only, the error in the first column after the row number
    robot.clickOn("#failed-only");
    assertEquals(4, results.getItems().size());
    assertEquals(dev.workbench.api.Frame.ERROR_COLUMN, results.getColumns().get(1).getText());
    robot.clickOn("#failed-only");
    assertEquals(40, results.getItems().size());

    // the endpoint captured what it was sent (the console deploys with data capture on): browse it
    robot.clickOn("Metrics & capture");
    pick(robot, "#metrics-endpoint", "descriptors");
    robot.clickOn("#load-capture");
    TableView<List<String>> capture = robot.lookup("#capture").queryTableView();
    await(60, "captured records", () -> !capture.getItems().isEmpty());
    assertTrue(robot.lookup("#capture-status").queryAs(Label.class).getText().endsWith("captured record(s)"));
    assertTrue(capture.getColumns().stream().anyMatch(c -> c.getText().equals("input")));
    int input = window.viewModel().metrics().captureColumns().indexOf("input");
    assertTrue(capture.getItems().stream().anyMatch(r -> String.valueOf(r.get(input)).contains("m39,[Xx]C")),
        "the last molecule sent is among the captured inputs");
    await(10, "a captured record shown", () -> robot.from(capture).lookup(".table-row-cell").queryAll().stream()
        .anyMatch(n -> ((javafx.scene.control.TableRow<?>) n).getItem() != null));

    // a new file: the retried results were not saved, so the console asks before it drops them
    Path next = csv("next.csv", 5, 0);
    fx(() -> FileDrop.drop(window.view(), next.toFile()));
    await(10, "the question", () -> robot.lookup("#run-prompt").tryQuery().isPresent());
    robot.clickOn("Discard and open");
    await(30, "the new file read", () -> window.viewModel().inference().rowCountProperty().get() == 5);
    assertEquals(0, results.getItems().size(), "the results of the previous file are gone");
    assertEquals("", robot.lookup("#run-status").queryAs(Label.class).getText());
  }

  @Test
  void rowsFailedByInjectedFaultsAreShownAndARetrySucceedsOnceTheFaultsAreGone(FxRobot robot) throws Exception {
    connected();
    // A model of its own: deleting an endpoint (another test does) deletes its model too.
    try (dev.workbench.api.Cloud c = dev.workbench.api.Cloud.at(cloud.endpoint(), s -> s.dataDir(dir.resolve("setup")))) {
      c.registerModel("latency-faults", r -> r.image("local/latency").environment("LATENCY_MS_PER_ROW", "2"));
    }
    window.services().endpoints().deploy(new DeployRequest("latency-faults", "lat-faults", "ml.t2.medium", false, 1,
        false, 1, 1, List.of()), p -> { });
    long seed = System.nanoTime() & 0xffff;
    System.out.println("console faults seed " + seed);
    cloud.faults().set(new dev.workbench.local.spi.FaultSettings(seed, 0, 0.05, 0.05, java.time.Duration.ZERO));
    try {
      int rows = 300;
      Path file = csv("faults.csv", rows, 0);
      long poisoned = java.util.stream.IntStream.range(0, rows)
          .filter(i -> cloud.faults().poisonedRow("m" + i + ",CCO")).count();
      robot.clickOn("CSV inference");
      dialogs.willOpen(file);
      robot.clickOn("#open-csv");
      await(30, "the file read", () -> window.viewModel().inference().rowCountProperty().get() == rows);
      run(robot, "lat-faults");
      await(90, "the run done", () -> robot.lookup("#run-status").queryAs(Label.class).getText().startsWith("done"));
      TableView<ResultRow> results = robot.lookup("#results").queryTableView();
      assertEquals(rows, results.getItems().size());
      assertEquals(poisoned, results.getItems().stream().filter(ResultRow::failed).count(),
          "exactly the rows the faults poisoned failed (seed " + seed + ")");
      results.getItems().stream().filter(ResultRow::failed)
          .forEach(r -> assertTrue(cloud.faults().poisonedRow("m" + r.row() + ",CCO"), "row " + r.row()));

      cloud.faults().set(dev.workbench.local.spi.FaultSettings.none());
      if (poisoned > 0) {
        robot.clickOn("#retry-failed");
        robot.clickOn("Retry all " + poisoned);
        await(60, "the retry done", () -> !window.viewModel().inference().runningProperty().get()
            && window.viewModel().log().entries().stream().anyMatch(e -> e.message().startsWith("retrying")));
        await(60, "the failed rows answered", () -> window.viewModel().inference().failedResultsProperty().get() == 0);
        assertEquals(rows, results.getItems().size());
      }
    } finally {
      cloud.faults().set(dev.workbench.local.spi.FaultSettings.none());
    }
  }

  @Test
  void anAsyncRunShowsInFlightBatchesAndMetricsAndCanBeCancelled(FxRobot robot) throws Exception {
    connected();
    window.services().endpoints().deploy(new DeployRequest("latency", "lat-async", "ml.c7i.xlarge", true, 2,
        true, 1, 1, List.of()), p -> { });
    // Enough rows that the run is still going when Cancel is pressed, even on a fast machine.
    Path file = csv("big.csv", 40_000, 0);
    fx(() -> FileDrop.drop(window.view(), file.toFile()));
    await(30, "the file read", () -> window.viewModel().inference().rowCountProperty().get() == 40_000);
    run(robot, "lat-async");
    await(60, "rows in flight", () -> window.viewModel().inference().rowsInFlightProperty().get() > 0);
    robot.clickOn("Endpoints");
    await(60, "a running badge", () -> badges(robot, "lat-async").stream().anyMatch(b -> b.startsWith("running")));

    robot.clickOn("In-flight S3 jobs");
    await(30, "submitted batches listed", () -> window.viewModel().jobs().batches().stream()
        .anyMatch(b -> b.phase().equals("SUBMITTED")));
    var batch = window.viewModel().jobs().batches().stream().filter(b -> b.phase().equals("SUBMITTED")).findFirst()
        .orElseThrow();
    assertTrue(robot.lookup("#jobs").queryTableView().getItems().contains(batch));
    assertTrue(batch.inferenceId().length() > 8, batch::toString);
    assertTrue(batch.input().startsWith("s3://"), batch::toString);
    assertTrue(batch.output().startsWith("s3://"), batch::toString);

    robot.clickOn("Metrics & capture");
    pick(robot, "#metrics-endpoint", "lat-async");
    await(30, "metric charts", () -> robot.lookup("#chart-ApproximateBacklogSize").tryQuery().isPresent()
        && robot.lookup("#chart-InstanceCount").tryQuery().isPresent()
        && robot.lookup("#chart-ModelLatency").tryQuery().isPresent());
    // read on the FX thread: the charts are redrawn each second, a lookup from here may fall between two draws
    assertEquals("ModelLatency (ms)", fx(() -> ((javafx.scene.chart.Chart) window.view().lookup("#chart-ModelLatency"))
        .getTitle()), "latency charts in milliseconds, not SageMaker's microseconds");

    robot.clickOn("CSV inference");
    robot.clickOn("#cancel-run");
    await(60, "the run cancelled", () -> robot.lookup("#run-status").queryAs(Label.class).getText()
        .startsWith("cancelled"));
    int shown = fx(() -> robot.lookup("#results").queryTableView().getItems().size());
    assertTrue(shown < 40_000);
    // one source of truth: the status line counts the rows the table holds, and the run's rate and ETA are gone
    String status = robot.lookup("#run-status").queryAs(Label.class).getText();
    assertTrue(status.startsWith(String.format(java.util.Locale.ROOT, "cancelled: %,d of 40,000 rows have results",
        shown)), status + " beside " + shown + " rows in the table");
    assertEquals("", robot.lookup("#run-rate").queryAs(Label.class).getText().strip());

    // the run is over: its batches leave the in-flight list, and "Show finished batches" brings them back
    robot.clickOn("In-flight S3 jobs");
    // bounded, with room for a loaded machine (30 s timed out under a load average near 9)
    await(90, "no batch in flight", () -> window.viewModel().jobs().batches().isEmpty());
    robot.clickOn("#jobs-show-finished");
    await(30, "the cancelled run's batches", () -> window.viewModel().jobs().batches().stream()
        .anyMatch(b -> b.inferenceId().equals(batch.inferenceId())));
  }

  @Test
  void aMillionRowFileLoadsWithoutFreezingTheWindow(FxRobot robot) throws Exception {
    connected();
    Path file = csv("million.csv", 1_000_000, 0);
    fx(() -> FileDrop.drop(window.view(), file.toFile()));
    long worst = 0;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (fx(() -> window.viewModel().inference().rowCountProperty().get()) < 0) {
      long t = System.nanoTime();
      fx(() -> 1); // the FX thread answers while the file streams in
      worst = Math.max(worst, System.nanoTime() - t);
      assertTrue(System.nanoTime() < deadline, "the file never finished loading");
      Thread.sleep(50);
    }
    assertEquals(1_000_000, fx(() -> window.viewModel().inference().rowCountProperty().get()));
    assertTrue(TimeUnit.NANOSECONDS.toMillis(worst) < 1_000, "FX thread blocked for " + worst / 1_000_000 + " ms");
    assertTrue(robot.lookup("#file-status").queryAs(Label.class).getText().contains("1,000,000 rows"));
    await(10, "the preview", () -> robot.lookup("#preview").queryTableView().getItems().size() == 200);
  }

  @Test
  void switchingToAnAwsProfileConnectsWithThatProfilesCredentialsRegionAndEndpoint(FxRobot robot) throws Exception {
    connected();
    // A profile whose endpoint_url is the local cloud: the way AWS tools are pointed at an emulator.
    Path config = dir.resolve("aws-config");
    Files.writeString(config, "[profile wb-console]\nregion = eu-west-1\nendpoint_url = " + cloud.endpoint() + "\n");
    Path credentials = dir.resolve("aws-credentials");
    Files.writeString(credentials, "[wb-console]\naws_access_key_id = test\naws_secret_access_key = test\n");
    java.util.Properties before = (java.util.Properties) System.getProperties().clone();
    System.setProperty("aws.configFile", config.toString());
    System.setProperty("aws.sharedCredentialsFile", credentials.toString());
    try {
      pick(robot, "#connection-kind", ConnectionRequest.Kind.AWS);
      assertFalse(robot.lookup("#connection-url").query().isVisible());
      robot.clickOn("#connection-profile").write("wb-console");
      robot.clickOn("#connect");
      await(60, "connected through the profile", () -> robot.lookup("#connection-current").queryAs(Label.class)
          .getText().equals("AWS profile wb-console, region eu-west-1"));
      // work done through the profile lands in the local cloud, and the list shows it (a model of its own:
      // deleting the endpoint deletes its model)
      try (dev.workbench.api.Cloud c = dev.workbench.api.Cloud.at(cloud.endpoint(), s -> s.dataDir(dir.resolve("setup")))) {
        c.registerModel("profile-descriptors", r -> r.image("local/smiles-descriptors"));
      }
      window.services().endpoints().deploy(new DeployRequest("profile-descriptors", "via-profile", "ml.t2.medium",
          false, 1, false, 1, 1, List.of()), p -> { });
      try (dev.workbench.api.Cloud direct = dev.workbench.api.Cloud.at(cloud.endpoint(),
          s -> s.dataDir(dir.resolve("direct")))) {
        assertEquals("InService", direct.endpoint("via-profile").describe().status());
      }
      await(30, "the endpoint listed", () -> endpoint("via-profile", i -> "InService".equals(i.status())));
      window.services().endpoints().delete("via-profile", true);
    } finally {
      System.setProperties(before);
    }
  }

  @Test
  void errorsBecomeNotificationsAndLogLines(FxRobot robot) {
    connected();
    pick(robot, "#connection-kind", dev.workbench.console.service.ConnectionRequest.Kind.URL);
    robot.doubleClickOn("#connection-url").push(KeyCode.CONTROL, KeyCode.A).write("http://127.0.0.1:9");
    robot.clickOn("#connect");
    await(60, "an error logged", () -> window.viewModel().log().entries().stream()
        .anyMatch(e -> e.level() == LogEntry.Level.ERROR && e.message().startsWith("connect to http://127.0.0.1:9 failed")));
    // never "Connected to" a cloud that did not answer; the connection that works stays in use, and says so
    assertEquals("Connection failed:", robot.lookup("#connection-state").queryAs(Label.class).getText());
    String current = robot.lookup("#connection-current").queryAs(Label.class).getText();
    assertTrue(current.startsWith("http://127.0.0.1:9 (still using endpoint URL http://127.0.0.1:"), current);
    await(10, "a notification", () -> robot.lookup(".notification-bar").tryQuery().isPresent());
    LogEntry error = window.viewModel().log().lastErrorProperty().get();
    assertTrue(error.detail().length() > error.message().length(), "the full text is kept for Details");
  }
}
