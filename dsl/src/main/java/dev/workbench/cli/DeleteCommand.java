package dev.workbench.cli;

import dev.workbench.dsl.Workbench;
import java.io.Console;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code workbench delete NAME}: deletes an endpoint with its config, model, scaling and alarms. */
@Command(name = "delete", mixinStandardHelpOptions = true,
    description = "Delete an endpoint (its config, model, scaling policies and alarms too).",
    footerHeading = "%nExamples:%n", footer = {"  workbench delete smiles-to-3d --yes --local"})
final class DeleteCommand extends ConnectedCommand {
  @Parameters(paramLabel = "NAME", description = "Endpoint name.") String name;
  @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation.") boolean yes;

  @Override
  int run(Workbench wb) {
    wb.endpoint(name).describe();   // unknown endpoint: a clear error before asking anything
    if (!yes) {
      Console console = System.console();
      if (console == null) {
        throw new CliException("not deleting " + name + " without confirmation: add --yes");
      }
      String answer = console.readLine("Delete endpoint %s? [y/N] ", name);
      if (answer == null || !answer.trim().toLowerCase().startsWith("y")) {
        out().println("not deleted");
        out().flush();
        return ExitCodes.ERROR;
      }
    }
    wb.delete(name);
    out().println("deleted " + name);
    out().flush();
    return ExitCodes.OK;
  }
}
