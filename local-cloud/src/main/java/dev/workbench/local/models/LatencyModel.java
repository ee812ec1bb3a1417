package dev.workbench.local.models;

import dev.workbench.local.model.LocalModel;
import dev.workbench.local.model.ModelContext;
import dev.workbench.local.model.ModelFailure;
import dev.workbench.local.model.ModelInput;
import dev.workbench.local.model.ModelInstance;
import dev.workbench.local.model.ModelOutput;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Echoes its rows after a fixed delay per row: the stand-in model for benchmarks and tests.
 * Env {@code LATENCY_MS_PER_ROW} (default 20) and {@code FAIL_ON}: when any input field equals it, the
 * whole invocation fails (400) naming the row, which gives tests a real "bad row" to bisect.
 */
public final class LatencyModel implements LocalModel {

    public static final String NAME = "latency";
    public static final String LATENCY_MS_PER_ROW = "LATENCY_MS_PER_ROW";
    public static final String FAIL_ON = "FAIL_ON";
    static final long DEFAULT_MS_PER_ROW = 20;
    private static final List<String> OUTPUT_COLUMNS = List.of("latency_ms");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "echoes CSV rows after LATENCY_MS_PER_ROW ms per row (default 20); FAIL_ON=value fails a batch";
    }

    @Override
    public ModelInstance load(ModelContext context) {
        long msPerRow = Env.nonNegativeLong(context.environment(), LATENCY_MS_PER_ROW, DEFAULT_MS_PER_ROW);
        String failOn = context.environment().get(FAIL_ON);
        return new Instance(msPerRow, failOn == null || failOn.isEmpty() ? null : failOn);
    }

    private record Instance(long msPerRow, @Nullable String failOn) implements ModelInstance {

        @Override
        public ModelOutput invoke(ModelInput input) {
            CsvTable table = CsvInvocation.parse(input);
            if (failOn != null) {
                checkFailOn(table, failOn);
            }
            sleep(Math.multiplyExact(msPerRow, (long) table.rows().size()));
            List<String> latency = List.of(Long.toString(msPerRow));
            Csv.Writer writer = CsvInvocation.answer(table, OUTPUT_COLUMNS);
            for (List<String> row : table.rows()) {
                writer.row(CsvInvocation.row(row, latency, ""));
            }
            return CsvInvocation.output(writer);
        }

        private static void checkFailOn(CsvTable table, String failOn) {
            List<List<String>> rows = table.rows();
            for (int r = 0; r < rows.size(); r++) {
                List<String> row = rows.get(r);
                for (int c = 0; c < row.size(); c++) {
                    if (row.get(c).equals(failOn)) {
                        throw new ModelFailure(400, "row " + (r + 1) + " (column '" + table.header().get(c)
                                + "') has the value '" + failOn + "' that FAIL_ON rejects");
                    }
                }
            }
        }

        private static void sleep(long millis) {
            if (millis == 0) {
                return;
            }
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ModelFailure(500, "interrupted while serving the request");
            }
        }
    }
}
