package dev.workbench.cli;

import dev.workbench.api.EndpointDescription;
import dev.workbench.api.EndpointHealth;
import dev.workbench.api.EndpointKind;
import dev.workbench.api.EndpointNotFoundException;
import dev.workbench.dsl.Workbench;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code workbench endpoints}: every endpoint with its kind, status and instances. */
@Command(name = "endpoints", mixinStandardHelpOptions = true,
    header = "List endpoints with their kind, status, instances, scale and health.",
    description = "List endpoints: name, SYNC/ASYNC/SERVERLESS, status, instances current/desired (serverless: "
        + "memory and concurrency), scaled to zero, health (see `workbench health`).",
    footerHeading = "%nExamples:%n",
    footer = {"  workbench endpoints --local", "  workbench endpoints --async --output json",
        "  workbench endpoints --status InService --profile ml-dev"})
final class EndpointsCommand extends ConnectedCommand {
  @Option(names = "--sync", description = "Only sync (realtime) endpoints.") boolean sync;
  @Option(names = "--async", description = "Only async endpoints.") boolean async;
  @Option(names = "--serverless", description = "Only serverless endpoints.") boolean serverless;
  @Option(names = "--status", paramLabel = "STATUS", description = "Only endpoints in this status (e.g. InService).")
  @Nullable String status;
  @Option(names = {"-o", "--output"}, defaultValue = "table", description = "table or json.") Output.Format format;

  @Override
  int run(Workbench wb) {
    List<EndpointDescription> list = wb.endpoints(d -> (!sync || !d.async()) && (!async || d.async())
        && (!serverless || d.kind() == EndpointKind.SERVERLESS)
        && (status == null || d.status().equalsIgnoreCase(status)));
    if (format == Output.Format.json) {
      Output.json(out(), list.stream().map(d -> {
        Map<String, Object> m = asMap(d);
        m.put("health", health(wb, d).map(EndpointHealth::codes).orElse(null));
        return m;
      }).toList());
      return ExitCodes.OK;
    }
    List<List<String>> rows = new ArrayList<>();
    for (EndpointDescription d : list) {
      rows.add(List.of(d.name(), d.kind().name(), d.status(), d.capacity(), d.scaledToZero() ? "yes" : "no",
          health(wb, d).map(HealthCommand::summary).orElse("-")));
    }
    if (rows.isEmpty()) {
      out().println("no endpoints (" + wb.connectionDescription() + ")");
      out().flush();
      return ExitCodes.OK;
    }
    Output.table(out(), List.of("NAME", "TYPE", "STATUS", "INSTANCES", "SCALED TO ZERO", "HEALTH"), rows);
    return ExitCodes.OK;
  }

  /** Empty when the endpoint went away between the listing and the check. */
  private static Optional<EndpointHealth> health(Workbench wb, EndpointDescription d) {
    try {
      return Optional.of(wb.endpoint(d.name()).health());
    } catch (EndpointNotFoundException e) {
      return Optional.empty();
    }
  }

  static Map<String, Object> asMap(EndpointDescription d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", d.name());
    m.put("type", d.kind().name());
    m.put("status", d.status());
    m.put("currentInstances", d.currentInstances());
    m.put("desiredInstances", d.desiredInstances());
    m.put("scaledToZero", d.scaledToZero());
    m.put("instanceType", d.instanceType());
    m.put("model", d.modelName());
    m.put("variant", d.variantName());
    m.put("arn", d.arn());
    m.put("failureReason", d.failureReason());
    if (d.asyncSettings() != null) {
      m.put("maxConcurrentInvocationsPerInstance", d.asyncSettings().maxConcurrentInvocationsPerInstance());
      m.put("outputPath", d.asyncSettings().outputPath());
    }
    if (d.serverless() != null) {
      m.put("memoryMb", d.serverless().memoryMb());
      m.put("maxConcurrency", d.serverless().maxConcurrency());
      m.put("provisionedConcurrency", d.serverless().provisionedConcurrency());
    }
    m.put("created", d.created().toString());
    m.put("lastModified", d.lastModified().toString());
    return m;
  }
}
