package dev.workbench.console.view;

import dev.workbench.console.viewmodel.DeployViewModel;
import javafx.beans.binding.Bindings;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.controlsfx.control.ToggleSwitch;

/** Deploy a model: form, async toggle revealing the async settings, validation, progress until InService. */
final class DeployDialog extends Dialog<ButtonType> {
  static final ButtonType DEPLOY = new ButtonType("_Deploy", ButtonBar.ButtonData.OK_DONE);

  DeployDialog(Window owner, DeployViewModel vm, Runnable onDeployed) {
    initOwner(owner);
    setTitle("Deploy a model");
    setHeaderText("Deploy a model to a new endpoint");
    setResizable(true);
    ComboBox<String> model = new ComboBox<>(vm.models());
    model.setId("deploy-model");
    model.valueProperty().bindBidirectional(vm.modelProperty());
    model.setMaxWidth(Double.MAX_VALUE);
    TextField name = new TextField();
    name.setId("deploy-name");
    name.textProperty().bindBidirectional(vm.endpointNameProperty());
    ComboBox<String> instance = new ComboBox<>();
    instance.getItems().setAll(DeployViewModel.INSTANCE_TYPES);
    instance.setEditable(true);
    instance.setId("deploy-instance");
    instance.valueProperty().bindBidirectional(vm.instanceTypeProperty());
    instance.setMaxWidth(Double.MAX_VALUE);
    ToggleSwitch async = new ToggleSwitch("Asynchronous endpoint (S3 round trip, scale to zero)");
    async.setId("deploy-async");
    async.selectedProperty().bindBidirectional(vm.asyncProperty());
    TextField tags = new TextField();
    tags.setId("deploy-tags");
    tags.setPromptText("comma-separated, e.g. team:chem, project:solubility");
    tags.textProperty().bindBidirectional(vm.tagsProperty());

    Label instanceNote = new Label();
    instanceNote.setId("deploy-instance-note");
    instanceNote.getStyleClass().add(atlantafx.base.theme.Styles.TEXT_MUTED);
    instanceNote.setWrapText(true);
    instanceNote.textProperty().bind(vm.instanceNoteProperty());
    instanceNote.visibleProperty().bind(vm.instanceNoteProperty().isNotEmpty());
    instanceNote.managedProperty().bind(instanceNote.visibleProperty());
    ToggleSwitch capture = new ToggleSwitch("Data capture (stores sampled requests and responses in S3)");
    capture.setId("deploy-capture");
    capture.selectedProperty().bindBidirectional(vm.dataCaptureProperty());
    Spinner<Integer> percent = spinner("deploy-capture-percent", 1, 100, vm.capturePercentProperty().get());
    percent.valueProperty().addListener((o, a, b) -> vm.capturePercentProperty().set(b));
    percent.disableProperty().bind(vm.dataCaptureProperty().not());
    Label percentLabel = new Label("Sampling percent");
    percentLabel.setLabelFor(percent);

    GridPane form = grid();
    form.addRow(0, mnemonic("_Model", model), model);
    form.addRow(1, mnemonic("Endpoint _name", name), name);
    form.addRow(2, mnemonic("_Instance type", instance), instance);
    // across both columns: one line, never cut
    form.add(instanceNote, 0, 3, 2, 1);
    form.addRow(4, mnemonic("_Tags", tags), tags);
    form.add(capture, 0, 5, 2, 1);
    form.addRow(6, percentLabel, percent);
    form.add(async, 0, 7, 2, 1);

    GridPane asyncForm = grid();
    asyncForm.setId("async-settings");
    Spinner<Integer> concurrent = spinner("deploy-max-concurrent", 1, 1000, vm.maxConcurrentProperty().get());
    concurrent.valueProperty().addListener((o, a, b) -> vm.maxConcurrentProperty().set(b));
    CheckBox toZero = new CheckBox("Scale to zero when idle");
    toZero.setId("deploy-scale-to-zero");
    toZero.selectedProperty().bindBidirectional(vm.scaleToZeroProperty());
    Spinner<Integer> idle = spinner("deploy-idle-minutes", 1, 1440, vm.idleMinutesProperty().get());
    idle.valueProperty().addListener((o, a, b) -> vm.idleMinutesProperty().set(b));
    Spinner<Integer> maxInstances = spinner("deploy-max-instances", 1, 100, vm.maxInstancesProperty().get());
    maxInstances.valueProperty().addListener((o, a, b) -> vm.maxInstancesProperty().set(b));
    asyncForm.addRow(0, new Label("Max concurrent invocations / instance"), concurrent);
    asyncForm.add(toZero, 0, 1, 2, 1);
    asyncForm.addRow(2, new Label("Idle minutes before scale-in"), idle);
    asyncForm.addRow(3, new Label("Max instances"), maxInstances);
    asyncForm.visibleProperty().bind(vm.asyncProperty());
    asyncForm.managedProperty().bind(asyncForm.visibleProperty());
    // grow / shrink with the async settings so the buttons stay on screen
    vm.asyncProperty().addListener((o, a, b) -> {
      if (getDialogPane().getScene() != null && getDialogPane().getScene().getWindow() != null) {
        getDialogPane().getScene().getWindow().sizeToScene();
      }
    });

    Label problems = new Label();
    problems.setId("deploy-problems");
    problems.getStyleClass().add("problem");
    problems.setWrapText(true);
    problems.textProperty().bind(Bindings.createStringBinding(() -> String.join("\n", vm.problems()), vm.problems()));
    ProgressBar bar = new ProgressBar();
    bar.setMaxWidth(Double.MAX_VALUE);
    bar.visibleProperty().bind(vm.deployingProperty());
    bar.managedProperty().bind(bar.visibleProperty());
    Label progress = new Label();
    progress.setId("deploy-progress");
    progress.setWrapText(true);
    progress.textProperty().bind(vm.progressProperty());

    VBox content = new VBox(10, form, asyncForm, problems, bar, progress);
    content.setPadding(new Insets(10));
    content.setPrefWidth(520);
    getDialogPane().setContent(content);
    getDialogPane().getButtonTypes().setAll(DEPLOY, ButtonType.CLOSE);
    // Esc closes the dialog (Close is its cancel button): a deploy in flight goes on and stays in the log
    Button deploy = (Button) getDialogPane().lookupButton(DEPLOY);
    deploy.setId("deploy-submit");
    deploy.disableProperty().bind(vm.canDeployProperty().not());
    // keep the dialog open while deploying: the progress shows here until InService
    deploy.addEventFilter(ActionEvent.ACTION, e -> {
      e.consume();
      vm.deploy(onDeployed);
    });
    getDialogPane().getStylesheets().add(ConsoleView.STYLESHEET);
    vm.loadModels();
  }

  /** A form label whose Alt+letter focuses its field. */
  static Label mnemonic(String text, javafx.scene.Node field) {
    Label l = new Label(text);
    l.setMnemonicParsing(true);
    l.setLabelFor(field);
    return l;
  }

  private static GridPane grid() {
    GridPane g = new GridPane();
    g.setHgap(10);
    g.setVgap(8);
    return g;
  }

  private static Spinner<Integer> spinner(String id, int min, int max, int value) {
    Spinner<Integer> s = new Spinner<>(min, max, value);
    s.setId(id);
    s.setEditable(true);
    s.setPrefWidth(110);
    return s;
  }
}
