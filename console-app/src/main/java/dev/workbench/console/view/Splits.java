package dev.workbench.console.view;

import dev.workbench.console.viewmodel.ConsoleSettings;
import javafx.scene.control.SplitPane;
import javafx.scene.input.MouseEvent;

/**
 * Split panes whose divider stays where the user put it (or at its default share). A window opening under a
 * window manager is laid out at passing sizes first (GTK reports 200x200, then the minimum), where the split
 * pane moves its divider to fit its panes' minimum sizes and keeps it there: so the intended position is put
 * back at every resize, and only a drag of the divider changes it.
 */
final class Splits {
  private Splits() {
  }

  static void remember(SplitPane split, String name, double fallback, ConsoleSettings settings) {
    double[] intended = {settings.divider(name, fallback)};
    split.setDividerPositions(intended[0]);
    Runnable restore = () -> {
      if (!split.getDividers().isEmpty()) {
        split.setDividerPositions(intended[0]);
      }
    };
    split.heightProperty().addListener((o, was, now) -> restore.run());
    split.widthProperty().addListener((o, was, now) -> restore.run());
    split.getItems().addListener((javafx.collections.ListChangeListener<javafx.scene.Node>) c -> restore.run());
    split.addEventFilter(MouseEvent.MOUSE_RELEASED, e -> {
      if (!split.getDividers().isEmpty()) {
        double now = split.getDividers().get(0).getPosition();
        if (Math.abs(now - intended[0]) > 1e-3) {
          intended[0] = now;
          settings.saveDivider(name, now);
        }
      }
    });
  }
}
