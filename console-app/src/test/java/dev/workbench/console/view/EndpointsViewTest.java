package dev.workbench.console.view;

import static dev.workbench.console.view.FxWait.await;
import static dev.workbench.console.view.FxWait.fx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.api.EndpointDescription;
import dev.workbench.console.service.ConnectionService;
import dev.workbench.console.service.EndpointService;
import dev.workbench.console.task.ImmediateTaskExecutor;
import dev.workbench.console.viewmodel.EndpointItem;
import dev.workbench.console.viewmodel.EndpointDetailViewModel;
import dev.workbench.console.viewmodel.EndpointsViewModel;
import dev.workbench.console.viewmodel.LogViewModel;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The endpoints table as a user works it while the list refreshes every second. */
@ExtendWith(ApplicationExtension.class)
class EndpointsViewTest {
  private final LogViewModel log = new LogViewModel();
  private final EndpointsViewModel vm = new EndpointsViewModel(new EndpointService(new ConnectionService()),
      new ImmediateTaskExecutor(), log, Clock.systemUTC());

  @Start
  void start(Stage stage) {
    stage.setScene(new Scene(new EndpointsView(vm, new EndpointDetailViewModel(
        new EndpointService(new ConnectionService()), new ImmediateTaskExecutor(), log, Clock.systemUTC()),
        () -> { }, () -> { }, () -> { }), 1000, 400));
    stage.show();
  }

  private static EndpointDescription endpoint(String name, String status, int current) {
    return new EndpointDescription(name, "arn:aws:sagemaker:us-east-1:0:endpoint/" + name, status, null, false,
        "ml.t2.medium", current, 1, "AllTraffic", name, null, Instant.EPOCH, Instant.EPOCH);
  }

  private void refresh(String bStatus, int bInstances) {
    fx(() -> {
      vm.update(List.of(endpoint("alpha", "InService", 1), endpoint("beta", bStatus, bInstances),
          endpoint("gamma", "InService", 1)));
      return null;
    });
  }

  private static void click(FxRobot robot, TableView<EndpointItem> table, String name) {
    await(5, "the row " + name, () -> robot.from(table).lookup(name).tryQuery().isPresent());
    robot.clickOn(robot.from(table).lookup(name).queryLabeled());
  }

  @Test
  void theSelectedRowStaysSelectedWhileTheListRefreshes(FxRobot robot) {
    refresh("Creating", 0);
    TableView<EndpointItem> table = robot.lookup("#endpoints").queryTableView();
    click(robot, table, "beta");
    assertEquals("beta", table.getSelectionModel().getSelectedItem().name());
    for (int i = 0; i < 3; i++) {
      refresh("InService", 1); // the selected row itself changes
      refresh("InService", 1);
    }
    assertEquals("beta", fx(() -> table.getSelectionModel().getSelectedItem().name()));
    assertEquals("InService", fx(() -> table.getSelectionModel().getSelectedItem().status()));
    assertEquals("beta", fx(() -> vm.selectedProperty().get().name()));
  }

  @Test
  void deleteAsksNamingTheEndpointAndEnterCancels(FxRobot robot) {
    refresh("InService", 1);
    TableView<EndpointItem> table = robot.lookup("#endpoints").queryTableView();
    assertTrue(robot.lookup("#delete-endpoint").queryButton().isDisabled(), "nothing selected, nothing to delete");
    click(robot, table, "gamma");
    robot.push(KeyCode.DELETE);
    await(5, "the question", () -> robot.lookup("#confirm").tryQuery().isPresent());
    DialogPane confirm = robot.lookup("#confirm").queryAs(DialogPane.class);
    assertEquals("Delete endpoint gamma?", confirm.getHeaderText());
    Button cancel = (Button) confirm.lookupButton(javafx.scene.control.ButtonType.CANCEL);
    assertTrue(cancel.isDefaultButton(), "Cancel is the default button");
    robot.push(KeyCode.ENTER);
    await(5, "the question gone", () -> robot.lookup("#confirm").tryQuery().isEmpty());
    assertTrue(log.entries().stream().noneMatch(e -> e.message().startsWith("deleting endpoint")),
        "Enter did not delete anything");

    // filtered out of sight, the selection goes, and Delete with it
    robot.clickOn("#endpoint-search").write("alp");
    await(5, "the list narrowed", () -> table.getItems().size() == 1);
    assertEquals(null, vm.selectedProperty().get());
    assertTrue(robot.lookup("#delete-endpoint").queryButton().isDisabled());
  }
}
