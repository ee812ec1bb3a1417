package dev.workbench.cli;

import dev.workbench.api.Endpoint;
import dev.workbench.api.TestInferenceResult;
import dev.workbench.dsl.Workbench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code workbench test NAME}: a smoke test of an endpoint with its model's sample rows (or given ones). */
@Command(name = "test", mixinStandardHelpOptions = true,
    header = "Smoke-test an endpoint with a few rows and report success, latency and columns.",
    description = "Smoke-test an endpoint: send rows of its model's sample (register-model --sample) or of --input as "
        + "one call (sync, serverless) or one batch (async, waking the endpoint); report success, rows, "
        + "latency, columns.",
    footerHeading = "%nExamples:%n",
    footer = {"  workbench test smiles-descriptors --local", "  workbench test smiles-to-3d --rows 3",
        "  workbench test my-ep --input examples/molecules.csv --rows 20 --output json"})
final class TestCommand extends ConnectedCommand {
  @Parameters(paramLabel = "NAME", description = "Endpoint name.") String name;
  @Option(names = {"-n", "--rows"}, paramLabel = "N", defaultValue = "10", description = "Rows to send (default ${DEFAULT-VALUE}).")
  int rows;
  @Option(names = {"-i", "--input"}, paramLabel = "CSV", description = "Send these rows instead of the model's sample.")
  @Nullable Path input;
  @Option(names = {"-o", "--output"}, defaultValue = "table", description = "table or json.") Output.Format format;

  @Override
  void before() {
    if (input != null && !Files.isRegularFile(input)) {
      throw new CliException("--input " + input + ": no such file");
    }
  }

  @Override
  int run(Workbench wb) {
    Endpoint ep = wb.endpoint(name);
    TestInferenceResult r;
    if (input != null) {
      var all = wb.csv(input);
      r = ep.testInference(all.slice(0, Math.min(rows, all.rowCount())));
    } else {
      r = ep.testInference(rows);
    }
    if (format == Output.Format.json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("endpoint", r.endpoint());
      m.put("type", r.kind().name());
      m.put("success", r.success());
      m.put("rows", r.rows());
      m.put("failedRows", r.failedRows());
      m.put("latencyMs", r.latency().toMillis());
      m.put("columns", r.columns());
      m.put("firstError", r.firstError());
      Output.json(out(), m);
    } else {
      out().printf("%s (%s): %s, %d rows, %d failed, %s%n", r.endpoint(), r.kind(), r.success() ? "OK" : "FAILED",
          r.rows(), r.failedRows(), Durations.format(r.latency()));
      out().println("columns: " + String.join(", ", r.columns()));
      if (r.firstError() != null) {
        out().println("first error: " + r.firstError());
      }
      out().flush();
    }
    return r.success() ? ExitCodes.OK : ExitCodes.SOME_ROWS_FAILED;
  }
}
