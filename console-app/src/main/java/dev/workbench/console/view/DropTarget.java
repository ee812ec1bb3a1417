package dev.workbench.console.view;

import dev.workbench.console.viewmodel.LogViewModel;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;

/**
 * The window as a drop target for CSV files: outlined while files are dragged over it (in the accent colour for
 * a CSV, the danger colour for anything else), a CSV opens, any other file is refused with a message saying why.
 * Other files are accepted for the drag on purpose: a drop the window never sees could not say why it did nothing.
 */
final class DropTarget {
  static final String ACCEPT = "drop-target";
  static final String REFUSE = "drop-refused";

  private DropTarget() {
  }

  static void install(Node target, Consumer<Path> open, LogViewModel log) {
    target.addEventHandler(DragEvent.DRAG_OVER, e -> {
      if (e.getDragboard().hasFiles()) {
        e.acceptTransferModes(TransferMode.COPY);
        highlight(target, csv(e.getDragboard().getFiles()) != null ? ACCEPT : REFUSE);
        e.consume();
      }
    });
    target.addEventHandler(DragEvent.DRAG_EXITED, e -> highlight(target, null));
    target.addEventHandler(DragEvent.DRAG_DROPPED, e -> {
      highlight(target, null);
      if (!e.getDragboard().hasFiles()) {
        return;
      }
      List<File> files = e.getDragboard().getFiles();
      File csv = csv(files);
      e.setDropCompleted(csv != null);
      e.consume();
      if (csv != null) {
        open.accept(csv.toPath());
      } else if (!files.isEmpty()) {
        String name = files.get(0).getName();
        log.error("opening " + name, new IllegalArgumentException(name + " is not a CSV file: drop a file whose "
            + "name ends in .csv (the console reads CSV with a header row)"));
      }
    });
  }

  private static void highlight(Node target, @org.jspecify.annotations.Nullable String style) {
    target.getStyleClass().removeAll(ACCEPT, REFUSE);
    if (style != null) {
      target.getStyleClass().add(style);
    }
  }

  private static @org.jspecify.annotations.Nullable File csv(List<File> files) {
    return files.stream().filter(f -> f.getName().toLowerCase(Locale.ROOT).endsWith(".csv")).findFirst()
        .orElse(null);
  }
}
