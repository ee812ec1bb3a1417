package dev.workbench.cli;

import dev.workbench.dsl.Scripts;
import dev.workbench.dsl.Workbench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code workbench run script.jsh [args]}: runs a JShell script with the DSL imported and {@code wb} connected. */
@Command(name = "run", mixinStandardHelpOptions = true,
    header = "Run a JShell script with the DSL imported and `wb` bound to the connection.",
    description = "Run a JShell script with the DSL imported, `wb` bound to the connection the flags choose and `args` "
        + "to the arguments after the script.",
    footerHeading = "%nExamples:%n",
    footer = {"  workbench run examples/batch-inference.jsh --local examples/molecules.csv",
        "  workbench run examples/async-scale-to-zero.jsh --endpoint-url http://127.0.0.1:4566"})
final class RunCommand extends ConnectedCommand {
  @Parameters(index = "0", paramLabel = "SCRIPT", description = "The .jsh script.") Path script;
  @Parameters(index = "1..*", paramLabel = "ARG", description = "Arguments for the script (`args`).") List<String> args = new ArrayList<>();

  @Override
  void before() {
    if (!Files.isRegularFile(script)) {
      throw new CliException("script not found: " + script);
    }
  }

  @Override
  int run(Workbench wb) {
    System.out.flush();
    boolean ok = Scripts.run(script, args, wb, System.err);
    System.out.flush();
    return ok ? ExitCodes.OK : ExitCodes.ERROR;
  }
}
