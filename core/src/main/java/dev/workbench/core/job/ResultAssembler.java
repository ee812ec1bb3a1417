package dev.workbench.core.job;

import dev.workbench.api.Frame;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Puts a job's finished batches back together in input order. Batches that failed carry only the input
 * columns and {@code inference_error}; batches that succeeded carry the model's columns too. The result has
 * the columns of the first batch that has the most of them, and every other batch is aligned to it (missing
 * columns are null), so N rows in gives N rows out whatever mix of successes and failures there was.
 */
final class ResultAssembler {
    private ResultAssembler() {}

    /** @throws IllegalStateException when the batches do not cover rows 0..totalRows-1 exactly once */
    static Frame assemble(Frame input, Map<Integer, Frame> partsByFirstRow, int totalRows) {
        Collection<Frame> parts = partsByFirstRow.values();
        int expected = 0;
        for (Map.Entry<Integer, Frame> e : partsByFirstRow.entrySet()) {
            if (e.getKey() != expected) {
                throw new IllegalStateException("rows " + expected + ".." + (e.getKey() - 1) + " have no result");
            }
            expected += e.getValue().rowCount();
        }
        if (expected != totalRows) {
            throw new IllegalStateException("results cover " + expected + " rows of " + totalRows);
        }
        if (parts.isEmpty()) {
            return input;
        }
        List<String> columns = columnsOf(parts);
        boolean uniform = parts.stream().allMatch(p -> p.columns().equals(columns));
        if (uniform) {
            return Frame.concat(new ArrayList<>(parts));
        }
        List<List<@Nullable String>> rows = new ArrayList<>(totalRows);
        for (Frame part : parts) {
            int[] map = new int[columns.size()];
            for (int c = 0; c < map.length; c++) {
                map[c] = part.hasColumn(columns.get(c)) ? part.columnIndex(columns.get(c)) : -1;
            }
            for (int r = 0; r < part.rowCount(); r++) {
                Frame.Row row = part.get(r);
                @Nullable String[] values = new String[map.length];
                for (int c = 0; c < map.length; c++) {
                    values[c] = map[c] < 0 ? null : row.get(map[c]);
                }
                rows.add(Arrays.asList(values));
            }
        }
        return Frame.of(columns, rows);
    }

    /** The widest batch's columns, plus any column only other batches have, with inference_error last. */
    private static List<String> columnsOf(Collection<Frame> parts) {
        Frame widest = parts.iterator().next();
        for (Frame p : parts) {
            if (p.columnCount() > widest.columnCount()) {
                widest = p;
            }
        }
        List<List<String>> others = new ArrayList<>();
        for (Frame p : parts) {
            others.add(p.columns());
        }
        return merged(widest.columns(), others);
    }

    /** {@code first}'s columns, then any only {@code others} have, with inference_error (if any has it) last. */
    static List<String> merged(List<String> first, Collection<List<String>> others) {
        LinkedHashSet<String> columns = new LinkedHashSet<>(first);
        boolean error = columns.remove(Frame.ERROR_COLUMN);
        for (List<String> p : others) {
            for (String c : p) {
                if (c.equals(Frame.ERROR_COLUMN)) {
                    error = true;
                } else {
                    columns.add(c);
                }
            }
        }
        if (error) {
            columns.add(Frame.ERROR_COLUMN);
        }
        return List.copyOf(columns);
    }
}
