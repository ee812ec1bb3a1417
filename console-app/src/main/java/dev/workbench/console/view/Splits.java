package dev.workbench.console.view;

import dev.workbench.console.viewmodel.ConsoleSettings;
import javafx.scene.control.SplitPane;

/** Split panes that open where the user left their divider. */
final class Splits {
  private Splits() {
  }

  /** Sets the first divider from the settings (or the default) and saves it as the user moves it. */
  static void remember(SplitPane split, String name, double fallback, ConsoleSettings settings) {
    split.setDividerPositions(settings.divider(name, fallback));
    split.getDividers().addListener((javafx.collections.ListChangeListener<SplitPane.Divider>) c -> watch(split, name,
        settings));
    watch(split, name, settings);
  }

  private static void watch(SplitPane split, String name, ConsoleSettings settings) {
    if (!split.getDividers().isEmpty()) {
      split.getDividers().get(0).positionProperty().addListener((o, was, now) -> {
        // only a pane on screen has a divider the user moved (a fresh one reports its layout value)
        if (split.getScene() != null && split.getHeight() > 0 && split.getWidth() > 0) {
          settings.saveDivider(name, now.doubleValue());
        }
      });
    }
  }
}
