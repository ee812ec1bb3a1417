package dev.workbench.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * The {@code workbench} command line. Errors are one line on stderr with a non-zero exit (stack traces only with
 * {@code --debug}).
 *
 * <pre>{@code
 * int exit = WorkbenchCli.commandLine().execute("endpoints", "--local", "--output", "json");
 * }</pre>
 */
@Command(name = "workbench", mixinStandardHelpOptions = true, version = "workbench 0.1.0",
    description = "SageMaker endpoints (sync, async and serverless) from the command line: on AWS, on a running local "
        + "cloud (--endpoint-url / WORKBENCH_ENDPOINT_URL) or on the embedded local cloud (--local).",
    subcommands = {DemoCommand.class, EndpointsCommand.class, DescribeCommand.class, DeployCommand.class, UpdateCommand.class,
        DeleteCommand.class, ModelsCommand.class, RegisterModelCommand.class, InferCommand.class, CapturesCommand.class,
        JobsCommand.class, MetricsCommand.class, LogsCommand.class, TestCommand.class, HealthCommand.class, PurgeCommand.class,
        LocalCommand.class, RunCommand.class, ShellCommand.class},
    footerHeading = "%nExamples:%n",
    footer = {"  workbench demo                  the whole tour on the embedded local cloud",
        "  workbench local --port 4566     run the local cloud as a server",
        "  export WORKBENCH_ENDPOINT_URL=http://127.0.0.1:4566",
        "  workbench endpoints",
        "  workbench infer smiles-descriptors --input examples/molecules.csv \\",
        "                  --output out.csv",
        "  workbench update smiles-descriptors --instances 2 --capture on",
        "  workbench logs smiles-descriptors --since 15m --filter ERROR --follow",
        "  workbench test smiles-descriptors --rows 5",
        "  workbench health",
        "  workbench endpoints --profile ml-dev --region us-west-2      (on AWS)",
        "Connection flags on every command: --local | --endpoint-url URL | --profile P",
        "--region R, and --data-dir D."})
public final class WorkbenchCli implements Runnable {
  @Spec
  CommandSpec spec;

  public static void main(String[] args) {
    // Quiet logging unless the user chose a configuration; `workbench local` keeps the server's INFO log.
    if (System.getProperty("logback.configurationFile") == null && !(args.length > 0 && args[0].equals("local"))) {
      System.setProperty("logback.configurationFile", "workbench-cli-logback.xml");
    }
    System.exit(commandLine().execute(args));
  }

  /** The configured command line (error handling included); tests call {@code execute} on it. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new WorkbenchCli());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      PrintWriter err = commandLine.getErr();
      if (debug(parseResult)) {
        e.printStackTrace(err);
      }
      err.println("workbench " + commandLine.getCommandName() + ": " + Errors.oneLine(e));
      err.flush();
      return ExitCodes.ERROR;
    });
    cl.setParameterExceptionHandler((e, args) -> {
      PrintWriter err = e.getCommandLine().getErr();
      err.println("workbench " + e.getCommandLine().getCommandName() + ": " + Errors.oneLine(e));
      err.println("see: workbench " + (e.getCommandLine().getParent() == null ? "" : e.getCommandLine().getCommandName() + " ")
          + "--help");
      err.flush();
      return ExitCodes.USAGE;
    });
    return cl;
  }

  private static boolean debug(ParseResult result) {
    for (ParseResult r = result; r != null; r = r.subcommand()) {
      if (r.hasMatchedOption("--debug")) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
