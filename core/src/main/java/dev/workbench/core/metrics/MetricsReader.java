package dev.workbench.core.metrics;

import dev.workbench.api.EndpointKind;
import dev.workbench.api.EndpointMetrics;
import dev.workbench.api.MetricPoint;
import dev.workbench.api.MetricsQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;

/** Reads an endpoint's metrics with one GetMetricData call (plus pages) for the whole set. */
public final class MetricsReader {
  private final CloudWatchClient cloudWatch;

  public MetricsReader(CloudWatchClient cloudWatch) {
    this.cloudWatch = cloudWatch;
  }

  public EndpointMetrics read(String endpointName, String variantName, boolean async, MetricsQuery query) {
    return read(endpointName, variantName, async ? EndpointKind.ASYNC : EndpointKind.SYNC, query);
  }

  /** The kind's metric set (or the query's names, specified as for that kind). */
  public EndpointMetrics read(String endpointName, String variantName, EndpointKind kind, MetricsQuery query) {
    boolean async = kind.async();
    List<MetricSpec> specs = query.metricNames().isEmpty() ? MetricSpec.defaultSet(kind)
        : query.metricNames().stream().map(n -> MetricSpec.named(n, kind)).toList();
    int period = (int) Math.max(1, query.period().getSeconds());
    List<MetricDataQuery> queries = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      MetricSpec spec = specs.get(i);
      List<Dimension> dims = new ArrayList<>();
      dims.add(Dimension.builder().name("EndpointName").value(endpointName).build());
      if (spec.perVariant()) {
        dims.add(Dimension.builder().name("VariantName").value(variantName).build());
      }
      queries.add(MetricDataQuery.builder().id("m" + i).label(spec.name()).returnData(true)
          .metricStat(s -> s.period(period).stat(spec.statistic())
              .metric(m -> m.namespace(MetricSpec.NAMESPACE).metricName(spec.name()).dimensions(dims)))
          .build());
    }
    Map<String, List<MetricPoint>> series = new LinkedHashMap<>();
    specs.forEach(s -> series.put(s.name(), new ArrayList<>()));
    String token = null;
    do {
      String next = token;
      GetMetricDataResponse page = cloudWatch.getMetricData(b -> b.metricDataQueries(queries)
          .startTime(query.start()).endTime(query.end()).nextToken(next));
      for (MetricDataResult r : page.metricDataResults()) {
        int index = Integer.parseInt(r.id().substring(1));
        List<MetricPoint> points = series.get(specs.get(index).name());
        List<Instant> times = r.timestamps();
        List<Double> values = r.values();
        for (int i = 0; i < Math.min(times.size(), values.size()); i++) {
          points.add(new MetricPoint(times.get(i), values.get(i)));
        }
      }
      token = page.nextToken();
    } while (token != null && !token.isEmpty());
    Map<String, List<MetricPoint>> sorted = new LinkedHashMap<>();
    series.forEach((name, points) -> {
      points.sort(Comparator.comparing(MetricPoint::time));
      sorted.put(name, List.copyOf(points));
    });
    return new EndpointMetrics(endpointName, async, query.period(), sorted);
  }
}
