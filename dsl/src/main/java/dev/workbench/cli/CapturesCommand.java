package dev.workbench.cli;

import dev.workbench.api.Endpoint;
import dev.workbench.api.InferenceCapture;
import dev.workbench.dsl.Workbench;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code workbench captures NAME}: an endpoint's inference captures with their metrics. */
@Command(name = "captures", mixinStandardHelpOptions = true,
    description = "List an endpoint's inference captures (written by `infer --capture` or by Workbench) with their "
        + "metrics.",
    footerHeading = "%nExamples:%n",
    footer = {"  workbench captures esol-solubility --local", "  workbench captures my-endpoint --output json"})
final class CapturesCommand extends ConnectedCommand {
  @Parameters(paramLabel = "NAME", description = "Endpoint name.") String name;
  @Option(names = {"-o", "--output"}, defaultValue = "table", description = "table or json.") Output.Format format;

  @Override
  int run(Workbench wb) {
    Endpoint ep = wb.endpoint(name);
    ep.describe(); // an unknown endpoint is an error naming it, not an empty list
    List<InferenceCapture> captures = ep.captures();
    if (format == Output.Format.json) {
      List<Map<String, Object>> list = new ArrayList<>();
      captures.forEach(c -> list.add(CaptureReport.json(c)));
      Output.json(out(), list);
      return ExitCodes.OK;
    }
    if (captures.isEmpty()) {
      out().println("no inference captures for " + name + " (run `workbench infer " + name
          + " --input rows.csv --output out.csv --capture holdout` with the target column in the rows)");
    }
    for (InferenceCapture c : captures) {
      CaptureReport.print(out(), "", c);
    }
    out().flush();
    return ExitCodes.OK;
  }
}
