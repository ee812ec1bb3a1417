package dev.workbench.cli;

import dev.workbench.dsl.Workbench;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that opens a connection from the connection flags, does its work and closes it. */
abstract class ConnectedCommand implements Callable<Integer> {
  @Mixin
  ConnectionOptions connection = new ConnectionOptions();

  @Spec
  CommandSpec spec;

  @Override
  public final Integer call() {
    before();
    try (Workbench wb = connection.open()) {
      return run(wb);
    }
  }

  /** Checks that need no connection (input files, option values); throws CliException. */
  void before() {}

  abstract int run(Workbench wb);

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }
}
