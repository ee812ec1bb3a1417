package dev.workbench.local.cloudwatch;

import dev.workbench.local.http.AwsException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.DoubleBinaryOperator;
import java.util.function.Function;

/**
 * GetMetricData's metric math: arithmetic ({@code + - * / ^}, unary minus, parentheses) between time series and
 * numbers, SUM/AVG/MIN/MAX of an array ({@code METRICS()}, {@code METRICS('part of an id')}, {@code [m1, m2]}; one
 * series per timestamp) or of one series (a number, as CloudWatch), and FILL(series, number|REPEAT|LINEAR) over the
 * query's period grid. Two series combine at the timestamps both have; a division by zero leaves no point.
 */
final class MetricMath {

    /** A value of an expression: a number, one time series or an array of them. */
    sealed interface Value permits Scalar, Series, Array {}

    record Scalar(double value) implements Value {}

    record Series(NavigableMap<Instant, Double> points) implements Value {}

    record Array(List<Series> members) implements Value {}

    /** Resolves a query id (metric or expression) and names the metric queries for METRICS(). */
    interface Queries {
        Value byId(String id);

        /** Ids of the metric (MetricStat) queries in request order. */
        List<String> metricIds();
    }

    private final String id;
    private final String text;
    private final Queries queries;
    private final Instant start;
    private final Instant end;
    private final Duration period;
    private int pos;

    private MetricMath(String id, String text, Queries queries, Instant start, Instant end, Duration period) {
        this.id = id;
        this.text = text;
        this.queries = queries;
        this.start = start;
        this.end = end;
        this.period = period;
    }

    static Value evaluate(String id, String expression, Queries queries, Instant start, Instant end, Duration period) {
        MetricMath m = new MetricMath(id, expression, queries, start, end, period);
        Value v = m.sum();
        m.skipSpace();
        if (m.pos < m.text.length()) {
            throw m.error("unexpected '" + m.text.substring(m.pos) + "'");
        }
        return v;
    }

    // ---- grammar: sum := product (('+'|'-') product)*; product := power (('*'|'/') power)*;
    //               power := unary ('^' unary)?; unary := '-' unary | atom

    private Value sum() {
        Value left = product();
        while (true) {
            char c = peek();
            if (c == '+') {
                pos++;
                left = combine(left, product(), Double::sum);
            } else if (c == '-') {
                pos++;
                left = combine(left, product(), (a, b) -> a - b);
            } else {
                return left;
            }
        }
    }

    private Value product() {
        Value left = power();
        while (true) {
            char c = peek();
            if (c == '*') {
                pos++;
                left = combine(left, power(), (a, b) -> a * b);
            } else if (c == '/') {
                pos++;
                left = combine(left, power(), (a, b) -> a / b);
            } else {
                return left;
            }
        }
    }

    private Value power() {
        Value left = unary();
        if (peek() == '^') {
            pos++;
            return combine(left, unary(), Math::pow);
        }
        return left;
    }

    private Value unary() {
        if (peek() == '-') {
            pos++;
            return combine(new Scalar(0), unary(), (a, b) -> a - b);
        }
        return atom();
    }

    private Value atom() {
        char c = peek();
        if (c == '(') {
            pos++;
            Value v = sum();
            expect(')');
            return v;
        }
        if (c == '[') {
            pos++;
            List<Series> members = new ArrayList<>();
            if (peek() != ']') {
                do {
                    members.addAll(seriesOf(sum()));
                } while (accept(','));
            }
            expect(']');
            return new Array(members);
        }
        if (Character.isDigit(c) || c == '.') {
            int from = pos;
            while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.'
                    || text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
                pos++;
            }
            try {
                return new Scalar(Double.parseDouble(text.substring(from, pos)));
            } catch (NumberFormatException e) {
                throw error("'" + text.substring(from, pos) + "' is not a number");
            }
        }
        if (Character.isLetter(c)) {
            int from = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
            String name = text.substring(from, pos);
            if (peek() == '(') {
                pos++;
                return function(name);
            }
            return queries.byId(name);
        }
        throw error(pos >= text.length() ? "it ends too early" : "unexpected '" + c + "'");
    }

    private Value function(String name) {
        switch (name) {
            case "METRICS" -> {
                String filter = null;
                if (peek() == '\'' || peek() == '"') {
                    filter = string();
                }
                expect(')');
                List<Series> members = new ArrayList<>();
                for (String metricId : queries.metricIds()) {
                    if (filter == null || metricId.contains(filter)) {
                        members.addAll(seriesOf(queries.byId(metricId)));
                    }
                }
                return new Array(members);
            }
            case "SUM", "AVG", "MIN", "MAX" -> {
                Value arg = sum();
                expect(')');
                return reduce(name, arg);
            }
            case "FILL" -> {
                Value arg = sum();
                expect(',');
                skipSpace();
                Value filled;
                if (text.startsWith("REPEAT", pos) || text.startsWith("LINEAR", pos)) {
                    String how = text.substring(pos, pos + 6);
                    pos += 6;
                    filled = map(arg, s -> fill(s, how, 0));
                } else {
                    Value with = sum();
                    if (!(with instanceof Scalar number)) {
                        throw error("FILL's second argument must be a number, REPEAT or LINEAR");
                    }
                    filled = map(arg, s -> fill(s, "VALUE", number.value()));
                }
                expect(')');
                return filled;
            }
            default -> throw error("the function " + name + " is not supported by the local cloud (it supports METRICS,"
                    + " SUM, AVG, MIN, MAX, FILL and + - * / ^)");
        }
    }

    private Value reduce(String name, Value arg) {
        if (arg instanceof Series one) {
            // Of one series: a number, as in CloudWatch.
            List<Double> values = new ArrayList<>(one.points().values());
            return values.isEmpty() ? new Series(new TreeMap<>()) : new Scalar(reduce(name, values));
        }
        if (!(arg instanceof Array array)) {
            throw error(name + " needs a time series or an array of them");
        }
        NavigableMap<Instant, List<Double>> byTime = new TreeMap<>();
        for (Series s : array.members()) {
            s.points().forEach((t, v) -> byTime.computeIfAbsent(t, k -> new ArrayList<>()).add(v));
        }
        NavigableMap<Instant, Double> out = new TreeMap<>();
        byTime.forEach((t, values) -> out.put(t, reduce(name, values)));
        return new Series(out);
    }

    private static double reduce(String name, List<Double> values) {
        return switch (name) {
            case "SUM" -> values.stream().mapToDouble(Double::doubleValue).sum();
            case "AVG" -> values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            case "MIN" -> values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
            default -> values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        };
    }

    /** The series with every period of the query's grid that has no point given one. */
    private Series fill(Series s, String how, double value) {
        long p = Math.max(1, period.toMillis());
        NavigableMap<Instant, Double> out = new TreeMap<>(s.points());
        for (long t = Math.floorDiv(start.toEpochMilli(), p) * p; t < end.toEpochMilli(); t += p) {
            Instant at = Instant.ofEpochMilli(t);
            if (out.containsKey(at)) {
                continue;
            }
            Map.Entry<Instant, Double> before = s.points().lowerEntry(at);
            Map.Entry<Instant, Double> after = s.points().higherEntry(at);
            switch (how) {
                case "VALUE" -> out.put(at, value);
                case "REPEAT" -> {
                    if (before != null) {
                        out.put(at, before.getValue());
                    }
                }
                default -> {
                    if (before != null && after != null) {
                        double span = after.getKey().toEpochMilli() - before.getKey().toEpochMilli();
                        double f = (t - before.getKey().toEpochMilli()) / span;
                        out.put(at, before.getValue() + f * (after.getValue() - before.getValue()));
                    }
                }
            }
        }
        return new Series(out);
    }

    private Value map(Value v, Function<Series, Series> f) {
        if (v instanceof Series s) {
            return f.apply(s);
        }
        if (v instanceof Array a) {
            return new Array(a.members().stream().map(f).toList());
        }
        throw error("FILL needs a time series or an array of them");
    }

    private Value combine(Value a, Value b, DoubleBinaryOperator op) {
        if (a instanceof Scalar x && b instanceof Scalar y) {
            return new Scalar(op.applyAsDouble(x.value(), y.value()));
        }
        if (a instanceof Array x) {
            return new Array(x.members().stream().map(s -> (Series) combine(s, b, op)).toList());
        }
        if (b instanceof Array y) {
            return new Array(y.members().stream().map(s -> (Series) combine(a, s, op)).toList());
        }
        NavigableMap<Instant, Double> out = new TreeMap<>();
        if (a instanceof Series x && b instanceof Series y) {
            x.points().forEach((t, v) -> {
                Double w = y.points().get(t);
                if (w != null) {
                    put(out, t, op.applyAsDouble(v, w));
                }
            });
        } else if (a instanceof Series x) {
            double w = ((Scalar) b).value();
            x.points().forEach((t, v) -> put(out, t, op.applyAsDouble(v, w)));
        } else {
            double v = ((Scalar) a).value();
            ((Series) b).points().forEach((t, w) -> put(out, t, op.applyAsDouble(v, w)));
        }
        return new Series(out);
    }

    private static void put(NavigableMap<Instant, Double> out, Instant t, double v) {
        if (Double.isFinite(v)) {
            out.put(t, v);
        }
    }

    private List<Series> seriesOf(Value v) {
        if (v instanceof Series s) {
            return List.of(s);
        }
        if (v instanceof Array a) {
            return a.members();
        }
        throw error("an array holds time series, not numbers");
    }

    private String string() {
        char quote = text.charAt(pos++);
        int close = text.indexOf(quote, pos);
        if (close < 0) {
            throw error("a string is not closed");
        }
        String s = text.substring(pos, close);
        pos = close + 1;
        return s;
    }

    private char peek() {
        skipSpace();
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private boolean accept(char c) {
        if (peek() == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!accept(c)) {
            throw error("expected '" + c + "' at position " + (pos + 1));
        }
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    AwsException error(String why) {
        return new AwsException(400, "ValidationError", "Error in expression '" + id + "' (" + text + "): " + why);
    }
}
