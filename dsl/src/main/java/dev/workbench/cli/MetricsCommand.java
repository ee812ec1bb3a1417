package dev.workbench.cli;

import dev.workbench.api.EndpointKind;
import dev.workbench.api.EndpointMetrics;
import dev.workbench.dsl.Workbench;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code workbench metrics NAME}: the endpoint's CloudWatch metric set summarised. */
@Command(name = "metrics", mixinStandardHelpOptions = true, description = "Show an endpoint's CloudWatch metrics.",
    footerHeading = "%nExamples:%n", footer = {"  workbench metrics smiles-to-3d --since 15m --local",
        "  workbench metrics my-ep --since 1d --output json"})
final class MetricsCommand extends ConnectedCommand {
  @Parameters(paramLabel = "NAME", description = "Endpoint name.") String name;
  @Option(names = "--since", paramLabel = "DURATION", defaultValue = "1h", converter = Durations.class,
      description = "How far back (90s, 15m, 1h, 2d; default ${DEFAULT-VALUE}).") Duration since;
  @Option(names = {"-o", "--output"}, defaultValue = "table", description = "table or json.") Output.Format format;

  @Override
  int run(Workbench wb) {
    EndpointKind kind = wb.endpoint(name).describe().kind();
    EndpointMetrics metrics = wb.metrics(name, since);
    if (format == Output.Format.json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("endpoint", metrics.endpointName());
      m.put("async", metrics.async());
      m.put("type", kind.name());
      m.put("periodSeconds", metrics.period().toSeconds());
      Map<String, Object> series = new LinkedHashMap<>();
      metrics.series().forEach((k, points) -> series.put(k,
          points.stream().map(p -> Map.of("time", p.time().toString(), "value", p.value())).toList()));
      m.put("series", series);
      Output.json(out(), m);
      return ExitCodes.OK;
    }
    out().printf("%s (%s), last %s, period %s%n", name, kind, Durations.format(since),
        Durations.format(metrics.period()));
    List<List<String>> rows = new ArrayList<>();
    metrics.series().forEach((k, points) -> {
      double last = points.isEmpty() ? Double.NaN : points.get(points.size() - 1).value();
      rows.add(List.of(k, String.valueOf(points.size()), num(metrics.sum(k)), num(metrics.max(k)), num(last)));
    });
    Output.table(out(), List.of("METRIC", "POINTS", "SUM", "MAX", "LAST"), rows);
    return ExitCodes.OK;
  }

  private static String num(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", v);
  }

}
