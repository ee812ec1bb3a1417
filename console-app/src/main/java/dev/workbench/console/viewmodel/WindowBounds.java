package dev.workbench.console.viewmodel;

import org.jspecify.annotations.Nullable;

/** A window's place and size in screen coordinates, and where the console puts its window at start. */
public record WindowBounds(double x, double y, double width, double height) {
  /** The size the window opens at when the screen has room for it (and never shrinks below, if it can). */
  public static final double PREFERRED_MIN_WIDTH = 1100;
  public static final double PREFERRED_MIN_HEIGHT = 720;
  /** Below this the screens' tool bars no longer fit. */
  public static final double MIN_WIDTH = 900;
  public static final double MIN_HEIGHT = 600;

  /**
   * The window's bounds on a screen with the given usable area: the saved bounds when they still fit a screen
   * (the user's choice), else 80% of the screen, at least 1100x720 when the screen allows, centred.
   */
  public static WindowBounds place(WindowBounds screen, @Nullable WindowBounds saved) {
    if (saved != null && screen.holds(saved)) {
      return saved;
    }
    double w = Math.min(screen.width, Math.max(PREFERRED_MIN_WIDTH, Math.round(screen.width * 0.8)));
    double h = Math.min(screen.height, Math.max(PREFERRED_MIN_HEIGHT, Math.round(screen.height * 0.8)));
    return new WindowBounds(screen.x + Math.floor((screen.width - w) / 2), screen.y + Math.floor((screen.height - h) / 2),
        w, h);
  }

  /** The minimum size, never more than the screen: on a small screen the window must still fit. */
  public static WindowBounds minimum(WindowBounds screen) {
    return new WindowBounds(0, 0, Math.min(MIN_WIDTH, screen.width), Math.min(MIN_HEIGHT, screen.height));
  }

  /** True when the other bounds lie on this area with their title bar reachable and are not larger than it. */
  boolean holds(WindowBounds other) {
    return other.width >= Math.min(MIN_WIDTH, width) && other.height >= Math.min(MIN_HEIGHT, height)
        && other.width <= width && other.height <= height
        && other.x >= x - 50 && other.y >= y - 50 && other.x + other.width <= x + width + 50
        && other.y + other.height <= y + height + 50;
  }

  String text() {
    return (long) x + "," + (long) y + "," + (long) width + "," + (long) height;
  }

  static @Nullable WindowBounds parse(@Nullable String text) {
    if (text == null) {
      return null;
    }
    String[] parts = text.split(",");
    if (parts.length != 4) {
      return null;
    }
    try {
      return new WindowBounds(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]),
          Double.parseDouble(parts[2]), Double.parseDouble(parts[3]));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
