package dev.workbench.console.view;

import static dev.workbench.console.view.FxWait.await;
import static dev.workbench.console.view.FxWait.fx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.console.service.ConnectionService;
import dev.workbench.console.service.EndpointService;
import dev.workbench.console.task.ImmediateTaskExecutor;
import dev.workbench.console.viewmodel.CaptureViewModel;
import dev.workbench.console.viewmodel.LogViewModel;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Browsing captured records: pages, and the full payloads of the record clicked. */
@ExtendWith(ApplicationExtension.class)
class CaptureViewTest {
  private final CaptureViewModel vm = new CaptureViewModel(new EndpointService(new ConnectionService()),
      new ImmediateTaskExecutor(), new LogViewModel());

  @Start
  void start(Stage stage) {
    stage.setScene(new Scene(new CaptureView(vm, () -> { }, new SimpleBooleanProperty(false)), 1000, 500));
    stage.show();
  }

  @Test
  void aClickedRecordShowsItsWholeRequestAndResponseAndOlderPagesFollow(FxRobot robot) {
    fx(() -> {
      vm.show("ep", dev.workbench.console.viewmodel.CaptureViewModelTest.records(70));
      return null;
    });
    TableView<?> table = robot.lookup("#capture").queryTableView();
    await(5, "the first page", () -> table.getItems().size() == 50);
    await(5, "the newest record's row", () -> robot.from(table).lookup("e69").tryQuery().isPresent());
    robot.clickOn(robot.from(table).lookup("e69").queryLabeled());
    assertEquals("id,smiles\nm69,CCO", robot.lookup("#capture-request").queryAs(TextArea.class).getText());
    assertEquals("{\"row\":69}", robot.lookup("#capture-response").queryAs(TextArea.class).getText());
    robot.clickOn("#capture-older");
    await(5, "the older page", () -> table.getItems().size() == 20);
    assertTrue(robot.lookup("#capture-status").queryAs(Label.class).getText().startsWith("records 51-70, page 2 of 2"));
  }
}
