package dev.workbench.console.view;

import static dev.workbench.console.view.FxWait.fx;

import dev.workbench.console.viewmodel.LogViewModel;
import javafx.geometry.Bounds;
import javafx.scene.Scene;
import javafx.scene.control.ListCell;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The log pane follows the newest line: after a save, its confirmation is the line the user sees. */
@ExtendWith(ApplicationExtension.class)
class LogViewTest {
  private final LogViewModel log = new LogViewModel();
  private LogView view;

  @Start
  void start(Stage stage) {
    view = new LogView(log);
    stage.setScene(new Scene(view, 600, 120));
    stage.show();
  }

  @Test
  void theNewestLineIsVisibleAfterEachNewLine(FxRobot robot) {
    for (int i = 1; i <= 30; i++) {
      String line = "line " + i;
      fx(() -> {
        log.info(line);
        return null;
      });
      // a few frames for the list to lay out: what a user would see at once
      FxWait.await(2, "the newest line '" + line + "' in sight", () -> shown(line));
    }
  }

  @Test
  void twoLinesInOnePulseShowTheSecond(FxRobot robot) {
    for (int i = 1; i <= 12; i++) {
      String info = "run " + i + " done";
      String error = "run " + i + " failed";
      fx(() -> {
        // a run's end logs its line and then its error, in one event: the error is what the user must see
        log.info(info);
        log.error("run " + error, new IllegalStateException(error));
        return null;
      });
      FxWait.await(2, "the error line of run " + i + " in sight", () -> shown(error));
    }
  }

  /** True when a cell shows a log line containing the text and lies wholly inside the list's viewport. */
  private boolean shown(String text) {
    Bounds list = view.localToScene(view.getLayoutBounds());
    return view.lookupAll(".list-cell").stream()
        .filter(n -> n instanceof ListCell<?> c && c.isVisible() && c.getText() != null && c.getText().contains(text))
        .anyMatch(n -> {
          Bounds b = n.localToScene(n.getLayoutBounds());
          return b.getMinY() >= list.getMinY() - 1 && b.getMaxY() <= list.getMaxY() + 1;
        });
  }
}
