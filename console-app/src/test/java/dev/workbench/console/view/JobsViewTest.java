package dev.workbench.console.view;

import static dev.workbench.console.view.FxWait.await;
import static dev.workbench.console.view.FxWait.fx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.console.service.ConnectionService;
import dev.workbench.console.service.InferenceService;
import dev.workbench.console.task.ImmediateTaskExecutor;
import dev.workbench.console.viewmodel.BatchItem;
import dev.workbench.console.viewmodel.JobsViewModel;
import dev.workbench.console.viewmodel.LogViewModel;
import java.time.Clock;
import javafx.scene.Scene;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The in-flight jobs table at 1024 pixels: the Error column in sight, long ids whole on hover and copyable. */
@ExtendWith(ApplicationExtension.class)
class JobsViewTest {
  private static final String ID = "6f0c1d2e-3b4a-4c5d-8e9f-0a1b2c3d4e5f-with-a-long-tail";
  private static final String INPUT = "s3://workbench-artifacts-us-east-1/async/lat-async/run-1234/input/batch-00017.csv";
  private final JobsViewModel vm = new JobsViewModel(new InferenceService(new ConnectionService()),
      new ImmediateTaskExecutor(), new LogViewModel(), Clock.systemUTC());

  @Start
  void start(Stage stage) {
    stage.setScene(new Scene(new JobsView(vm), 1024, 400));
    stage.show();
  }

  @Test
  void errorColumnShowsAndLongValuesAreWholeOnHoverAndCopyable(FxRobot robot) {
    fx(() -> vm.batches().add(new BatchItem("lat-async", ID, "1-500", "FAILED", INPUT, "s3://b/failed/x.out",
        "12s", "ModelError: row 3 is not a molecule")));
    TableView<?> table = robot.lookup("#jobs").queryTableView();
    TableColumn<?, ?> error = table.getColumns().stream().filter(c -> c.getText().equals("Error")).findFirst()
        .orElseThrow();
    double right = fx(() -> table.getColumns().stream().takeWhile(c -> c != error)
        .mapToDouble(TableColumn::getWidth).sum() + error.getWidth());
    assertTrue(right <= 1024, "the Error column ends at " + right + " of 1024 pixels");

    TableCell<?, ?> idCell = cell(robot, ID);
    assertEquals(ID, fx(() -> idCell.getTooltip().getText()), "the whole id on hover");
    TableCell<?, ?> inputCell = cell(robot, INPUT);
    assertEquals(INPUT, fx(() -> inputCell.getTooltip().getText()));
    menu(robot, inputCell);
    robot.clickOn("Copy");
    assertEquals(INPUT, fx(() -> Clipboard.getSystemClipboard().getString()));
    menu(robot, idCell);
    robot.clickOn("Copy row");
    assertTrue(fx(() -> Clipboard.getSystemClipboard().getString()).startsWith("lat-async\t" + ID + "\t1-500\tFAILED"));
  }

  /** Right-click; Monocle's robot sends no context-menu request, so the cell's own menu is shown where it would be. */
  private static void menu(FxRobot robot, TableCell<?, ?> cell) {
    robot.clickOn(cell, MouseButton.SECONDARY);
    if (robot.lookup("Copy row").tryQuery().isEmpty()) {
      fx(() -> {
        cell.getContextMenu().show(cell, javafx.geometry.Side.BOTTOM, 0, 0);
        return null;
      });
    }
    await(5, "the context menu", () -> robot.lookup("Copy row").tryQuery().isPresent());
  }

  private static TableCell<?, ?> cell(FxRobot robot, String value) {
    await(5, "the cell " + value, () -> robot.lookup(".table-cell").queryAllAs(TableCell.class).stream()
        .anyMatch(c -> value.equals(c.getItem())));
    return robot.lookup(".table-cell").queryAllAs(TableCell.class).stream().filter(c -> value.equals(c.getItem()))
        .findFirst().orElseThrow();
  }
}
