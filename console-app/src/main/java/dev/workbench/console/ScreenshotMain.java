package dev.workbench.console;

import javafx.application.Application;

/**
 * {@code mvn -pl console-app exec:java@screenshots} (or {@code ./workbench console --screenshots DIR}):
 * opens the console on a fresh embedded local cloud, drives the tour, writes the PNGs and exits.
 */
public final class ScreenshotMain {
  static volatile boolean failed;

  private ScreenshotMain() {
  }

  public static void main(String[] args) {
    String dir = args.length > 0 ? args[0] : "screenshots";
    Application.launch(ConsoleFxApp.class, "--screenshots", dir);
    // the local cloud's threads must not keep the JVM (or exec:java's Maven) alive
    System.exit(failed ? 1 : 0);
  }
}
