package dev.workbench.cli;

import dev.workbench.dsl.Scripts;
import dev.workbench.dsl.Workbench;
import picocli.CommandLine.Command;

/** {@code workbench shell}: interactive JShell with the DSL imported and {@code wb} connected. */
@Command(name = "shell", mixinStandardHelpOptions = true,
    description = "Open JShell with the DSL imported and `wb` bound to the connection the flags choose.",
    footerHeading = "%nExamples:%n", footer = {"  workbench shell --local", "  workbench shell --profile ml-dev"})
final class ShellCommand extends ConnectedCommand {
  @Override
  int run(Workbench wb) {
    return Scripts.shell(wb);
  }
}
