package dev.workbench.console.view;

import atlantafx.base.theme.Styles;
import dev.workbench.console.viewmodel.EndpointDetailViewModel;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The Endpoints tab's detail pane: the selected endpoint's settings (sections), Update with its progress, Test
 * inference with an editable CSV body, Health, and the ways to its logs and metrics; Delete stays the list's (one confirmation dialog).
 */
final class EndpointDetailPane extends VBox {
  EndpointDetailPane(EndpointDetailViewModel vm, Runnable openLogs, Runnable openMetrics, Runnable delete) {
    super(8);
    setId("endpoint-detail");
    setPadding(new Insets(6, 0, 0, 0));
    setMinWidth(0);
    Label status = new Label();
    status.setId("detail-status");
    status.textProperty().bind(vm.statusProperty());
    status.getStyleClass().add("hint");
    status.setPadding(new Insets(0, 0, 0, 8));
    Button update = new Button("Update...");
    update.setId("detail-update");
    update.setTooltip(new Tooltip("Change the instance type, count, scaling or data capture in place"));
    update.setOnAction(e -> {
      var form = vm.newUpdate();
      if (form != null) {
        new UpdateDialog(getScene().getWindow(), form, vm.update()).show();
      }
    });
    Button test = new Button("Test inference");
    test.setId("detail-test");
    test.setTooltip(new Tooltip("Show or hide the test: a CSV body to send, the answer and its latency"));
    Button health = new Button("Health");
    health.setId("detail-health");
    health.setTooltip(new Tooltip("Workbench's health check over the last three days of metrics"));
    Button logs = new Button("Logs");
    logs.setId("detail-logs");
    logs.setOnAction(e -> openLogs.run());
    Button metrics = new Button("Metrics");
    metrics.setId("detail-metrics");
    metrics.setOnAction(e -> openMetrics.run());
    Button remove = new Button("Delete...");
    remove.setId("detail-delete");
    remove.getStyleClass().add(Styles.DANGER);
    remove.setOnAction(e -> delete.run());
    for (Button b : new Button[] {test, health, logs, metrics, remove}) {
      b.disableProperty().bind(vm.endpointProperty().isEmpty());
    }
    // a form needs the settings read; one update at a time (SageMaker refuses a second while Updating)
    update.disableProperty().bind(vm.detailProperty().isNull().or(vm.update().runningProperty()));
    health.disableProperty().unbind();
    health.disableProperty().bind(vm.endpointProperty().isEmpty().or(vm.checkingProperty()));
    // the actions and what the pane shows on one line: the settings below get the height
    FlowPane actions = new FlowPane(6, 6, update, test, health, logs, metrics, remove, status);
    actions.setAlignment(Pos.CENTER_LEFT);

    // the update's progress until InService, then its outcome, in sight while the settings below refresh
    ProgressBar updating = new ProgressBar();
    updating.setPrefWidth(120);
    updating.visibleProperty().bind(vm.update().runningProperty());
    updating.managedProperty().bind(updating.visibleProperty());
    Label updateText = new Label();
    updateText.setId("detail-update-status");
    updateText.setWrapText(true);
    updateText.setMinHeight(Region.USE_PREF_SIZE);
    updateText.textProperty().bind(vm.update().messageProperty());
    vm.update().failedProperty().addListener((o, a, failed) -> {
      updateText.getStyleClass().remove("problem");
      if (failed) {
        updateText.getStyleClass().add("problem");
      }
    });
    HBox updateRow = new HBox(8, updating, updateText);
    updateRow.setAlignment(Pos.CENTER_LEFT);
    updateRow.visibleProperty().bind(vm.update().messageProperty().isNotEmpty());
    updateRow.managedProperty().bind(updateRow.visibleProperty());

    TextArea body = new TextArea();
    body.setId("test-body");
    body.setPromptText("CSV rows, header first (the model's sample when it keeps one)");
    body.setPrefRowCount(4);
    body.textProperty().bindBidirectional(vm.testBodyProperty());
    Button send = new Button("Send");
    send.setId("test-send");
    send.getStyleClass().add(Styles.ACCENT);
    send.disableProperty().bind(vm.endpointProperty().isEmpty().or(vm.testingProperty()));
    send.setOnAction(e -> vm.test());
    Label summary = new Label();
    summary.setId("test-summary");
    summary.setWrapText(true);
    summary.setMinWidth(0);
    summary.textProperty().bind(vm.testSummaryProperty());
    HBox sendRow = new HBox(8, send, summary);
    sendRow.setAlignment(Pos.CENTER_LEFT);
    HBox.setHgrow(summary, Priority.ALWAYS);
    TextArea answer = new TextArea();
    answer.setId("test-answer");
    answer.setEditable(false);
    answer.setPrefRowCount(3);
    answer.textProperty().bind(vm.testAnswerProperty());
    answer.setPromptText("The answer comes here");
    // above the settings, not under them: what the user just asked for is in sight without scrolling
    VBox testBox = new VBox(4, body, sendRow, answer);
    testBox.setId("detail-test-pane");
    testBox.getStyleClass().add("detail-test");
    testBox.setVisible(false);
    testBox.managedProperty().bind(testBox.visibleProperty());
    test.setOnAction(e -> {
      testBox.setVisible(!testBox.isVisible());
      if (testBox.isVisible()) {
        body.requestFocus();
      }
    });
    Label healthText = new Label();
    healthText.setId("health-text");
    healthText.setWrapText(true);
    healthText.setMinHeight(Region.USE_PREF_SIZE);
    healthText.textProperty().bind(vm.healthProperty());
    healthText.visibleProperty().bind(vm.healthProperty().isNotEmpty());
    healthText.managedProperty().bind(healthText.visibleProperty());
    health.setOnAction(e -> vm.checkHealth());

    VBox content = new VBox(10, new DetailSectionsBox(vm.sections()));
    content.setId("detail-content");
    content.setPadding(new Insets(0, 12, 8, 0));
    ScrollPane scroll = new ScrollPane(content);
    scroll.setFitToWidth(true);
    scroll.setId("detail-scroll");
    VBox.setVgrow(scroll, Priority.ALWAYS);
    getChildren().addAll(actions, updateRow, healthText, testBox, scroll);
  }
}
