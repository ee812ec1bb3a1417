package dev.workbench.console;

import javafx.application.Application;

/**
 * Entry point ({@code ./workbench console}; {@code mvn -pl console-app javafx:run} reaches it through
 * {@link ExtraJarsLauncher}). Not itself an
 * Application subclass, so it starts from a plain classpath too.
 */
public final class ConsoleApp {
  private ConsoleApp() {
  }

  public static void main(String[] args) {
    java.util.List<String> options = java.util.List.of(args);
    if (options.contains("--help") || options.contains("-h")) {
      System.out.print(ConsoleOptions.USAGE);
      return;
    }
    try {
      ConsoleOptions.parse(options); // fail fast on a bad option, before a window opens
    } catch (IllegalArgumentException e) {
      System.err.println("workbench console: " + e.getMessage());
      System.exit(2);
    }
    Application.launch(ConsoleFxApp.class, args);
    // the window is closed and the cloud connection with it: no worker left behind may keep the JVM up; a
    // screenshot tour that failed says so in the exit code, so scripts and CI can tell
    System.exit(ScreenshotMain.failed ? 1 : 0);
  }
}
