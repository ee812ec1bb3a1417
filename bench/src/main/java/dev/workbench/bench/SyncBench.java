package dev.workbench.bench;

import dev.workbench.api.Endpoint;
import dev.workbench.api.Frame;
import dev.workbench.local.model.LocalModel;
import dev.workbench.local.model.ModelContext;
import dev.workbench.local.model.ModelInput;
import dev.workbench.local.model.ModelInstance;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The sync path: fastInference rows per second against the same model called directly in-process with the same
 * batches and threads. The ratio is what the HTTP, SigV4, CSV and endpoint plumbing cost.
 */
final class SyncBench {
    static final String MODEL = "smiles-descriptors";
    static final int BATCH = 100;

    record Run(int threads, int rows, double oursRowsPerSecond, double directRowsPerSecond) {
        double ratio() {
            return oursRowsPerSecond / directRowsPerSecond;
        }
    }

    private final Endpoint endpoint;
    private final ModelInstance direct;

    SyncBench(BenchCloud bench) {
        this.endpoint = bench.syncEndpoint("bench-sync-descriptors", "local/" + MODEL);
        LocalModel model = ServiceLoader.load(LocalModel.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(m -> m.name().equals(MODEL))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no bundled model " + MODEL));
        Path modelDir = TempDirs.create("bench-model");
        this.direct = model.load(new ModelContext(Map.of(), modelDir));
    }

    Run run(int threads, int rows) {
        Frame input = Inputs.molecules(rows);
        long start = System.nanoTime();
        Frame out = endpoint.fastInference(input, threads);
        double ours = rows / ((System.nanoTime() - start) / 1e9);
        if (out.rowCount() != rows || out.errorCount() != 0) {
            throw new IllegalStateException("sync run: " + out.rowCount() + " rows, " + out.errorCount() + " errors");
        }
        start = System.nanoTime();
        int directRows = callDirectly(input, threads);
        double direct = directRows / ((System.nanoTime() - start) / 1e9);
        return new Run(threads, rows, ours, direct);
    }

    private int callDirectly(Frame input, int threads) {
        return Batches.run(input, BATCH, threads, batch -> {
            byte[] body = batch.toCsv().getBytes(StandardCharsets.UTF_8);
            byte[] reply = direct.invoke(new ModelInput(body, "text/csv", "text/csv")).body();
            return Frame.parseCsv(new String(reply, StandardCharsets.UTF_8)).rowCount();
        });
    }
}
