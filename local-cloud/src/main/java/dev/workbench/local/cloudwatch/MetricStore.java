package dev.workbench.local.cloudwatch;

import dev.workbench.local.spi.MetricSink;
import dev.workbench.local.state.SqliteDatabase;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;

/**
 * Metric datapoints in SQLite. Each stored row is already a small aggregate (count, sum, min, max), so a
 * single value, a StatisticSet and a Values/Counts array all store the same way and every period
 * aggregates by summing rows.
 */
public final class MetricStore implements MetricSink {

    /** One metric identity as ListMetrics returns it. */
    public record MetricId(String namespace, String name, Dimensions dimensions) {}

    /** One stored sample aggregate. */
    public record Sample(Instant time, double count, double sum, double min, double max, String unit) {
        public static Sample of(Instant time, double value, String unit) {
            return new Sample(time, 1, value, value, value, unit);
        }
    }

    private final SqliteDatabase db;

    public MetricStore(SqliteDatabase db) {
        this.db = db;
        db.execute("CREATE TABLE IF NOT EXISTS metric (id INTEGER PRIMARY KEY, namespace TEXT NOT NULL, name TEXT NOT NULL,"
                + " dims_key TEXT NOT NULL, dims_json TEXT NOT NULL, UNIQUE (namespace, name, dims_key))");
        db.execute("CREATE TABLE IF NOT EXISTS datapoint (metric_id INTEGER NOT NULL, ts INTEGER NOT NULL,"
                + " count REAL NOT NULL, sum REAL NOT NULL, min REAL NOT NULL, max REAL NOT NULL, unit TEXT NOT NULL)");
        db.execute("CREATE INDEX IF NOT EXISTS datapoint_by_metric_time ON datapoint (metric_id, ts)");
    }

    @Override
    public void put(String namespace, String metricName, Map<String, String> dimensions, Instant time, double value, String unit) {
        putAll(namespace, List.of(Map.entry(new MetricId(namespace, metricName, Dimensions.of(dimensions)), Sample.of(time, value, unit))));
    }

    /** Stores several samples in one transaction. */
    public void putAll(String namespace, List<Map.Entry<MetricId, Sample>> samples) {
        db.write(c -> {
            for (Map.Entry<MetricId, Sample> entry : samples) {
                long id = metricId(c, entry.getKey());
                Sample s = entry.getValue();
                try (PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO datapoint (metric_id, ts, count, sum, min, max, unit) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                    insert.setLong(1, id);
                    insert.setLong(2, s.time().toEpochMilli());
                    insert.setDouble(3, s.count());
                    insert.setDouble(4, s.sum());
                    insert.setDouble(5, s.min());
                    insert.setDouble(6, s.max());
                    insert.setString(7, s.unit());
                    insert.executeUpdate();
                }
            }
            return null;
        });
    }

    private static long metricId(java.sql.Connection c, MetricId metric) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT id FROM metric WHERE namespace = ? AND name = ? AND dims_key = ?")) {
            select.setString(1, metric.namespace());
            select.setString(2, metric.name());
            select.setString(3, metric.dimensions().key());
            try (ResultSet rows = select.executeQuery()) {
                if (rows.next()) {
                    return rows.getLong(1);
                }
            }
        }
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO metric (namespace, name, dims_key, dims_json) VALUES (?, ?, ?, ?)", java.sql.Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, metric.namespace());
            insert.setString(2, metric.name());
            insert.setString(3, metric.dimensions().key());
            insert.setString(4, metric.dimensions().json());
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /**
     * Aggregates per period over [start, end): periods are aligned to multiples of the period since the epoch,
     * as CloudWatch aligns them; only periods holding samples are returned, oldest first.
     */
    public List<Aggregate> aggregate(MetricId metric, Instant start, Instant end, Duration period, @Nullable String unit) {
        long periodMs = Math.max(1, period.toMillis());
        return db.read(c -> {
            Map<Long, double[]> buckets = new LinkedHashMap<>();
            Map<Long, String> units = new LinkedHashMap<>();
            try (PreparedStatement select = c.prepareStatement("SELECT d.ts, d.count, d.sum, d.min, d.max, d.unit FROM datapoint d"
                    + " JOIN metric m ON m.id = d.metric_id WHERE m.namespace = ? AND m.name = ? AND m.dims_key = ?"
                    + " AND d.ts >= ? AND d.ts < ? ORDER BY d.ts")) {
                select.setString(1, metric.namespace());
                select.setString(2, metric.name());
                select.setString(3, metric.dimensions().key());
                select.setLong(4, start.toEpochMilli());
                select.setLong(5, end.toEpochMilli());
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        String rowUnit = rows.getString(6);
                        if (unit != null && !unit.equals(rowUnit)) {
                            continue;
                        }
                        long bucket = Math.floorDiv(rows.getLong(1), periodMs) * periodMs;
                        double[] a = buckets.computeIfAbsent(bucket, b -> new double[] {0, 0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY});
                        a[0] += rows.getDouble(2);
                        a[1] += rows.getDouble(3);
                        a[2] = Math.min(a[2], rows.getDouble(4));
                        a[3] = Math.max(a[3], rows.getDouble(5));
                        units.putIfAbsent(bucket, rowUnit);
                    }
                }
            }
            List<Aggregate> out = new ArrayList<>(buckets.size());
            buckets.forEach((bucket, a) -> out.add(new Aggregate(Instant.ofEpochMilli(bucket), a[0], a[1], a[2], a[3], units.get(bucket))));
            return out;
        });
    }

    /** One statistic over every sample in [from, to), or empty when there is none. */
    public OptionalDouble statistic(MetricId metric, Statistic statistic, Instant from, Instant to) {
        Optional<Aggregate> total = total(metric, from, to);
        return total.map(a -> OptionalDouble.of(statistic.of(a))).orElse(OptionalDouble.empty());
    }

    private Optional<Aggregate> total(MetricId metric, Instant from, Instant to) {
        return db.read(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT SUM(d.count), SUM(d.sum), MIN(d.min), MAX(d.max) FROM datapoint d"
                    + " JOIN metric m ON m.id = d.metric_id WHERE m.namespace = ? AND m.name = ? AND m.dims_key = ?"
                    + " AND d.ts >= ? AND d.ts < ?")) {
                select.setString(1, metric.namespace());
                select.setString(2, metric.name());
                select.setString(3, metric.dimensions().key());
                select.setLong(4, from.toEpochMilli());
                select.setLong(5, to.toEpochMilli());
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next() || rows.getObject(1) == null) {
                        return Optional.empty();
                    }
                    return Optional.of(new Aggregate(from, rows.getDouble(1), rows.getDouble(2), rows.getDouble(3), rows.getDouble(4), "None"));
                }
            }
        });
    }

    /** Metrics matching the filters (null = any), ordered by namespace, name, dimensions. */
    public List<MetricId> list(@Nullable String namespace, @Nullable String name, Map<String, @Nullable String> dimensionFilters,
                               @Nullable Instant activeSince) {
        return db.read(c -> {
            StringBuilder sql = new StringBuilder("SELECT m.namespace, m.name, m.dims_json FROM metric m WHERE 1 = 1");
            List<Object> args = new ArrayList<>();
            if (namespace != null) {
                sql.append(" AND m.namespace = ?");
                args.add(namespace);
            }
            if (name != null) {
                sql.append(" AND m.name = ?");
                args.add(name);
            }
            if (activeSince != null) {
                sql.append(" AND EXISTS (SELECT 1 FROM datapoint d WHERE d.metric_id = m.id AND d.ts >= ?)");
                args.add(activeSince.toEpochMilli());
            }
            sql.append(" ORDER BY m.namespace, m.name, m.dims_key");
            List<MetricId> out = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    select.setObject(i + 1, args.get(i));
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        Dimensions dims = Dimensions.fromJson(rows.getString(3));
                        if (matches(dims, dimensionFilters)) {
                            out.add(new MetricId(rows.getString(1), rows.getString(2), dims));
                        }
                    }
                }
            }
            return out;
        });
    }

    private static boolean matches(Dimensions dims, Map<String, @Nullable String> filters) {
        for (Map.Entry<String, @Nullable String> f : filters.entrySet()) {
            String actual = dims.values().get(f.getKey());
            if (actual == null || (f.getValue() != null && !f.getValue().equals(actual))) {
                return false;
            }
        }
        return true;
    }
}
