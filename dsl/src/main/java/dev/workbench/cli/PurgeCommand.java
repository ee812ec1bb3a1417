package dev.workbench.cli;

import dev.workbench.api.Endpoint;
import dev.workbench.api.PurgeResult;
import dev.workbench.dsl.Workbench;
import java.io.Console;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code workbench purge NAME}: deletes queued async inputs nobody waits for (or, with --all, every one). */
@Command(name = "purge", mixinStandardHelpOptions = true,
    header = "Delete queued async inputs of batches nobody waits for.",
    description = "Delete the queued async inputs of batches nobody waits for: open in this data directory's journal, "
        + "their process gone (with outputs already written for them). --all: everything under the endpoint's "
        + "endpoints/NAME/async-input/ prefix, after a confirmation. Reports how many objects and bytes went.",
    footerHeading = "%nExamples:%n",
    footer = {"  workbench purge smiles-to-3d --local", "  workbench purge smiles-to-3d --all",
        "  workbench purge smiles-to-3d --all --yes"})
final class PurgeCommand extends ConnectedCommand {
  @Parameters(paramLabel = "NAME", description = "Endpoint name.") String name;
  @Option(names = "--all", description = "Every object under the endpoint's async-input prefix, whoever waits for it.")
  boolean all;
  @Option(names = {"-y", "--yes"}, description = "With --all: do not ask for confirmation.") boolean yes;

  @Override
  int run(Workbench wb) {
    Endpoint ep = wb.endpoint(name);
    if (all && !yes) {
      PurgeResult would = ep.purge(o -> o.all(true).dryRun(true));
      if (would.objects() == 0) {
        return report(would);
      }
      Console console = System.console();
      if (console == null) {
        throw new CliException("not deleting " + would.objects() + " objects under " + would.prefix()
            + " without confirmation (no terminal): add --yes");
      }
      String answer = console.readLine("Delete %d objects (%s) under %s? Running jobs on %s lose those batches. [y/N] ",
          would.objects(), bytes(would.bytes()), would.prefix(), name);
      if (answer == null || !answer.trim().toLowerCase().startsWith("y")) {
        out().println("nothing deleted");
        out().flush();
        return ExitCodes.ERROR;
      }
    }
    return report(ep.purge(o -> o.all(all)));
  }

  private int report(PurgeResult r) {
    out().printf("%s: deleted %d objects, %s under %s (%d abandoned batches cancelled in the journal)%n", r.endpoint(),
        r.objects(), bytes(r.bytes()), r.prefix(), r.batches());
    out().flush();
    return ExitCodes.OK;
  }

  private static String bytes(long n) {
    return n < 1024 ? n + " bytes" : String.format("%d bytes (%.1f %s)", n, n < 1 << 20 ? n / 1024.0 : n / 1048576.0,
        n < 1 << 20 ? "KiB" : "MiB");
  }
}
