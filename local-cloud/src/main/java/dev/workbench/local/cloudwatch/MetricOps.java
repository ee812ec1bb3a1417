package dev.workbench.local.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.local.cloudwatch.MetricStore.MetricId;
import dev.workbench.local.cloudwatch.MetricStore.Sample;
import dev.workbench.local.http.AwsException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** PutMetricData, GetMetricData, GetMetricStatistics, ListMetrics. */
final class MetricOps {

    private static final Set<String> UNITS = Set.of("Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes",
            "Megabytes", "Gigabytes", "Terabytes", "Bits", "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent", "Count",
            "Bytes/Second", "Kilobytes/Second", "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second", "Bits/Second",
            "Kilobits/Second", "Megabits/Second", "Gigabits/Second", "Terabits/Second", "Count/Second", "None");
    private static final int LIST_PAGE = 500;

    private final MetricStore store;
    private final Clock clock;

    MetricOps(MetricStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    ObjectNode putMetricData(JsonNode request) {
        String namespace = Params.required(request, "Namespace");
        if (namespace.startsWith("AWS/")) {
            throw Params.invalid("Namespace", "must not start with 'AWS/' (reserved for AWS services)");
        }
        List<JsonNode> data = Params.list(request, "MetricData");
        if (data.isEmpty()) {
            throw Params.missing("MetricData");
        }
        List<Map.Entry<MetricId, Sample>> samples = new ArrayList<>();
        Instant now = clock.instant();
        for (JsonNode datum : data) {
            MetricId id = new MetricId(namespace, Params.required(datum, "MetricName"),
                    Dimensions.of(Params.requiredDimensions(datum, "Dimensions")));
            Instant time = datum.hasNonNull("Timestamp") ? Params.time(datum, "Timestamp") : now;
            String unit = unit(Params.optional(datum, "Unit"));
            if (datum.hasNonNull("StatisticValues")) {
                JsonNode s = datum.get("StatisticValues");
                double count = Params.number(s, "SampleCount");
                if (count <= 0) {
                    throw Params.invalid("StatisticValues.SampleCount", "must be greater than 0");
                }
                samples.add(Map.entry(id, new Sample(time, count, Params.number(s, "Sum"), Params.number(s, "Minimum"),
                        Params.number(s, "Maximum"), unit)));
            } else if (datum.hasNonNull("Values")) {
                List<String> values = Params.strings(datum, "Values");
                List<String> counts = Params.strings(datum, "Counts");
                if (!counts.isEmpty() && counts.size() != values.size()) {
                    throw Params.invalid("Counts", "must have as many entries as Values");
                }
                for (int i = 0; i < values.size(); i++) {
                    double v = parse("Values", values.get(i));
                    double c = counts.isEmpty() ? 1 : parse("Counts", counts.get(i));
                    samples.add(Map.entry(id, new Sample(time, c, v * c, v, v, unit)));
                }
            } else {
                double value = Params.number(datum, "Value");
                if (Double.isNaN(value) || Double.isInfinite(value)) {
                    throw Params.invalid("Value", "must be a finite number");
                }
                samples.add(Map.entry(id, Sample.of(time, value, unit)));
            }
        }
        store.putAll(namespace, samples);
        return Replies.object();
    }

    ObjectNode getMetricStatistics(JsonNode request) {
        MetricId id = new MetricId(Params.required(request, "Namespace"), Params.required(request, "MetricName"),
                Dimensions.of(Params.requiredDimensions(request, "Dimensions")));
        Instant start = Params.time(request, "StartTime");
        Instant end = Params.time(request, "EndTime");
        Duration period = period(request);
        List<Statistic> statistics = new ArrayList<>();
        for (String name : Params.strings(request, "Statistics")) {
            statistics.add(Statistic.parse(name, "InvalidParameterValue"));
        }
        if (statistics.isEmpty()) {
            throw Params.missing("Statistics");
        }
        String unit = Params.optional(request, "Unit");
        ObjectNode result = Replies.object();
        result.put("Label", id.name());
        ArrayNode datapoints = result.putArray("Datapoints");
        for (Aggregate a : store.aggregate(id, start, end, period, unit)) {
            ObjectNode point = datapoints.addObject();
            point.set("Timestamp", Replies.time(a.start()));
            for (Statistic s : statistics) {
                point.put(s.name(), s.of(a));
            }
            point.put("Unit", a.unit());
        }
        return result;
    }

    ObjectNode getMetricData(JsonNode request) {
        Instant start = Params.time(request, "StartTime");
        Instant end = Params.time(request, "EndTime");
        boolean ascending = "TimestampAscending".equals(Params.optional(request, "ScanBy"));
        List<JsonNode> queries = Params.list(request, "MetricDataQueries");
        if (queries.isEmpty()) {
            throw Params.missing("MetricDataQueries");
        }
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        List<String> metricIds = new ArrayList<>();
        for (JsonNode query : queries) {
            String id = Params.required(query, "Id");
            if (byId.put(id, query) != null) {
                throw Params.invalid("MetricDataQueries", "has the Id '" + id + "' twice");
            }
            boolean expression = query.hasNonNull("Expression");
            if (expression == query.hasNonNull("MetricStat")) {
                throw Params.invalid("MetricDataQueries", "query '" + id + "' needs exactly one of MetricStat and Expression");
            }
            if (!expression) {
                metricIds.add(id);
            }
        }
        Duration defaultPeriod = metricIds.stream().map(i -> period(byId.get(i).get("MetricStat"))).min(Duration::compareTo)
                .orElse(Duration.ofMinutes(1));
        Map<String, MetricMath.Value> values = new HashMap<>();
        Set<String> evaluating = new HashSet<>();
        MetricMath.Queries resolver = new MetricMath.Queries() {
            @Override
            public MetricMath.Value byId(String id) {
                MetricMath.Value known = values.get(id);
                if (known != null) {
                    return known;
                }
                JsonNode query = byId.get(id);
                if (query == null) {
                    throw new AwsException(400, "ValidationError", "No metric or expression has the Id '" + id + "'");
                }
                if (!evaluating.add(id)) {
                    throw new AwsException(400, "ValidationError", "The expression '" + id + "' refers to itself");
                }
                MetricMath.Value v = query.hasNonNull("MetricStat") ? new MetricMath.Series(metricSeries(query, start, end))
                        : MetricMath.evaluate(id, query.get("Expression").asText(), this, start, end,
                                query.hasNonNull("Period") ? period(query) : defaultPeriod);
                evaluating.remove(id);
                values.put(id, v);
                return v;
            }

            @Override
            public List<String> metricIds() {
                return metricIds;
            }
        };
        ObjectNode result = Replies.object();
        ArrayNode results = result.putArray("MetricDataResults");
        for (JsonNode query : queries) {
            String id = query.get("Id").asText();
            if (!Params.bool(query, "ReturnData", true)) {
                continue;
            }
            MetricMath.Value v = resolver.byId(id);
            NavigableMap<Instant, Double> points;
            if (v instanceof MetricMath.Series series) {
                points = series.points();
            } else if (v instanceof MetricMath.Scalar scalar) {
                // A number shows at every timestamp the request's metrics have, as CloudWatch draws it.
                points = new TreeMap<>();
                for (String m : metricIds) {
                    for (Instant t : ((MetricMath.Series) resolver.byId(m)).points().keySet()) {
                        points.put(t, scalar.value());
                    }
                }
            } else {
                throw new AwsException(400, "ValidationError", "The expression '" + id + "' gives several time series;"
                        + " the local cloud answers one per query (reduce it with SUM, AVG, MIN or MAX)");
            }
            ObjectNode r = results.addObject();
            r.put("Id", id);
            String label = Params.optional(query, "Label");
            r.put("Label", label != null ? label : query.hasNonNull("MetricStat")
                    ? query.path("MetricStat").path("Metric").path("MetricName").asText() : id);
            ArrayNode timestamps = r.putArray("Timestamps");
            ArrayNode out = r.putArray("Values");
            for (Map.Entry<Instant, Double> e : ascending ? points.entrySet() : points.descendingMap().entrySet()) {
                timestamps.add(Replies.time(e.getKey()));
                out.add(e.getValue());
            }
            r.put("StatusCode", "Complete");
        }
        result.putArray("Messages");
        return result;
    }

    /** One MetricStat query's statistic per period with data. */
    private NavigableMap<Instant, Double> metricSeries(JsonNode query, Instant start, Instant end) {
        JsonNode stat = query.get("MetricStat");
        if (stat == null || !stat.isObject()) {
            throw Params.missing("MetricDataQueries.member.MetricStat");
        }
        JsonNode metric = stat.get("Metric");
        if (metric == null || !metric.isObject()) {
            throw Params.missing("MetricDataQueries.member.MetricStat.Metric");
        }
        MetricId metricId = new MetricId(Params.required(metric, "Namespace"), Params.required(metric, "MetricName"),
                Dimensions.of(Params.requiredDimensions(metric, "Dimensions")));
        Statistic statistic = Statistic.parse(Params.required(stat, "Stat"), "InvalidParameterValue");
        NavigableMap<Instant, Double> points = new TreeMap<>();
        for (Aggregate a : store.aggregate(metricId, start, end, period(stat), Params.optional(stat, "Unit"))) {
            points.put(a.start(), statistic.of(a));
        }
        return points;
    }

    ObjectNode listMetrics(JsonNode request) {
        Map<String, @Nullable String> filters = Params.dimensions(request, "Dimensions", false);
        @Nullable Instant activeSince = "PT3H".equals(Params.optional(request, "RecentlyActive")) ? clock.instant().minus(Duration.ofHours(3)) : null;
        List<MetricId> metrics = store.list(Params.optional(request, "Namespace"), Params.optional(request, "MetricName"),
                filters, activeSince);
        int from = 0;
        String token = Params.optional(request, "NextToken");
        if (token != null) {
            try {
                from = Integer.parseInt(token);
            } catch (NumberFormatException e) {
                throw Params.invalid("NextToken", "is not a token this service issued");
            }
        }
        ObjectNode result = Replies.object();
        ArrayNode out = result.putArray("Metrics");
        int to = Math.min(metrics.size(), from + LIST_PAGE);
        for (int i = from; i < to; i++) {
            MetricId m = metrics.get(i);
            ObjectNode node = out.addObject();
            node.put("Namespace", m.namespace());
            node.put("MetricName", m.name());
            ArrayNode dims = node.putArray("Dimensions");
            m.dimensions().values().forEach((k, v) -> dims.addObject().put("Name", k).put("Value", v));
        }
        if (to < metrics.size()) {
            result.put("NextToken", Integer.toString(to));
        }
        return result;
    }

    private static Duration period(JsonNode node) {
        int seconds = Params.integer(node, "Period", -1);
        if (seconds <= 0) {
            throw node.hasNonNull("Period") ? Params.invalid("Period", "must be a positive number of seconds") : Params.missing("Period");
        }
        return Duration.ofSeconds(seconds);
    }

    private static String unit(@Nullable String unit) {
        if (unit == null) {
            return "None";
        }
        if (!UNITS.contains(unit)) {
            throw Params.invalid("Unit", "is not a CloudWatch unit: '" + unit + "'");
        }
        return unit;
    }

    private static double parse(String field, String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw Params.invalid(field, "must hold numbers, got '" + text + "'");
        }
    }
}
