package dev.workbench.console.view;

import dev.workbench.console.viewmodel.ConsoleViewModel;
import dev.workbench.console.viewmodel.DeployViewModel;
import dev.workbench.console.viewmodel.ConnectionViewModel;
import dev.workbench.console.viewmodel.LogEntry;
import dev.workbench.console.viewmodel.RunGuard;
import javafx.stage.Stage;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import java.util.Objects;
import javafx.geometry.Orientation;
import javafx.scene.Scene;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Separator;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.nio.file.Path;
import javafx.scene.control.Dialog;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
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
  private final SplitPane split = new SplitPane();
  private final FileDialogs dialogs;
  private final InferenceView inference;
  private final Tab endpointsTab;
  private final Tab inferenceTab;
  private final Tab jobsTab;
  private final Tab metricsTab;
  private final Tab evaluationTab;
  private final Tab logsTab;
  private final RunPrompt prompt;

  public ConsoleView(ConsoleViewModel vm) {
    this(vm, FileDialogs.system());
  }

  public ConsoleView(ConsoleViewModel vm, FileDialogs dialogs) {
    this.vm = vm;
    // on the scene, not this node: popups (notifications) take their owner scene's stylesheets
    this.dialogs = dialogs;
    sceneProperty().addListener((o, was, scene) -> {
      if (scene != null && !scene.getStylesheets().contains(STYLESHEET)) {
        scene.getStylesheets().add(STYLESHEET);
      }
      if (scene != null) {
        shortcuts(scene);
      }
    });
    // before anything drops the CSV run (a close, another connection, a new file, a run again), ask
    prompt = new RunPrompt(() -> getScene().getWindow(), new RunGuard(vm.inference()),
        () -> SaveTarget.choose(getScene().getWindow(), vm.inference(), vm.settings(), dialogs));
    setTop(new ConnectionBar(vm.connection(), this::connect));
    endpointsTab = tab("Endpoints", new EndpointsView(vm.endpoints(), vm.detail(), this::openDeploy,
        () -> showTab("Logs"), () -> showTab("Metrics & capture")));
    inference = new InferenceView(vm.inference(), vm.endpoints().names(), vm.settings(), this::openCsv, dialogs,
        prompt);
    inferenceTab = tab("CSV inference", inference);
    jobsTab = tab("In-flight S3 jobs", new JobsView(vm.jobs()));
    MetricsView metrics = new MetricsView(vm.metrics(), vm.endpoints().names());
    metricsTab = tab("Metrics & capture", metrics);
    CapturesView evaluation = new CapturesView(vm.captures(), vm.endpoints().names(), dialogs, vm.settings());
    evaluationTab = tab("Evaluation", evaluation);
    EndpointLogsView logs = new EndpointLogsView(vm.logs(), vm.endpoints().names());
    logsTab = tab("Logs", logs);
    // the log is read when one comes to the tab (and again on each visit: it may have grown); a live tail stops
    // when one leaves, so it does not keep reading CloudWatch behind the user's back
    logsTab.selectedProperty().addListener((o, was, now) -> {
      if (now) {
        vm.logs().reload();
      } else {
        vm.logs().stop();
        vm.logs().liveProperty().set(false);
      }
    });
    // a capture written elsewhere (workbench infer --capture) shows up when one comes back to the tab
    evaluationTab.selectedProperty().addListener((o, was, now) -> {
      if (now) {
        vm.captures().refresh();
      }
    });
    // both pickers show type and scale state beside each name
    for (Node picker : List.of(inference.lookup("#run-endpoint"), metrics.lookup("#metrics-endpoint"),
        evaluation.lookup("#captures-endpoint"), logs.lookup("#logs-endpoint"))) {
      @SuppressWarnings("unchecked")
      ComboBox<String> box = (ComboBox<String>) picker;
      EndpointPicker.decorate(box, vm.endpoints());
    }
    // Alt+letter, unique within what is on screen at once (a tab's content and the bars around it)
    Mnemonics.mark(inference, "#open-csv", 'O');
    Mnemonics.mark(inference, "#run", 'R');
    Mnemonics.mark(inference, "#cancel-run", 'C');
    Mnemonics.mark(inference, "#retry-failed", 't');
    Mnemonics.mark(inference, "#save-results", 'S');
    Mnemonics.mark(metrics, "#load-capture", 'L');
    tabs.getTabs().addAll(endpointsTab, inferenceTab, jobsTab, metricsTab, evaluationTab, logsTab);
    tabs.setId("screens");
    // the log takes a modest share (a fifth unless the user moved the divider)
    LogView log = new LogView(vm.log());
    split.getItems().setAll(tabs, log);
    split.setId("log-split");
    split.setOrientation(Orientation.VERTICAL);
    Splits.remember(split, "log", 0.8, vm.settings());
    setCenter(split);
    ToggleButton showLog = new ToggleButton("Log");
    showLog.setId("toggle-log");
    showLog.setTooltip(new Tooltip("Show or hide the log pane"));
    showLog.setSelected(vm.settings().logVisible());
    showLog.selectedProperty().addListener((o, was, shown) -> showLog(log, shown));
    showLog(log, showLog.isSelected());
    ToggleButton dark = new ToggleButton("Dark theme");
    dark.setId("toggle-theme");
    Mnemonics.mark(showLog, 'g');
    Mnemonics.mark(dark, 'k');
    dark.selectedProperty().bindBidirectional(vm.darkThemeProperty());
    StatusBar status = new StatusBar();
    status.setId("status-bar");
    status.textProperty().bind(vm.connection().currentProperty());
    // on the left: error notifications pop up over the bottom right corner for a few seconds
    status.getLeftItems().addAll(showLog, dark, new Separator(Orientation.VERTICAL));
    setBottom(status);
    vm.log().lastErrorProperty().addListener((o, a, error) -> {
      if (error != null) {
        notifyError(error);
      }
    });
    DropTarget.install(this, this::openCsv, vm.log());
    // live: lists, batches and metrics refresh each second while connected
    vm.executor().repeat(Duration.ofSeconds(1), () -> {
      if (!vm.connection().connectedProperty().get()) {
        return;
      }
      vm.endpoints().refresh();
      vm.endpoints().checkHealthIfDue();
      vm.jobs().refresh();
      if (endpointsTab.isSelected()) {
        vm.detail().refreshIfStale();
      }
      if (metricsTab.isSelected()) {
        vm.metrics().refreshIfDue();
      }
    });
  }

  private void showTab(String title) {
    tabs.getTabs().stream().filter(t -> t.getText().equals(title)).findFirst()
        .ifPresent(t -> tabs.getSelectionModel().select(t));
  }

  /** Hides the log by taking it out of the split (a collapsed pane would keep its divider); shows it where it was. */
  private void showLog(LogView log, boolean shown) {
    vm.settings().logVisible(shown);
    if (shown && !split.getItems().contains(log)) {
      split.getItems().add(log); // the split puts its divider back where it was
    } else if (!shown) {
      split.getItems().remove(log);
    }
  }

  /**
   * Ctrl+O open a CSV, Ctrl+R run, F5 refresh (Delete is the endpoints table's own). A filter, not scene
   * accelerators: lists and tables consume shortcut keys they have no use for before an accelerator sees them.
   */
  private void shortcuts(Scene scene) {
    if (scene.getProperties().putIfAbsent(ConsoleView.class, Boolean.TRUE) != null) {
      return;
    }
    Map<KeyCombination, Runnable> keys = new LinkedHashMap<>();
    keys.put(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN), () -> {
      Path f = dialogs.openCsv(scene.getWindow(), vm.settings().lastFolder());
      if (f != null) {
        openCsv(f);
      }
    });
    keys.put(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN), () -> {
      tabs.getSelectionModel().select(inferenceTab);
      prompt.ask(InferenceView.RUN_AGAIN, vm.inference()::run);
    });
    keys.put(new KeyCodeCombination(KeyCode.F5), () -> {
      vm.endpoints().refresh();
      vm.jobs().refresh();
      vm.detail().refresh();
      if (metricsTab.isSelected()) {
        vm.metrics().refresh();
      }
    });
    // Ctrl+Tab / Ctrl+Shift+Tab cycle the screens wherever the focus is, as in a browser
    keys.put(new KeyCodeCombination(KeyCode.TAB, KeyCombination.SHORTCUT_DOWN), () -> cycleTabs(1));
    keys.put(new KeyCodeCombination(KeyCode.TAB, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
        () -> cycleTabs(-1));
    scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> keys.entrySet().stream().filter(k -> k.getKey().match(e))
        .findFirst().ifPresent(k -> {
          e.consume();
          k.getValue().run();
        }));
  }

  private void cycleTabs(int step) {
    int n = tabs.getTabs().size();
    tabs.getSelectionModel().select((tabs.getSelectionModel().getSelectedIndex() + step + n) % n);
  }

  /**
   * Opens a CSV in the inference screen; the results on screen belong to the previous file, so they go, after a
   * question when they are unsaved or a run is still going.
   */
  public void openCsv(Path file) {
    prompt.ask(new RunGuard.Action("open", "Opening " + file.getFileName()), () -> open(file),
        () -> vm.log().info("kept the results; " + file.getFileName() + " not opened"));
  }

  /**
   * Connect while connected replaces the connection (and restarts the embedded local cloud): asked first, as a
   * question about the run when one is going or its results are unsaved.
   */
  private void connect() {
    ConnectionViewModel c = vm.connection();
    if (!c.connectedProperty().get()) {
      c.connect();
      return;
    }
    boolean embedded = c.embeddedProperty().get();
    if (new RunGuard(vm.inference()).concern() == RunGuard.Concern.NONE) {
      if (embedded) {
        Confirm.ask(getScene().getWindow(), "Restart the embedded local cloud?", "Connecting again stops the "
            + "embedded local cloud in use (" + c.currentProperty().get() + ") and starts the chosen connection.",
            "Reconnect", c::connect, () -> vm.log().info("kept the connection to " + c.currentProperty().get()));
      } else {
        c.connect();
      }
      return;
    }
    prompt.ask(new RunGuard.Action("connect", embedded ? "Connecting again (it restarts the embedded local cloud)"
        : "Connecting again", false), c::connect);
  }

  /**
   * Closing the window while a run is going or its results are unsaved asks first; the window goes once the
   * answer allows it (after the cancel or the save it asked for).
   */
  public void guardClose(Stage stage) {
    RunGuard guard = new RunGuard(vm.inference());
    // the stage's one handler: a view put on a stage that had another replaces that one's question
    stage.setOnCloseRequest(e -> {
      if (guard.concern() != RunGuard.Concern.NONE) {
        e.consume();
        prompt.ask(new RunGuard.Action("close", "Closing the console"), stage::hide);
      }
    });
  }

  private void open(Path file) {
    vm.settings().lastFolder(file.toAbsolutePath().getParent());
    tabs.getSelectionModel().select(inferenceTab);
    vm.inference().open(file);
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
