package dev.workbench.console.view;

import dev.workbench.console.viewmodel.ConsoleSettings;
import dev.workbench.console.viewmodel.InferenceViewModel;
import java.nio.file.Path;
import javafx.stage.Window;
import org.jspecify.annotations.Nullable;

/** The save dialog for results: {@code <input>-results.csv} next to the input of the run they belong to. */
final class SaveTarget {
  private SaveTarget() {
  }

  /** The file the user picked (its folder remembered), or null for Cancel. */
  static @Nullable Path choose(Window owner, InferenceViewModel vm, ConsoleSettings settings, FileDialogs dialogs) {
    Path suggested = vm.suggestedSaveFile();
    Path folder = suggested != null ? suggested.toAbsolutePath().getParent() : settings.lastFolder();
    Path f = dialogs.saveCsv(owner, folder, suggested != null ? suggested.getFileName().toString() : "results.csv");
    if (f != null) {
      settings.lastFolder(f.toAbsolutePath().getParent());
    }
    return f;
  }
}
