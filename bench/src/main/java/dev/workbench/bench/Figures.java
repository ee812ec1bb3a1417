package dev.workbench.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Repeated measurements of one figure, reported as median with min-max. */
final class Figures {
    private final List<Double> values = new ArrayList<>();

    void add(double value) {
        values.add(value);
    }

    boolean isEmpty() {
        return values.isEmpty();
    }

    double median() {
        List<Double> sorted = sorted();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    double min() {
        return sorted().get(0);
    }

    double max() {
        List<Double> sorted = sorted();
        return sorted.get(sorted.size() - 1);
    }

    /** The value below which the given fraction of the measurements fall (nearest rank). */
    double percentile(double fraction) {
        List<Double> sorted = sorted();
        int rank = (int) Math.ceil(fraction * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    String format(String pattern) {
        if (values.isEmpty()) {
            return "n/a";
        }
        if (values.size() == 1) {
            return String.format(Locale.ROOT, pattern, median());
        }
        return String.format(Locale.ROOT, pattern + " (" + pattern + " - " + pattern + ")", median(), min(), max());
    }

    private List<Double> sorted() {
        if (values.isEmpty()) {
            throw new IllegalStateException("no measurements");
        }
        List<Double> copy = new ArrayList<>(values);
        Collections.sort(copy);
        return copy;
    }
}
