package dev.workbench.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Runs the command line in-process with captured stdout/stderr, connected to a local cloud by --endpoint-url. */
final class Cli {
  record Result(int exit, String out, String err) {}

  private final URI endpoint;
  private final Path dataDir;

  Cli(URI endpoint, Path dataDir) {
    this.endpoint = endpoint;
    this.dataDir = dataDir;
  }

  /** The command with the connection flags appended. */
  Result run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--endpoint-url=" + endpoint);
    all.add("--data-dir=" + dataDir);
    return raw(all.toArray(String[]::new));
  }

  /** The command with the connection flags, its stdout going to {@code out} as it is written (for long-running commands). */
  int run(StringWriter out, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--endpoint-url=" + endpoint);
    all.add("--data-dir=" + dataDir);
    CommandLine cl = WorkbenchCli.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(new StringWriter(), true));
    return cl.execute(all.toArray(String[]::new));
  }

  /** The command exactly as given. */
  static Result raw(String... args) {
    CommandLine cl = WorkbenchCli.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute(args);
    return new Result(exit, out.toString(), err.toString());
  }
}
