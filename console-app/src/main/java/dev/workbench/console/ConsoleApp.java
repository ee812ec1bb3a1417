package dev.workbench.console;

import javafx.application.Application;

/**
 * Entry point ({@code ./workbench console}, {@code mvn -pl console-app javafx:run}). Not itself an
 * Application subclass, so it starts from a plain classpath too.
 */
public final class ConsoleApp {
  private ConsoleApp() {
  }

  public static void main(String[] args) {
    ConsoleOptions.parse(java.util.List.of(args)); // fail fast on a bad option, before a window opens
    Application.launch(ConsoleFxApp.class, args);
  }
}
