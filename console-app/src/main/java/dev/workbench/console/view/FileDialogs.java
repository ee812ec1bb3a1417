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
  /** @param folder where the dialog opens (the last folder used), or null for the platform's default */
  @Nullable Path openCsv(Window owner, @Nullable Path folder);

  @Nullable Path saveCsv(Window owner, @Nullable Path folder, String suggestedName);

  /** Where to write a picture (a plot exported as PNG). */
  @Nullable Path savePng(Window owner, @Nullable Path folder, String suggestedName);

  /** The platform's file chooser, filtered to CSV files. */
  static FileDialogs system() {
    return new FileDialogs() {
      @Override
      public @Nullable Path openCsv(Window owner, @Nullable Path folder) {
        return path(chooser("Open a CSV file to run", folder).showOpenDialog(owner));
      }

      @Override
      public @Nullable Path saveCsv(Window owner, @Nullable Path folder, String suggestedName) {
        FileChooser chooser = chooser("Save the results as CSV", folder);
        chooser.setInitialFileName(suggestedName);
        return path(chooser.showSaveDialog(owner));
      }

      @Override
      public @Nullable Path savePng(Window owner, @Nullable Path folder, String suggestedName) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the plot as PNG");
        if (folder != null && folder.toFile().isDirectory()) {
          chooser.setInitialDirectory(folder.toFile());
        }
        chooser.setInitialFileName(suggestedName);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG images", "*.png"));
        return path(chooser.showSaveDialog(owner));
      }

      private FileChooser chooser(String title, @Nullable Path folder) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        if (folder != null && folder.toFile().isDirectory()) {
          chooser.setInitialDirectory(folder.toFile());
        }
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV files", "*.csv"));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("All files", "*"));
        return chooser;
      }

      private @Nullable Path path(@Nullable File f) {
        return f == null ? null : f.toPath();
      }
    };
  }
}
