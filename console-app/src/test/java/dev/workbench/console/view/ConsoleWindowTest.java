package dev.workbench.console.view;

import static dev.workbench.console.view.FxWait.await;
import static dev.workbench.console.view.FxWait.fx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.console.ConsoleFxApp.ConsoleWindow;
import dev.workbench.console.ConsoleOptions;
import dev.workbench.console.service.ConnectionRequest;
import dev.workbench.console.service.ConsoleServices;
import dev.workbench.console.service.FileSettingsStore;
import dev.workbench.console.viewmodel.ConnectionViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The window as a new user meets it, on Monocle's 1600x1000 screen, connected to an address nobody answers
 * (no cloud needed): its size and place, what it remembers, the connection's failed state, the shortcuts.
 */
@ExtendWith(ApplicationExtension.class)
class ConsoleWindowTest {
  @TempDir
  Path dir;
  private final ScriptedFileDialogs dialogs = new ScriptedFileDialogs();
  private Stage stage;
  private ConsoleWindow window;
  private ConsoleWindow second;

  private ConsoleWindow open(Stage on) {
    return ConsoleWindow.open(on, new ConsoleOptions(ConnectionRequest.Kind.URL, "http://127.0.0.1:9", null, null,
        true, dir.resolve("data"), null), ConsoleServices.create(), dialogs,
        new FileSettingsStore(dir.resolve("console.properties")));
  }

  @Start
  void start(Stage stage) {
    this.stage = stage;
    window = open(stage);
  }

  @AfterEach
  void close() {
    fx(() -> {
      window.close();
      if (second != null) {
        second.close();
        second.stage().close();
      }
      return null;
    });
  }

  /**
   * The connect to the dead address has failed and its notification has come and gone: Monocle sends the keys to
   * the newest window, the notification's popup, while it is up.
   */
  private void failed(FxRobot robot) {
    await(60, "the connect to fail", () -> window.viewModel().connection().stateProperty().get()
        == ConnectionViewModel.State.FAILED);
    await(10, "the notification", () -> robot.lookup(".notification-bar").tryQuery().isPresent());
    await(20, "the notification gone", () -> javafx.stage.Window.getWindows().size() == 1);
  }

  @Test
  void theWindowOpensAtEightyPercentOfTheScreenCentredWithAMinimumSize() {
    assertEquals(1280, fx(stage::getWidth), 1);
    assertEquals(800, fx(stage::getHeight), 1);
    assertEquals(160, fx(stage::getX), 1);
    assertEquals(100, fx(stage::getY), 1);
    assertEquals(900, fx(stage::getMinWidth), 1);
    assertEquals(600, fx(stage::getMinHeight), 1);
  }

  @Test
  void aConnectionThatDoesNotAnswerIsShownAsFailedNeverAsConnected(FxRobot robot) {
    await(60, "the connect to end", () -> window.viewModel().connection().stateProperty().get()
        != ConnectionViewModel.State.CONNECTING);
    assertEquals(ConnectionViewModel.State.FAILED, fx(() -> window.viewModel().connection().stateProperty().get()));
    assertEquals("Connection failed:", robot.lookup("#connection-state").queryAs(Label.class).getText());
    assertTrue(robot.lookup("#connection-current").queryAs(Label.class).getText().contains("127.0.0.1:9"));
    assertFalse(fx(() -> window.viewModel().connection().connectedProperty().get()));
    assertTrue(window.viewModel().log().entries().stream()
        .anyMatch(e -> e.message().startsWith("connect to http://127.0.0.1:9 failed")));
  }

  @Test
  void geometryThemeAndLogPaneAreRememberedForTheNextStart(FxRobot robot) throws Exception {
    fx(() -> {
      stage.setX(50);
      stage.setY(40);
      stage.setWidth(1200);
      stage.setHeight(760);
      return null;
    });
    failed(robot);
    robot.clickOn("#toggle-theme");
    robot.clickOn("#toggle-log");
    SplitPane split = robot.lookup("#log-split").queryAs(SplitPane.class);
    assertEquals(1, fx(() -> split.getItems().size()), "the log pane is hidden");
    fx(() -> {
      window.close();
      return null;
    });
    assertTrue(Files.readString(dir.resolve("console.properties")).contains("theme=dark"));

    Stage next = fx(Stage::new);
    second = fx(() -> open(next));
    assertEquals(50, fx(next::getX), 1);
    assertEquals(40, fx(next::getY), 1);
    assertEquals(1200, fx(next::getWidth), 1);
    assertEquals(760, fx(next::getHeight), 1);
    assertTrue(fx(() -> ((ToggleButton) next.getScene().lookup("#toggle-theme")).isSelected()));
    assertEquals(1, fx(() -> ((SplitPane) next.getScene().lookup("#log-split")).getItems().size()));
    fx(() -> {
      ((ToggleButton) next.getScene().lookup("#toggle-theme")).setSelected(false);
      return null;
    });
  }

  @Test
  void ctrlOOpensAFileInTheLastFolderCtrlRSaysWhyNothingRunsAndF5Refreshes(FxRobot robot) throws Exception {
    Path csv = dir.resolve("in.csv");
    Files.writeString(csv, "id,smiles\nm0,CCO\n");
    dialogs.willOpen(csv);
    failed(robot);
    robot.clickOn("#log"); // focus in the log list: the shortcuts work wherever the focus is
    robot.push(KeyCode.CONTROL, KeyCode.O);
    await(10, "the file read", () -> window.viewModel().inference().rowCountProperty().get() == 1);
    assertTrue(robot.lookup("CSV inference").queryAs(javafx.scene.control.Labeled.class) != null);
    robot.push(KeyCode.CONTROL, KeyCode.O); // the next dialog opens where the last file was
    assertEquals(dir.toAbsolutePath(), dialogs.folder());
    robot.push(KeyCode.CONTROL, KeyCode.R);
    await(5, "the reason logged", () -> window.viewModel().log().entries().stream()
        .anyMatch(e -> e.message().startsWith("nothing to run")));
    // F5 refreshes now: here, without a connection, its failure is logged
    robot.push(KeyCode.F5);
    await(5, "the refresh tried", () -> window.viewModel().log().entries().stream()
        .anyMatch(e -> e.message().startsWith("listing endpoints failed: not connected")));
  }
}
