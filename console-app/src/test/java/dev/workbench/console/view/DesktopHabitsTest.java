package dev.workbench.console.view;

import static dev.workbench.console.view.FxWait.await;
import static dev.workbench.console.view.FxWait.fx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.api.EndpointDescription;
import dev.workbench.console.ConsoleFxApp.ConsoleWindow;
import dev.workbench.console.ConsoleOptions;
import dev.workbench.console.service.ConnectionRequest;
import dev.workbench.console.service.ConsoleServices;
import dev.workbench.console.viewmodel.ConnectionViewModel;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderStroke;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The keyboard habits of a desktop app: Ctrl+Tab, Esc, Alt+letter, a focus ring on the blue buttons too. */
@ExtendWith(ApplicationExtension.class)
class DesktopHabitsTest {
  @TempDir
  Path dir;
  private ConsoleWindow window;

  @Start
  void start(Stage stage) {
    window = ConsoleWindow.open(stage, new ConsoleOptions(ConnectionRequest.Kind.URL, "http://127.0.0.1:9", null,
        null, true, dir.resolve("data"), null), ConsoleServices.create(), new ScriptedFileDialogs());
  }

  @AfterEach
  void close() {
    fx(() -> {
      window.close();
      return null;
    });
  }

  /** The failed connect's notification popup gone: Monocle sends keys to the newest window. */
  private void settled(FxRobot robot) {
    await(60, "the connect to fail", () -> window.viewModel().connection().stateProperty().get()
        == ConnectionViewModel.State.FAILED);
    await(20, "the notification gone", () -> javafx.stage.Window.getWindows().size() == 1);
  }

  @Test
  void ctrlTabAndCtrlShiftTabCycleTheScreens(FxRobot robot) {
    settled(robot);
    TabPane tabs = robot.lookup("#screens").queryAs(TabPane.class);
    robot.clickOn("#endpoint-search");
    assertEquals(0, fx(() -> tabs.getSelectionModel().getSelectedIndex()));
    robot.press(KeyCode.CONTROL).type(KeyCode.TAB).release(KeyCode.CONTROL);
    assertEquals(1, fx(() -> tabs.getSelectionModel().getSelectedIndex()));
    robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.TAB).type(KeyCode.TAB)
        .release(KeyCode.SHIFT, KeyCode.CONTROL);
    assertEquals(fx(() -> tabs.getTabs().size() - 1), fx(() -> tabs.getSelectionModel().getSelectedIndex()),
        "back past the first to the last");
  }

  @Test
  void escClosesTheDeployDialogWhichRefusesAnEndpointNameInUse(FxRobot robot) {
    settled(robot);
    fx(() -> {
      window.viewModel().endpoints().update(List.of(new EndpointDescription("taken", "arn:taken", "InService", null,
          false, "ml.t2.medium", 1, 1, "AllTraffic", "descriptors", null, Instant.EPOCH, Instant.EPOCH)));
      return null;
    });
    robot.clickOn("#deploy");
    await(10, "the dialog", () -> robot.lookup("#deploy-name").tryQuery().isPresent());
    robot.clickOn("#deploy-name").write("taken");
    await(5, "the name refused", () -> robot.lookup("#deploy-problems").queryAs(Label.class).getText()
        .contains("An endpoint named taken already exists"));
    assertTrue(robot.lookup("#deploy-submit").queryAs(Button.class).isDisabled());
    assertFalse(robot.lookup("#deploy-instance-note").queryAs(Label.class).isVisible());
    robot.clickOn(robot.lookup("#deploy-async .thumb-area").queryAs(javafx.scene.Node.class));
    await(5, "the note", () -> robot.lookup("#deploy-instance-note").queryAs(Label.class).isVisible());
    assertTrue(robot.lookup("#deploy-instance-note").queryAs(Label.class).getText().contains("ml.c7i.xlarge"));
    assertFalse(robot.lookup("#deploy-capture").queryAs(org.controlsfx.control.ToggleSwitch.class).isSelected(),
        "data capture is off unless asked");
    robot.type(KeyCode.ESCAPE);
    await(5, "the dialog closed", () -> robot.lookup("#deploy-name").tryQuery().isEmpty());
  }

  @Test
  void altLetterPressesAButtonAndTheKeyboardFocusShowsARingOnTheBlueButton(FxRobot robot) {
    settled(robot);
    Button deploy = robot.lookup("#deploy").queryButton();
    assertEquals("_Deploy...", deploy.getText());
    assertTrue(deploy.isMnemonicParsing());
    assertEquals("_Run", robot.lookup("#run").queryButton().getText());

    // Tab from the filter lands on Deploy, an accent button: the ring is drawn around it
    robot.clickOn("#endpoint-search");
    robot.type(KeyCode.TAB).type(KeyCode.TAB);
    await(5, "Deploy focused", deploy::isFocused);
    await(5, "the ring drawn", () -> ring(deploy) != null);
    assertEquals(2, ring(deploy).getWidths().getTop(), 0.01);

    robot.press(KeyCode.ALT).type(KeyCode.D).release(KeyCode.ALT);
    await(10, "the deploy dialog opened by Alt+D", () -> robot.lookup("#deploy-name").tryQuery().isPresent());
    robot.type(KeyCode.ESCAPE);
    await(5, "the dialog closed", () -> robot.lookup("#deploy-name").tryQuery().isEmpty());
  }

  private static BorderStroke ring(Button b) {
    return fx(() -> b.getBorder() == null ? null : b.getBorder().getStrokes().stream()
        .filter(s -> s.getInsets().getTop() < 0).findFirst().orElse(null));
  }
}
