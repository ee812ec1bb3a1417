package dev.workbench.console.view;

import dev.workbench.console.viewmodel.ConsoleSettings;
import dev.workbench.console.viewmodel.WindowBounds;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;

/**
 * Puts the window where the user left it, or at a sensible size on first start, and remembers where it is.
 * Size and place are set on the stage itself: a window manager asked for a window without them may open it at
 * whatever it likes (openbox: the scene's preferred size, or smaller).
 */
public final class WindowPlacement {
  private WindowPlacement() {
  }

  public static void apply(Stage stage, ConsoleSettings settings) {
    WindowBounds saved = settings.window();
    Screen screen = Screen.getPrimary();
    if (saved != null) {
      // the screen the window was on, if it is still there
      screen = Screen.getScreensForRectangle(saved.x(), saved.y(), saved.width(), saved.height()).stream().findFirst()
          .orElse(screen);
    }
    WindowBounds area = bounds(screen.getVisualBounds());
    WindowBounds min = WindowBounds.minimum(area);
    WindowBounds at = WindowBounds.place(area, saved);
    // Under a window manager GTK reports the new window at 200x200 first, and a minimum size set before the
    // window is up turns that into the window's size (openbox opened it at 900x600): the minimum comes once it is
    // shown, after the size once more.
    stage.addEventHandler(WindowEvent.WINDOW_SHOWN, e -> {
      if (!stage.isMaximized()) {
        stage.setWidth(at.width());
        stage.setHeight(at.height());
        stage.setX(at.x());
        stage.setY(at.y());
      }
      stage.setMinWidth(min.width());
      stage.setMinHeight(min.height());
    });
    stage.setX(at.x());
    stage.setY(at.y());
    stage.setWidth(at.width());
    stage.setHeight(at.height());
    stage.setMaximized(settings.maximized());
    // remembered while it moves (not when maximized: the size to restore to is the one to keep)
    Runnable remember = () -> {
      if (!stage.isMaximized() && !stage.isIconified() && stage.isShowing()) {
        settings.window(new WindowBounds(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight()));
      }
    };
    stage.xProperty().addListener((o, a, b) -> remember.run());
    stage.yProperty().addListener((o, a, b) -> remember.run());
    stage.widthProperty().addListener((o, a, b) -> remember.run());
    stage.heightProperty().addListener((o, a, b) -> remember.run());
    stage.maximizedProperty().addListener((o, a, max) -> settings.maximized(max));
  }

  private static WindowBounds bounds(Rectangle2D r) {
    return new WindowBounds(r.getMinX(), r.getMinY(), r.getWidth(), r.getHeight());
  }
}
