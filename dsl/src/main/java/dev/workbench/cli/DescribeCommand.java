package dev.workbench.cli;

import dev.workbench.api.Endpoint;
import dev.workbench.dsl.Workbench;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code workbench describe NAME}: one endpoint in detail, with its Workbench meta tags. */
@Command(name = "describe", mixinStandardHelpOptions = true, description = "Describe one endpoint.",
    footerHeading = "%nExamples:%n", footer = {"  workbench describe smiles-to-3d --local", "  workbench describe my-ep --output json"})
final class DescribeCommand extends ConnectedCommand {
  @Parameters(paramLabel = "NAME", description = "Endpoint name.") String name;
  @Option(names = {"-o", "--output"}, defaultValue = "table", description = "table or json.") Output.Format format;

  @Override
  int run(Workbench wb) {
    Endpoint ep = wb.endpoint(name);
    Map<String, Object> m = EndpointsCommand.asMap(ep.describe());
    m.put("meta", ep.meta().asMap());
    if (format == Output.Format.json) {
      Output.json(out(), m);
      return ExitCodes.OK;
    }
    m.forEach((k, v) -> {
      if (v != null && !(v instanceof Map<?, ?> map && map.isEmpty())) {
        out().printf("%-36s %s%n", k + ":", v);
      }
    });
    out().flush();
    return ExitCodes.OK;
  }
}
