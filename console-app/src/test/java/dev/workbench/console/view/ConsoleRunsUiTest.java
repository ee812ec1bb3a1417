package dev.workbench.console.view;

import static dev.workbench.console.view.FxWait.await;
import static dev.workbench.console.view.FxWait.fx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.api.Frame;
import dev.workbench.console.ConsoleFxApp.ConsoleWindow;
import dev.workbench.console.ConsoleOptions;
import dev.workbench.console.service.ConnectionRequest;
import dev.workbench.console.service.ConsoleServices;
import dev.workbench.console.service.DeployRequest;
import dev.workbench.console.viewmodel.LogEntry;
import dev.workbench.console.viewmodel.ResultRow;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
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
 * Runs that are safe (closing, connecting, running again or opening a file ask first), Run remaining rows after a
 * cancel, and a results table that can be read and copied from, headless against an embedded local cloud.
 */
@ExtendWith(ApplicationExtension.class)
class ConsoleRunsUiTest {
  @TempDir
  static Path shared;
  private static dev.workbench.local.LocalCloud cloud;
  @TempDir
  Path dir;
  private ConsoleWindow window;
  private Stage stage;
  private final ScriptedFileDialogs dialogs = new ScriptedFileDialogs();

  @BeforeAll
  static void startCloud() {
    // the tests close their window: the toolkit must outlive it
    Platform.setImplicitExit(false);
    cloud = dev.workbench.local.LocalCloud.start(c -> c.timing(dev.workbench.local.spi.Timing.fast())
        .dataDir(shared.resolve("local")));
    try (dev.workbench.api.Cloud c = dev.workbench.api.Cloud.at(cloud.endpoint(), s -> s.dataDir(shared.resolve("setup")))) {
      c.registerModel("runs-latency", r -> r.image("local/latency").environment("LATENCY_MS_PER_ROW", "2"));
      c.registerModel("runs-failon", r -> r.image("local/latency").environment("LATENCY_MS_PER_ROW", "2")
          .environment("FAIL_ON", "bad"));
    }
  }

  @AfterAll
  static void stopCloud() {
    cloud.close();
  }

  @Start
  void start(Stage stage) {
    this.stage = stage;
    window = ConsoleWindow.open(stage, new ConsoleOptions(ConnectionRequest.Kind.URL, cloud.endpoint().toString(),
        null, null, true, dir.resolve("data"), null), ConsoleServices.create(), dialogs);
  }

  @AfterEach
  void close() {
    window.close();
  }

  /** A sync endpoint on the latency model (2 ms a row), deployed once for the class. */
  private String endpoint() {
    await(60, "connected", () -> window.viewModel().connection().connectedProperty().get());
    try (dev.workbench.api.Cloud c = dev.workbench.api.Cloud.at(cloud.endpoint(), s -> s.dataDir(dir.resolve("check")))) {
      boolean exists = c.endpoints().stream().anyMatch(e -> e.name().equals("runs-lat"));
      if (!exists) {
        window.services().endpoints().deploy(new DeployRequest("runs-latency", "runs-lat", "ml.t2.medium", false, 1,
            false, 1, 1, List.of()), p -> { });
      }
    }
    return "runs-lat";
  }

  private Path csv(String name, int rows, String longValue) throws Exception {
    Path f = dir.resolve(name);
    try (Writer w = Files.newBufferedWriter(f)) {
      w.write("id,text\n");
      for (int i = 0; i < rows; i++) {
        w.write("m" + i + "," + (i == 0 && longValue != null ? longValue : "short") + "\n");
      }
    }
    return f;
  }

  private void open(Path file, int rows) {
    fx(() -> FileDrop.drop(window.view(), file.toFile()));
    await(30, "the file read", () -> window.viewModel().inference().rowCountProperty().get() == rows);
  }

  private void run(FxRobot robot, String endpoint) {
    await(20, "the endpoint in the picker", () -> window.viewModel().endpoints().names().contains(endpoint));
    robot.interact(() -> window.viewModel().inference().endpointProperty().set(endpoint));
    robot.clickOn("#run");
  }

  private String status(FxRobot robot) {
    return robot.lookup("#run-status").queryAs(Label.class).getText();
  }

  private void requestClose(FxRobot robot) {
    robot.interact(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
  }

  private static DialogPane prompt(FxRobot robot, String id) {
    await(10, "the question", () -> robot.lookup(id).tryQuery().isPresent());
    return robot.lookup(id).queryAs(DialogPane.class);
  }

  private static String defaultButton(DialogPane pane) {
    return pane.getButtonTypes().stream().map(pane::lookupButton).map(Button.class::cast)
        .filter(Button::isDefaultButton).map(Button::getText).findFirst().orElse("");
  }

  private static Button button(DialogPane pane, String text) {
    return pane.getButtonTypes().stream().map(pane::lookupButton).map(Button.class::cast)
        .filter(b -> b.getText().equals(text)).findFirst().orElseThrow();
  }

  @Test
  void closingWhileARunGoesAsksKeepsRunningByDefaultAndClosesOnceCancelled(FxRobot robot) throws Exception {
    String endpoint = endpoint();
    open(csv("big.csv", 20_000, null), 20_000);
    run(robot, endpoint);
    await(60, "the first results", () -> !window.viewModel().inference().results().isEmpty());

    requestClose(robot);
    DialogPane pane = prompt(robot, "#run-prompt");
    assertEquals("A run is going on runs-lat", pane.getHeaderText());
    assertEquals("Keep running", defaultButton(pane));
    robot.clickOn("Keep running");
    assertTrue(fx(stage::isShowing), "the window stays");
    assertTrue(fx(() -> window.viewModel().inference().runningProperty().get()), "the run goes on");

    requestClose(robot);
    prompt(robot, "#run-prompt");
    robot.clickOn("Cancel run and close");
    await(60, "the window closed", () -> !stage.isShowing());
    assertFalse(fx(() -> window.viewModel().inference().runningProperty().get()));
    assertTrue(fx(() -> window.viewModel().inference().runStatusProperty().get()).startsWith("cancelled"));
  }

  @Test
  void closingWithUnsavedResultsOffersToSaveThemFirst(FxRobot robot) throws Exception {
    String endpoint = endpoint();
    open(csv("small.csv", 30, null), 30);
    run(robot, endpoint);
    await(60, "the run done", () -> status(robot).startsWith("done"));

    requestClose(robot);
    DialogPane pane = prompt(robot, "#run-prompt");
    assertEquals("The results are not saved", pane.getHeaderText());
    assertEquals("Save results...", defaultButton(pane));
    Path saved = dir.resolve("small-results.csv");
    dialogs.willSave(saved);
    robot.clickOn(button(pane, "Save results...")); // the dialog's, not the toolbar's button of that name
    await(30, "saved, then closed", () -> !stage.isShowing());
    assertEquals(30, Frame.readCsv(saved).rowCount());
    assertEquals("small-results.csv", dialogs.suggestedName());
  }

  @Test
  void runningAgainConnectingAgainOrOpeningAFileAskBeforeDroppingUnsavedResults(FxRobot robot) throws Exception {
    String endpoint = endpoint();
    open(csv("small.csv", 30, null), 30);
    run(robot, endpoint);
    await(60, "the run done", () -> status(robot).startsWith("done"));
    String done = status(robot);

    robot.clickOn("#run");
    assertEquals("The results are not saved", prompt(robot, "#run-prompt").getHeaderText());
    robot.clickOn("Keep results");
    assertEquals(done, status(robot), "nothing ran");
    assertEquals(30, robot.lookup("#results").queryTableView().getItems().size());

    long connects = fx(() -> window.viewModel().log().entries().stream()
        .filter(e -> e.message().startsWith("connected:")).count());
    robot.clickOn("#connect");
    prompt(robot, "#run-prompt");
    robot.clickOn("Keep results");
    assertEquals(connects, (long) fx(() -> window.viewModel().log().entries().stream()
        .filter(e -> e.message().startsWith("connected:")).count()), "no new connection");

    fx(() -> FileDrop.drop(window.view(), csv("other.csv", 5, null).toFile()));
    prompt(robot, "#run-prompt");
    robot.clickOn("Keep results");
    assertEquals(30, fx(() -> window.viewModel().inference().rowCountProperty().get()), "other.csv not opened");

    robot.clickOn("#run");
    prompt(robot, "#run-prompt");
    robot.clickOn("Discard and run again");
    await(60, "the second run done", () -> status(robot).startsWith("done")
        && window.viewModel().log().entries().stream().filter(e -> e.message().startsWith("running 30 rows")).count() == 2);
    assertEquals(30, robot.lookup("#results").queryTableView().getItems().size());
  }

  @Test
  void connectingAgainToTheEmbeddedLocalCloudAsksBeforeRestartingIt(FxRobot robot) {
    await(60, "connected", () -> window.viewModel().connection().connectedProperty().get());
    robot.interact(() -> window.viewModel().connection().kindProperty().set(ConnectionRequest.Kind.LOCAL));
    robot.clickOn("#connect"); // from the URL connection, nothing to lose: no question
    await(120, "the embedded cloud", () -> window.viewModel().connection().embeddedProperty().get()
        && !window.viewModel().connection().connectingProperty().get());
    String current = robot.lookup("#connection-current").queryAs(Label.class).getText();
    assertTrue(current.startsWith("embedded local cloud"), current);

    robot.clickOn("#connect");
    DialogPane pane = prompt(robot, "#confirm");
    assertEquals("Restart the embedded local cloud?", pane.getHeaderText());
    assertEquals("Cancel", defaultButton(pane));
    robot.clickOn(button(pane, "Cancel"));
    assertEquals(current, robot.lookup("#connection-current").queryAs(Label.class).getText());
    assertTrue(fx(() -> window.viewModel().log().entries().stream()
        .anyMatch(e -> e.message().equals("kept the connection to " + current))));
  }

  @Test
  void afterACancelRunRemainingRowsSendsOnlyTheRowsWithoutAResult(FxRobot robot) throws Exception {
    String endpoint = endpoint();
    int rows = 20_000;
    open(csv("big.csv", rows, null), rows);
    run(robot, endpoint);
    await(60, "the first results", () -> !window.viewModel().inference().results().isEmpty());
    assertTrue(robot.lookup("#run-remaining").queryAs(Button.class).isDisabled(), "not while the run goes");
    robot.clickOn("#cancel-run");
    await(60, "the run cancelled", () -> status(robot).startsWith("cancelled"));
    int shown = fx(() -> window.viewModel().inference().results().size());
    assertTrue(shown < rows, "cancelled before the end");

    robot.clickOn("#run-remaining");
    await(120, "the remaining rows done", () -> status(robot).startsWith("remaining rows done"));
    assertEquals(String.format(Locale.ROOT, "remaining rows done: ran %,d remaining rows; 20,000 rows, 0 failed",
        rows - shown), status(robot), "only the rows without a result were sent, and the status counts the table");
    TableView<ResultRow> results = robot.lookup("#results").queryTableView();
    assertEquals(IntStream.range(0, rows).boxed().toList(),
        fx(() -> results.getItems().stream().map(ResultRow::row).toList()), "every row once, in input order");
    assertTrue(fx(() -> results.getItems().stream().allMatch(r -> ("m" + r.row()).equals(r.value("id")))),
        "each result sits beside its own input row");
    assertTrue(robot.lookup("#run-remaining").queryAs(Button.class).isDisabled(), "nothing remains");
  }

  @Test
  void aRetrySaysFirstWhichFailuresWereTransientAndRetriesThoseByDefault(FxRobot robot) throws Exception {
    await(60, "connected", () -> window.viewModel().connection().connectedProperty().get());
    window.services().endpoints().deploy(new DeployRequest("runs-failon", "runs-failon", "ml.t2.medium", false, 1,
        false, 1, 1, List.of()), p -> { });
    int rows = 10_000;
    Path f = dir.resolve("mixed.csv");
    try (Writer w = Files.newBufferedWriter(f)) {
      w.write("id,text\n");
      for (int i = 0; i < rows; i++) {
        w.write("m" + i + "," + (i % 500 == 250 ? "bad" : "ok") + "\n");
      }
    }
    open(f, rows);
    var vm = window.viewModel().inference();
    // part of the file answered, the model refusing its bad rows (deterministic) ...
    run(robot, "runs-failon");
    await(60, "the first results", () -> !vm.results().isEmpty());
    robot.clickOn("#cancel-run");
    await(60, "the run cancelled", () -> status(robot).startsWith("cancelled"));
    // ... the rest throttled until the round trip gives up on it (transient)
    cloud.faults().set(new dev.workbench.local.spi.FaultSettings(1, 0, 1.0, 0, java.time.Duration.ZERO));
    try {
      robot.clickOn("#run-remaining");
      await(180, "the remaining rows done", () -> status(robot).startsWith("remaining rows done"));
    } finally {
      cloud.faults().set(dev.workbench.local.spi.FaultSettings.none());
    }
    var plan = fx(vm::retryPlan);
    assertTrue(plan.transientRows() > 0 && plan.deterministicRows() > 0, plan::toString);
    assertEquals(plan.total(), fx(() -> vm.failedResultsProperty().get()));

    robot.clickOn("#retry-failed");
    DialogPane pane = prompt(robot, "#retry-prompt");
    assertEquals(String.format(Locale.ROOT, "Retry %,d failed rows on runs-failon?", plan.total()), pane.getHeaderText());
    // how many depends on when the cancel came: one refused row reads "1 row"
    assertTrue(pane.getContentText().startsWith(rows(plan.transientRows()) + " failed transiently"),
        pane.getContentText());
    assertTrue(pane.getContentText().contains(rows(plan.deterministicRows()) + " the model refused"),
        pane.getContentText());
    String transientOnly = String.format(Locale.ROOT, "Retry the %,d transient", plan.transientRows());
    assertEquals(transientOnly, defaultButton(pane));
    robot.clickOn(button(pane, transientOnly));
    await(180, "the retry done", () -> status(robot).startsWith("retry done"));

    // every bad row failed, with the model's own error, and nothing else did; status and table agree
    TableView<ResultRow> results = robot.lookup("#results").queryTableView();
    List<ResultRow> failed = fx(() -> results.getItems().stream().filter(ResultRow::failed).toList());
    assertEquals(rows / 500, failed.size(), () -> failed.stream().limit(3).map(ResultRow::error).toList().toString());
    assertTrue(failed.stream().allMatch(r -> r.row() % 500 == 250 && r.error().contains("FAIL_ON rejects")));
    assertEquals(String.format(Locale.ROOT, "retry done: retried %,d rows; 10,000 rows, %,d failed",
        plan.transientRows(), rows / 500), status(robot));
    assertEquals(rows, results.getItems().size());
  }

  @SuppressWarnings("unchecked")
  private static TableColumn<ResultRow, ?> column(TableView<ResultRow> table, String name) {
    return table.getColumns().stream().filter(c -> c.getText().equals(name)).findFirst().orElseThrow();
  }

  private static TableCell<?, ?> cell(FxRobot robot, TableView<ResultRow> table, String text) {
    return robot.from(table).lookup(".table-cell").queryAllAs(TableCell.class).stream()
        .filter(c -> text.equals(c.getText())).findFirst().orElseThrow();
  }

  /**
   * Selects the cell and opens the table's context menu over it, as a right click does (Monocle's mouse makes no
   * popup trigger, so the menu is shown the way the table shows it).
   */
  private static void menu(FxRobot robot, TableView<ResultRow> table, TableCell<?, ?> cell) {
    robot.clickOn(cell);
    robot.interact(() -> table.getContextMenu().show(cell, javafx.geometry.Side.BOTTOM, 0, 0));
  }

  @Test
  void resultCellsCutShowTheirValueOnHoverAndCellsRowsAndColumnsCopy(FxRobot robot) throws Exception {
    String endpoint = endpoint();
    String longValue = "C".repeat(300);
    open(csv("wide.csv", 30, longValue), 30);
    run(robot, endpoint);
    await(60, "the run done", () -> status(robot).startsWith("done"));
    TableView<ResultRow> results = robot.lookup("#results").queryTableView();

    // columns sized to their content, within bounds
    assertEquals(ColumnFit.MAX, fx(() -> column(results, "text").getPrefWidth()), "a long value: the widest allowed");
    double id = fx(() -> column(results, "id").getPrefWidth());
    assertTrue(id < 120, "short ids, a narrow column: " + id);

    // the cut cell carries its full value in a tooltip, a cell that shows all of it none
    // the table may not have laid out its cells yet when the run is done: not there yet is "not yet"
    await(10, "the long cell's tooltip", () -> robot.from(results).lookup(".table-cell").queryAllAs(TableCell.class)
        .stream().anyMatch(c -> longValue.equals(c.getText()) && c.getTooltip() != null));
    assertEquals(longValue, fx(() -> cell(robot, results, longValue).getTooltip().getText()));
    assertNull(fx(() -> cell(robot, results, "m1").getTooltip()));

    // Ctrl+C copies the selected cell; the context menu its row and its column
    robot.clickOn(cell(robot, results, "m1"));
    robot.push(KeyCode.CONTROL, KeyCode.C);
    assertEquals("m1", fx(() -> Clipboard.getSystemClipboard().getString()));
    robot.press(KeyCode.SHIFT).clickOn(cell(robot, results, "m2")).release(KeyCode.SHIFT);
    robot.push(KeyCode.CONTROL, KeyCode.C);
    assertEquals("m1\nm2", fx(() -> Clipboard.getSystemClipboard().getString()));

    menu(robot, results, cell(robot, results, "m1"));
    robot.clickOn("Copy row");
    List<String> expected = fx(() -> results.getVisibleLeafColumns().stream()
        .map(c -> String.valueOf(c.getCellData(1))).toList());
    assertEquals(String.join("\t", expected), fx(() -> Clipboard.getSystemClipboard().getString()));
    assertTrue(expected.contains("m1") && expected.get(0).equals("2"), expected::toString);

    menu(robot, results, cell(robot, results, "m1"));
    robot.clickOn("Copy column");
    assertEquals(IntStream.range(0, 30).mapToObj(i -> "m" + i).toList(),
        List.of(fx(() -> Clipboard.getSystemClipboard().getString()).split("\n")));
  }

  @Test
  void theWindowHighlightsADraggedFileRefusesANonCsvAndOpensACsv(FxRobot robot) throws Exception {
    await(60, "connected", () -> window.viewModel().connection().connectedProperty().get());
    Path notes = dir.resolve("notes.txt");
    Files.writeString(notes, "not a table\n");
    Path table = csv("table.csv", 3, null);

    robot.interact(() -> FileDrop.over(window.view(), notes.toFile()));
    assertTrue(window.view().getStyleClass().contains(DropTarget.REFUSE), "a file it will refuse: the danger outline");
    robot.interact(() -> FileDrop.leave(window.view()));
    assertFalse(window.view().getStyleClass().contains(DropTarget.REFUSE), "the outline goes with the drag");

    fx(() -> FileDrop.drop(window.view(), notes.toFile()));
    await(10, "the refusal logged", () -> window.viewModel().log().entries().stream()
        .anyMatch(e -> e.level() == LogEntry.Level.ERROR
            && e.message().startsWith("opening notes.txt failed: notes.txt is not a CSV file")));
    await(10, "a notification", () -> robot.lookup(".notification-bar").tryQuery().isPresent());
    assertNull(fx(() -> window.viewModel().inference().fileProperty().get()), "nothing opened");
    assertFalse(window.view().getStyleClass().contains(DropTarget.REFUSE));

    robot.interact(() -> FileDrop.over(window.view(), table.toFile()));
    assertTrue(window.view().getStyleClass().contains(DropTarget.ACCEPT), "a CSV: the accent outline");
    fx(() -> FileDrop.drop(window.view(), table.toFile()));
    await(30, "the CSV read", () -> window.viewModel().inference().rowCountProperty().get() == 3);
    assertFalse(window.view().getStyleClass().contains(DropTarget.ACCEPT));
  }

  private static String rows(int n) {
    return String.format(Locale.ROOT, n == 1 ? "%,d row" : "%,d rows", n);
  }
}
