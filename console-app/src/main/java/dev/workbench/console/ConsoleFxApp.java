package dev.workbench.console;

import atlantafx.base.theme.PrimerLight;
import dev.workbench.console.service.ConsoleServices;
import dev.workbench.console.task.FxTaskExecutor;
import dev.workbench.console.view.ConsoleView;
import dev.workbench.console.view.FileDialogs;
import dev.workbench.console.viewmodel.ConsoleViewModel;
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
  }

  @Override
  public void stop() {
    if (window != null) {
      window.close();
    }
  }

  /** The window and what it owns; tests open it on their own stage. */
  public record ConsoleWindow(ConsoleView view, ConsoleViewModel viewModel, ConsoleServices services,
      FxTaskExecutor executor) implements AutoCloseable {

    public static ConsoleWindow open(Stage stage, ConsoleOptions options) {
      return open(stage, options, ConsoleServices.create(), FileDialogs.system());
    }

    /** The window over given services and file dialogs (tests: a chosen environment, scripted file choices). */
    public static ConsoleWindow open(Stage stage, ConsoleOptions options, ConsoleServices services,
        FileDialogs dialogs) {
      Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
      FxTaskExecutor executor = new FxTaskExecutor(4);
      ConsoleViewModel vm = new ConsoleViewModel(services, executor, options.fast(), options.dataDir());
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
      stage.setScene(new Scene(view, 1280, 860));
      stage.show();
      vm.connection().connect();
      return new ConsoleWindow(view, vm, services, executor);
    }

    @Override
    public void close() {
      executor.close();
      services.close();
    }
  }
}
