package dev.workbench.console.view;

import static dev.workbench.console.view.FxWait.await;
import static dev.workbench.console.view.FxWait.fx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.api.EndpointDescription;
import dev.workbench.console.service.ConnectionService;
import dev.workbench.console.service.EndpointService;
import dev.workbench.console.task.ImmediateTaskExecutor;
import dev.workbench.console.viewmodel.EndpointsViewModel;
import dev.workbench.console.viewmodel.LogViewModel;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** An endpoint picker: type and scale state beside each name, and the choice kept while the list changes. */
@ExtendWith(ApplicationExtension.class)
class EndpointPickerTest {
  private final EndpointsViewModel vm = new EndpointsViewModel(new EndpointService(new ConnectionService()),
      new ImmediateTaskExecutor(), new LogViewModel(), Clock.systemUTC());
  private ComboBox<String> box;

  @Start
  void start(Stage stage) {
    box = new ComboBox<>(vm.names());
    box.setId("picker");
    box.setPromptText("Endpoint");
    EndpointPicker.decorate(box, vm);
    stage.setScene(new Scene(new VBox(box), 600, 300));
    stage.show();
  }

  private static EndpointDescription endpoint(String name, boolean async, int current, int desired) {
    return new EndpointDescription(name, "arn:" + name, "InService", null, async, "ml.m5.large", current, desired,
        "AllTraffic", name, null, Instant.EPOCH, Instant.EPOCH);
  }

  @Test
  void theListShowsTypeAndScaleStateAndTheChoiceSurvivesAChangingList(FxRobot robot) {
    fx(() -> {
      vm.update(List.of(endpoint("alpha", false, 1, 1), endpoint("beta", true, 0, 0), endpoint("gamma", true, 1, 1)));
      return null;
    });
    robot.clickOn("#picker");
    await(5, "the list open", () -> robot.lookup(".list-cell").tryQuery().isPresent());
    List<String> beside = robot.lookup(".list-cell").queryAll().stream()
        .filter(n -> "beta".equals(((javafx.scene.control.ListCell<?>) n).getItem()))
        .flatMap(n -> robot.from(n).lookup(".badge").queryAllAs(Label.class).stream()).map(Label::getText).toList();
    assertEquals("ASYNC", beside.get(0));
    assertTrue(beside.get(1).startsWith("scaled to zero since "), beside::toString);
    robot.interact(() -> {
      box.getSelectionModel().select("beta");
      box.hide();
    });

    // the list changes under the choice: a new endpoint sorts before it, another goes, beta warms up
    fx(() -> {
      vm.update(List.of(endpoint("aaa-new", false, 1, 1), endpoint("alpha", false, 1, 1), endpoint("beta", true, 0, 1)));
      return null;
    });
    assertEquals("beta", fx(box::getValue));
    assertEquals("beta", fx(() -> box.getButtonCell().getText()));
    assertTrue(fx(() -> box.getButtonCell().getTooltip().getText()).startsWith("beta: ASYNC, warming up"));
  }
}
