package dev.workbench.console.view;

import atlantafx.base.theme.Styles;
import dev.workbench.console.viewmodel.DeployViewModel;
import dev.workbench.console.viewmodel.UpdateForm;
import dev.workbench.console.viewmodel.UpdateRun;
import javafx.beans.binding.Bindings;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.controlsfx.control.ToggleSwitch;

/**
 * Update an endpoint in place: its settings now, editable; the changes as "old → new" lines before Apply; Apply
 * disabled while nothing changes or a value is wrong. Apply hands the update to the pane, which shows its progress
 * until InService: the dialog closes, the endpoint keeps serving meanwhile.
 */
final class UpdateDialog extends Dialog<ButtonType> {
  static final ButtonType APPLY = new ButtonType("_Apply", ButtonBar.ButtonData.OK_DONE);

  UpdateDialog(Window owner, UpdateForm form, UpdateRun run) {
    initOwner(owner);
    setTitle("Update " + form.endpoint());
    setHeaderText("Update " + form.endpoint() + " (" + form.kind() + ") in place");
    setResizable(true);
    ComboBox<String> instance = new ComboBox<>();
    instance.getItems().setAll(DeployViewModel.INSTANCE_TYPES);
    instance.setEditable(true);
    instance.setId("update-instance");
    // the editor's text, not the value: the value commits only on Enter, the diff must follow each keystroke
    instance.getEditor().textProperty().bindBidirectional(form.instanceTypeProperty());
    instance.setMaxWidth(Double.MAX_VALUE);
    TextField instances = number("update-instances", form.instancesProperty(), "");
    TextField min = number("update-min", form.minInstancesProperty(), "none");
    TextField max = number("update-max", form.maxInstancesProperty(), "none");
    TextField idle = number("update-idle", form.idleMinutesProperty(), "none");
    ToggleSwitch capture = new ToggleSwitch("Data capture (stores sampled requests and responses in S3)");
    capture.setId("update-capture");
    capture.selectedProperty().bindBidirectional(form.dataCaptureProperty());
    TextField percent = number("update-capture-percent", form.capturePercentProperty(), "");
    percent.disableProperty().bind(form.dataCaptureProperty().not());

    GridPane grid = new GridPane();
    grid.setHgap(10);
    grid.setVgap(8);
    int row = 0;
    if (form.instancesApply()) {
      grid.addRow(row++, DeployDialog.mnemonic("_Instance type", instance), instance);
      grid.addRow(row++, DeployDialog.mnemonic("Instance _count", instances), instances);
      grid.addRow(row++, DeployDialog.mnemonic("M_in instances", min), min);
      grid.addRow(row++, DeployDialog.mnemonic("Ma_x instances", max), max);
      if (form.idleApplies()) {
        grid.addRow(row++, DeployDialog.mnemonic("Idle minutes before scale-in", idle), idle);
      }
    }
    grid.add(capture, 0, row++, 2, 1);
    grid.addRow(row, DeployDialog.mnemonic("Capture _percent", percent), percent);

    Label changesTitle = new Label("Changes");
    changesTitle.getStyleClass().add(Styles.TEXT_BOLD);
    Label changes = new Label();
    changes.setId("update-changes");
    changes.setWrapText(true);
    changes.textProperty().bind(Bindings.createStringBinding(() -> form.changes().isEmpty() ? "No changes yet."
        : String.join("\n", form.changes()), form.changes()));
    Label problems = new Label();
    problems.setId("update-problems");
    problems.getStyleClass().add("problem");
    problems.setWrapText(true);
    problems.textProperty().bind(Bindings.createStringBinding(() -> String.join("\n", form.problems()),
        form.problems()));
    problems.visibleProperty().bind(Bindings.isNotEmpty(form.problems()));
    problems.managedProperty().bind(problems.visibleProperty());
    Label note = new Label("The endpoint keeps serving on its current config until the new one is InService; "
        + "if SageMaker rolls the update back, the current config goes on serving.");
    note.getStyleClass().add(Styles.TEXT_MUTED);
    note.setWrapText(true);

    // wrapped lines take the height they need (a label would rather cut its last line with "..."), and the window
    // grows with the diff so Apply stays on screen
    for (Label l : new Label[] {changes, problems, note}) {
      l.setMinHeight(Region.USE_PREF_SIZE);
    }
    javafx.collections.ListChangeListener<String> resize = c -> {
      if (getDialogPane().getScene() != null && getDialogPane().getScene().getWindow() != null) {
        getDialogPane().getScene().getWindow().sizeToScene();
      }
    };
    form.changes().addListener(resize);
    form.problems().addListener(resize);
    VBox content = new VBox(10, grid, changesTitle, changes, problems, note);
    content.setPadding(new Insets(10));
    content.setPrefWidth(520);
    getDialogPane().setContent(content);
    getDialogPane().getButtonTypes().setAll(APPLY, ButtonType.CANCEL);
    Button apply = (Button) getDialogPane().lookupButton(APPLY);
    apply.setId("update-apply");
    apply.disableProperty().bind(form.canApplyProperty().not().or(run.runningProperty()));
    apply.addEventFilter(ActionEvent.ACTION, e -> run.apply(form));
    getDialogPane().getStylesheets().add(ConsoleView.STYLESHEET);
  }

  private static TextField number(String id, javafx.beans.property.StringProperty value, String prompt) {
    TextField f = new TextField();
    f.setId(id);
    f.setPrefColumnCount(8);
    f.setPromptText(prompt);
    f.textProperty().bindBidirectional(value);
    return f;
  }
}
