package dev.workbench.console;

import dev.workbench.console.service.ConsoleServices;
import dev.workbench.console.service.FileSettingsStore;
import dev.workbench.console.service.SettingsStore;
import dev.workbench.console.task.FxTaskExecutor;
import dev.workbench.console.view.ConsoleView;
import dev.workbench.console.view.FileDialogs;
import dev.workbench.console.view.Themes;
import dev.workbench.console.view.WindowPlacement;
import dev.workbench.console.viewmodel.ConsoleSettings;
import dev.workbench.console.viewmodel.ConsoleViewModel;
import java.nio.file.Path;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.jspecify.annotations.Nullable;

/** The JavaFX application: theme once, one window, connect at start. */
public final class ConsoleFxApp extends Application {
  private @Nullable ConsoleWindow window;

  @Override
  public void start(Stage stage) {
    ConsoleOptions options = ConsoleOptions.parse(getParameters().getRaw());
    window = ConsoleWindow.open(stage, options);
    if (options.screenshots() != null) {
      new ScreenshotTour(window, options.screenshots()).start();
    }
    String report = System.getProperty(LayoutReport.PROPERTY);
    if (report != null && !report.isBlank()) {
      new LayoutReport(window, java.nio.file.Path.of(report)).start();
    }
  }

  @Override
  public void stop() {
    if (window != null) {
      window.close();
    }
  }

  /** The window and what it owns; tests open it on their own stage. */
  public record ConsoleWindow(Stage stage, ConsoleView view, ConsoleViewModel viewModel, ConsoleServices services,
      FxTaskExecutor executor) implements AutoCloseable {

    /** The application's window: settings in {@code console.properties} under the data directory. */
    public static ConsoleWindow open(Stage stage, ConsoleOptions options) {
      Path dataDir = options.dataDir() != null ? options.dataDir()
          : Path.of(System.getProperty("user.home"), ".workbench");
      return open(stage, options, ConsoleServices.create(), FileDialogs.system(),
          new FileSettingsStore(dataDir.resolve("console.properties")));
    }

    /** The window over given services and file dialogs, settings in memory (tests: never the user's). */
    public static ConsoleWindow open(Stage stage, ConsoleOptions options, ConsoleServices services,
        FileDialogs dialogs) {
      return open(stage, options, services, dialogs, SettingsStore.inMemory());
    }

    /** The window over given services, file dialogs and settings store. */
    public static ConsoleWindow open(Stage stage, ConsoleOptions options, ConsoleServices services,
        FileDialogs dialogs, SettingsStore store) {
      FxTaskExecutor executor = new FxTaskExecutor(4);
      ConsoleSettings settings = new ConsoleSettings(store);
      ConsoleViewModel vm = new ConsoleViewModel(services, executor, options.fast(), options.dataDir(), settings);
      Themes.follow(vm.darkThemeProperty());
      if (options.kind() != null) {
        vm.connection().kindProperty().set(options.kind());
      }
      if (options.endpointUrl() != null) {
        vm.connection().endpointUrlProperty().set(options.endpointUrl());
      }
      if (options.profile() != null) {
        vm.connection().profileProperty().set(options.profile());
      }
      if (options.region() != null) {
        vm.connection().regionProperty().set(options.region());
      }
      ConsoleView view = new ConsoleView(vm, dialogs);
      stage.setTitle("Workbench console");
      stage.setScene(new Scene(view));
      view.guardClose(stage);
      WindowPlacement.apply(stage, settings);
      stage.show();
      vm.connection().connect();
      return new ConsoleWindow(stage, view, vm, services, executor);
    }

    @Override
    public void close() {
      try {
        viewModel.settings().flush();
      } catch (RuntimeException e) {
        // a read-only home must not keep the console from closing; the next start uses the defaults
        org.slf4j.LoggerFactory.getLogger(ConsoleFxApp.class).warn("console settings not saved: {}", e.getMessage());
      }
      viewModel.logs().stop(); // a live tail reads on its own thread until closed
      executor.close();
      services.close();
    }
  }
}
