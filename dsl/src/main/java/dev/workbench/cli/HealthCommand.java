package dev.workbench.cli;

import dev.workbench.api.EndpointDescription;
import dev.workbench.api.EndpointHealth;
import dev.workbench.api.HealthIssue;
import dev.workbench.dsl.Workbench;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code workbench health [NAME]}: Workbench's health issues of one endpoint or of all. */
@Command(name = "health", mixinStandardHelpOptions = true,
    header = "Health of one endpoint or of all (errors, no activity, failed, stuck).",
    description = "Health of one endpoint or of all: no_config, 5xx_errors (more than 5), 5xx_errors_min, no_activity "
        + "(from the metrics of the endpoint's kind), failed (with the reason), stuck_creating, stuck_updating.",
    footerHeading = "%nExamples:%n",
    footer = {"  workbench health --local", "  workbench health smiles-to-3d --window 1d", "  workbench health --output json"})
final class HealthCommand extends ConnectedCommand {
  @Parameters(paramLabel = "NAME", arity = "0..1", description = "Endpoint name (default: every endpoint).")
  @Nullable String name;
  @Option(names = "--window", paramLabel = "DURATION", defaultValue = "3d", converter = Durations.class,
      description = "Metrics window (default ${DEFAULT-VALUE}, as Workbench).") Duration window;
  @Option(names = {"-o", "--output"}, defaultValue = "table", description = "table or json.") Output.Format format;

  @Override
  int run(Workbench wb) {
    List<EndpointHealth> all = new ArrayList<>();
    if (name != null) {
      all.add(wb.endpoint(name).health(window));
    } else {
      for (EndpointDescription d : wb.endpoints()) {
        all.add(wb.endpoint(d.name()).health(window));
      }
    }
    if (format == Output.Format.json) {
      Output.json(out(), all.stream().map(HealthCommand::asMap).toList());
      return ExitCodes.OK;
    }
    if (all.isEmpty()) {
      out().println("no endpoints (" + wb.connectionDescription() + ")");
      out().flush();
      return ExitCodes.OK;
    }
    List<List<String>> rows = new ArrayList<>();
    for (EndpointHealth h : all) {
      rows.add(List.of(h.endpoint(), h.kind().name(), h.status(), summary(h),
          String.join("; ", h.issues().stream().map(HealthIssue::detail).toList())));
    }
    Output.table(out(), List.of("NAME", "TYPE", "STATUS", "HEALTH", "DETAIL"), rows);
    return ExitCodes.OK;
  }

  static String summary(EndpointHealth h) {
    return h.healthy() ? "ok" : String.join(",", h.codes());
  }

  static Map<String, Object> asMap(EndpointHealth h) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", h.endpoint());
    m.put("type", h.kind().name());
    m.put("status", h.status());
    m.put("healthy", h.healthy());
    m.put("issues", h.issues().stream().map(i -> Map.of("code", i.code(), "detail", i.detail())).toList());
    return m;
  }
}
