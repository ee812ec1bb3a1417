package dev.workbench.console.view;

import java.io.File;
import java.nio.file.Path;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.jspecify.annotations.Nullable;

/**
 * Where the user picks files: the system's file chooser, or (in tests, where no native dialog can be driven)
 * anything that answers a path. Null means the user cancelled.
 */
public interface FileDialogs {
  @Nullable Path openCsv(Window owner);

  @Nullable Path saveCsv(Window owner, String suggestedName);

  /** The platform's file chooser, filtered to CSV files. */
  static FileDialogs system() {
    return new FileDialogs() {
      @Override
      public @Nullable Path openCsv(Window owner) {
        return path(chooser().showOpenDialog(owner));
      }

      @Override
      public @Nullable Path saveCsv(Window owner, String suggestedName) {
        FileChooser chooser = chooser();
        chooser.setInitialFileName(suggestedName);
        return path(chooser.showSaveDialog(owner));
      }

      private FileChooser chooser() {
        FileChooser chooser = new FileChooser();
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV files", "*.csv"));
        return chooser;
      }

      private @Nullable Path path(@Nullable File f) {
        return f == null ? null : f.toPath();
      }
    };
  }
}
