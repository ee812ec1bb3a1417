package dev.workbench.console.view;

import dev.workbench.console.viewmodel.ConsoleViewModel;
import dev.workbench.console.viewmodel.DeployViewModel;
import dev.workbench.console.viewmodel.LogEntry;
import java.io.File;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import javafx.geometry.Orientation;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import org.controlsfx.control.Notifications;
import org.controlsfx.control.StatusBar;
import org.controlsfx.control.action.Action;

/**
 * The console window's content: connection bar, the screens in tabs, the log pane and a status bar showing
 * the connection. A CSV file dropped anywhere on it opens in the inference screen.
 */
public final class ConsoleView extends BorderPane {
  public static final String STYLESHEET =
      Objects.requireNonNull(ConsoleView.class.getResource("/dev/workbench/console/console.css")).toExternalForm();

  private final ConsoleViewModel vm;
  private final TabPane tabs = new TabPane();
  private final Tab endpointsTab;
  private final Tab inferenceTab;
  private final Tab jobsTab;
  private final Tab metricsTab;

  public ConsoleView(ConsoleViewModel vm) {
    this(vm, FileDialogs.system());
  }

  public ConsoleView(ConsoleViewModel vm, FileDialogs dialogs) {
    this.vm = vm;
    // on the scene, not this node: popups (notifications) take their owner scene's stylesheets
    sceneProperty().addListener((o, was, scene) -> {
      if (scene != null && !scene.getStylesheets().contains(STYLESHEET)) {
        scene.getStylesheets().add(STYLESHEET);
      }
    });
    setTop(new ConnectionBar(vm.connection()));
    endpointsTab = tab("Endpoints", new EndpointsView(vm.endpoints(), this::openDeploy));
    inferenceTab = tab("CSV inference", new InferenceView(vm.inference(), vm.endpoints().names(), dialogs));
    jobsTab = tab("In-flight S3 jobs", new JobsView(vm.jobs()));
    metricsTab = tab("Metrics & capture", new MetricsView(vm.metrics(), vm.endpoints().names()));
    tabs.getTabs().addAll(endpointsTab, inferenceTab, jobsTab, metricsTab);
    tabs.setId("screens");
    SplitPane split = new SplitPane(tabs, new LogView(vm.log()));
    split.setOrientation(Orientation.VERTICAL);
    split.setDividerPositions(0.86);
    setCenter(split);
    StatusBar status = new StatusBar();
    status.setId("status-bar");
    status.textProperty().bind(vm.connection().currentProperty());
    setBottom(status);
    vm.log().lastErrorProperty().addListener((o, a, error) -> {
      if (error != null) {
        notifyError(error);
      }
    });
    setOnDragOver(this::dragOver);
    setOnDragDropped(this::dropped);
    // live: lists, batches and metrics refresh each second while connected
    vm.executor().repeat(Duration.ofSeconds(1), () -> {
      if (!vm.connection().connectedProperty().get()) {
        return;
      }
      vm.endpoints().refresh();
      vm.jobs().refresh();
      if (metricsTab.isSelected()) {
        vm.metrics().refresh();
      }
    });
  }

  private static Tab tab(String title, javafx.scene.Node content) {
    Tab t = new Tab(title, content);
    t.setClosable(false);
    return t;
  }

  public void select(String title) {
    tabs.getTabs().stream().filter(t -> t.getText().equals(title)).findFirst()
        .ifPresent(t -> tabs.getSelectionModel().select(t));
  }

  /** Opens the deploy dialog (not modal-blocking: the rest of the window stays live). */
  public Dialog<ButtonType> openDeploy() {
    DeployViewModel deploy = vm.newDeploy();
    DeployDialog dialog = new DeployDialog(getScene().getWindow(), deploy, () -> vm.endpoints().refresh());
    dialog.show();
    return dialog;
  }

  private void dragOver(DragEvent e) {
    if (e.getDragboard().hasFiles() && e.getDragboard().getFiles().stream().anyMatch(ConsoleView::isCsv)) {
      e.acceptTransferModes(TransferMode.COPY);
    }
    e.consume();
  }

  private void dropped(DragEvent e) {
    boolean ok = false;
    if (e.getDragboard().hasFiles()) {
      File csv = e.getDragboard().getFiles().stream().filter(ConsoleView::isCsv).findFirst().orElse(null);
      if (csv != null) {
        tabs.getSelectionModel().select(inferenceTab);
        vm.inference().open(csv.toPath());
        ok = true;
      }
    }
    e.setDropCompleted(ok);
    e.consume();
  }

  private static boolean isCsv(File f) {
    return f.getName().toLowerCase(Locale.ROOT).endsWith(".csv");
  }

  /**
   * The message in lines of about {@code width} characters, at most {@code lines} of them (Details has the rest):
   * a notification as wide as a long exception message would not fit the screen.
   */
  static String wrapped(String message, int width, int lines) {
    StringBuilder out = new StringBuilder();
    int lineStart = 0;
    int count = 1;
    for (String word : message.strip().split("\\s+")) {
      if (out.length() > lineStart && out.length() - lineStart + 1 + word.length() > width) {
        if (count == lines) {
          return out.append(" ...").toString();
        }
        out.append('\n');
        lineStart = out.length();
        count++;
      } else if (out.length() > lineStart) {
        out.append(' ');
      }
      out.append(word.length() > width ? word.substring(0, width - 3) + "..." : word);
    }
    return out.toString();
  }

  private void notifyError(LogEntry error) {
    if (getScene() == null || getScene().getWindow() == null) {
      return;
    }
    Notifications.create()
        .title("Error")
        .text(wrapped(error.message(), 70, 4))
        .owner(getScene().getWindow())
        .hideAfter(javafx.util.Duration.seconds(8))
        .action(new Action("Details", a -> LogView.showDetail(getScene().getWindow(), error)))
        .showError();
  }

  public Tab endpointsTab() { return endpointsTab; }

  public Tab jobsTab() { return jobsTab; }
}
