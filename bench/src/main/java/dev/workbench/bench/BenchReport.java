package dev.workbench.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/** The figures of one benchmark run, checked against their targets and written as Markdown. */
public final class BenchReport {
    private final BenchPlan plan;
    private final Map<Integer, List<AsyncBench.Run>> async = new TreeMap<>();
    private final Map<Integer, List<AsyncBench.BaselineRun>> baseline = new TreeMap<>();
    private final Map<Integer, List<SyncBench.Run>> sync = new TreeMap<>();
    private List<CsvBench.Run> csv = List.of();
    private final List<String> missed = new ArrayList<>();

    BenchReport(BenchPlan plan) {
        this.plan = plan;
    }

    void async(int rows, List<AsyncBench.Run> runs) {
        async.put(rows, runs);
    }

    void baseline(int rows, List<AsyncBench.BaselineRun> runs) {
        baseline.put(rows, runs);
    }

    void sync(int threads, List<SyncBench.Run> runs) {
        sync.put(threads, runs);
    }

    void csv(List<CsvBench.Run> runs) {
        csv = runs;
    }

    /** Targets this run did not meet, one line each (empty when all were met). */
    public List<String> missedTargets() {
        render();
        return List.copyOf(missed);
    }

    void write(Path file) {
        try {
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".bench", ".md");
            // The streaming section is StreamBench's, run by hand: kept as it was.
            Files.writeString(tmp, StreamBench.withSection(render(), StreamBench.sectionOf(file)), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String render() {
        missed.clear();
        var md = new StringBuilder();
        md.append("# Benchmarks\n\n");
        md.append("Written by `./workbench bench").append(plan.quick() ? " --quick" : "").append("` on ")
                .append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append(" (").append(plan.name())
                .append(" mode).\n\n");
        md.append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(Runtime.getRuntime().maxMemory() / (1 << 20)).append(" MB max heap, Java ")
                .append(System.getProperty("java.version")).append(" (").append(System.getProperty("java.vm.name"))
                .append("), ").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch"))
                .append(".\n\n");
        md.append("Absolute times on a shared 2-core machine are noise, so every figure is a ratio measured in one run, ")
                .append("or a count. Each figure is the median, with min - max over the repeated runs in brackets. ")
                .append("The local cloud runs in the same JVM as the client.\n\n");
        asyncSection(md);
        syncSection(md);
        csvSection(md);
        md.append("## Targets\n\n");
        if (missed.isEmpty()) {
            md.append("Every target above was met in this run.\n");
        } else {
            md.append("Missed in this run:\n\n");
            missed.forEach(m -> md.append("- ").append(m).append('\n'));
        }
        return md.toString();
    }

    private void asyncSection(StringBuilder md) {
        if (async.isEmpty()) {
            return;
        }
        md.append("## Async round trip\n\n");
        md.append(String.format(Locale.ROOT, "The `latency` model (%d ms per row) on %d instances x %d concurrent "
                        + "invocations, batches of %d rows, %d invocations in flight. Ideal time = "
                        + "ceil(N/b)/(I*C) * b * delay.%n%n",
                AsyncBench.MS_PER_ROW, AsyncBench.INSTANCES, AsyncBench.CONCURRENCY, AsyncBench.BATCH,
                AsyncBench.MAX_IN_FLIGHT));
        md.append("| rows | ideal s | ours s | achieved/ideal (target >= 0.90 at 10,000) | S3 requests per batch (target <= 3) "
                + "| completion latency median ms | p95 ms (target <= 1000) | peak client threads | peak JVM threads | peak heap MB |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        async.forEach((rows, runs) -> {
            Figures eff = of(runs, AsyncBench.Run::efficiency);
            Figures perBatch = of(runs, AsyncBench.Run::s3PerBatch);
            Figures p95 = of(runs, r -> r.latency().p95().toMillis());
            md.append(String.format(Locale.ROOT, "| %,d | %.2f | %s | %s | %s | %s | %s | %s | %s | %s |%n", rows,
                    runs.get(0).ideal(), of(runs, AsyncBench.Run::seconds).format("%.2f"), eff.format("%.3f"),
                    perBatch.format("%.2f"), of(runs, r -> r.latency().median().toMillis()).format("%.0f"),
                    p95.format("%.0f"), of(runs, AsyncBench.Run::peakClientThreads).format("%.0f"),
                    of(runs, AsyncBench.Run::peakThreads).format("%.0f"),
                    of(runs, r -> r.peakHeapBytes() / 1e6).format("%.0f")));
            if (rows == 10_000 && eff.median() < 0.90) {
                missed.add(String.format(Locale.ROOT, "achieved/ideal at 10,000 rows is %.3f (target >= 0.90)", eff.median()));
            }
            if (perBatch.median() > 3) {
                missed.add(String.format(Locale.ROOT, "%.2f S3 requests per batch at %,d rows (target <= 3)", perBatch.median(), rows));
            }
            if (p95.median() > 1000) {
                missed.add(String.format(Locale.ROOT, "completion latency p95 %.0f ms at %,d rows (target <= 1000)", p95.median(), rows));
            }
        });
        md.append('\n');
        threadsCheck(md);
        md.append("### Side by side with the reference strategy\n\n");
        md.append("The reference client: a thread per in-flight batch, GET of the output then of the failure object, ")
                .append("sleeping 3 s, x1.5, up to 10 s between rounds; same local cloud, same endpoint, same run.\n\n");
        md.append("| rows | ours s | reference s | ours / reference (target <= 0.5 at 10,000) | ours S3 req/batch | reference S3 req/batch |\n");
        md.append("|---:|---:|---:|---:|---:|---:|\n");
        baseline.forEach((rows, runs) -> {
            List<AsyncBench.Run> ours = async.get(rows);
            double ratio = of(ours, AsyncBench.Run::seconds).median() / of(runs, AsyncBench.BaselineRun::seconds).median();
            md.append(String.format(Locale.ROOT, "| %,d | %s | %s | %.3f | %s | %s |%n", rows,
                    of(ours, AsyncBench.Run::seconds).format("%.2f"), of(runs, AsyncBench.BaselineRun::seconds).format("%.2f"),
                    ratio, of(ours, AsyncBench.Run::s3PerBatch).format("%.2f"),
                    of(runs, AsyncBench.BaselineRun::s3PerBatch).format("%.2f")));
            if (rows == 10_000 && ratio > 0.5) {
                missed.add(String.format(Locale.ROOT, "ours/reference at 10,000 rows is %.3f (target <= 0.5)", ratio));
            }
        });
        md.append('\n');
    }

    private void threadsCheck(StringBuilder md) {
        if (async.size() < 2) {
            return;
        }
        var sizes = new ArrayList<>(async.keySet());
        double fewest = of(async.get(sizes.get(0)), AsyncBench.Run::peakClientThreads).median();
        double most = of(async.get(sizes.get(sizes.size() - 1)), AsyncBench.Run::peakClientThreads).median();
        md.append(String.format(Locale.ROOT, "Client threads (the round trip's and the SDK's, told apart by name; the local "
                + "cloud's threads share the JVM) do not grow with batches: %.0f at %,d rows and %.0f at %,d rows "
                + "(%,d times the batches). Heap figures are the whole JVM's, local cloud included.%n%n",
                fewest, sizes.get(0), most, sizes.get(sizes.size() - 1), sizes.get(sizes.size() - 1) / sizes.get(0)));
        if (most > fewest + 2) {
            missed.add(String.format(Locale.ROOT, "threads grew with batches: %.0f -> %.0f", fewest, most));
        }
    }

    private void syncSection(StringBuilder md) {
        if (sync.isEmpty()) {
            return;
        }
        md.append("## Sync path\n\n");
        md.append("`fastInference` on `smiles-descriptors` (batches of 100 rows) against the same model called directly ")
                .append("in-process with the same batches and threads; the ratio is the share of the model's own speed ")
                .append("that survives HTTP, SigV4, CSV and the endpoint plumbing.\n\n");
        md.append("| threads | rows | ours rows/s | direct rows/s | ours / direct |\n|---:|---:|---:|---:|---:|\n");
        sync.forEach((threads, runs) -> md.append(String.format(Locale.ROOT, "| %d | %,d | %s | %s | %s |%n", threads,
                runs.get(0).rows(), of(runs, SyncBench.Run::oursRowsPerSecond).format("%.0f"),
                of(runs, SyncBench.Run::directRowsPerSecond).format("%.0f"), of(runs, SyncBench.Run::ratio).format("%.2f"))));
        md.append('\n');
    }

    private void csvSection(StringBuilder md) {
        if (csv.isEmpty()) {
            return;
        }
        md.append("## CSV\n\n");
        md.append(String.format(Locale.ROOT, "%,d rows x %d columns (%.1f MB): `Frame.readCsv` / `writeCsv` throughput as a "
                        + "ratio to FastCSV's bare parse / write of the same file, and the heap the loaded Frame holds.%n%n",
                csv.get(0).rows(), CsvBench.COLUMNS, csv.get(0).fileBytes() / 1e6));
        Figures read = of(csv, CsvBench.Run::readRatio);
        Figures write = of(csv, CsvBench.Run::writeRatio);
        md.append("| read ratio (target >= 0.7) | read ratio against FastCSV keeping every record | write ratio (target >= 0.7) "
                + "| heap MB per million rows |\n|---:|---:|---:|---:|\n");
        md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s |%n%n", read.format("%.2f"),
                of(csv, CsvBench.Run::keepingReadRatio).format("%.2f"), write.format("%.2f"),
                of(csv, CsvBench.Run::heapMbPerMillionRows).format("%.0f")));
        md.append("Where a read's time goes: wall time, and the collector's pauses within it (from the JVM's garbage ")
                .append("collector beans).\n\n");
        md.append("| read | ms | GC ms |\n|:---|---:|---:|\n");
        md.append(String.format(Locale.ROOT, "| FastCSV bare parse | %s | %s |%n", of(csv, CsvBench.Run::bareReadMs).format("%.0f"),
                of(csv, CsvBench.Run::bareReadGcMs).format("%.0f")));
        md.append(String.format(Locale.ROOT, "| `Frame.readCsv` | %s | %s |%n", of(csv, CsvBench.Run::frameReadMs).format("%.0f"),
                of(csv, CsvBench.Run::frameReadGcMs).format("%.0f")));
        md.append(String.format(Locale.ROOT, "| FastCSV keeping every record | %s | %s |%n%n",
                of(csv, CsvBench.Run::keepingReadMs).format("%.0f"), of(csv, CsvBench.Run::keepingReadGcMs).format("%.0f")));
        md.append(String.format(Locale.ROOT, "A bare parse drops each record as it goes; a table keeps every value. "
                        + "FastCSV keeping its records (the second column) holds a String per value, ten million per "
                        + "million rows, and collecting them takes %.0f ms of its read. `Frame` packs the text of many "
                        + "rows into one array (a byte a char for Latin-1 text), with an int per value for where it ends, "
                        + "so a million rows are a handful of arrays: %.0f MB of heap per million rows and %.0f ms of GC "
                        + "pauses per read. Whatever gap is left to the bare parse is mostly that memory itself: each read "
                        + "follows a full GC that shrinks the heap, so the heap the table needs is committed and touched "
                        + "anew, which a bare parse, reusing a small young generation, does not need.%n%n",
                of(csv, CsvBench.Run::keepingReadGcMs).median(), of(csv, CsvBench.Run::heapMbPerMillionRows).median(),
                of(csv, CsvBench.Run::frameReadGcMs).median()));
        if (read.median() < 0.7) {
            missed.add(String.format(Locale.ROOT, "CSV read ratio %.2f (target >= 0.7)", read.median()));
        }
        if (write.median() < 0.7) {
            missed.add(String.format(Locale.ROOT, "CSV write ratio %.2f (target >= 0.7)", write.median()));
        }
    }

    private static <T> Figures of(List<T> runs, ToDoubleFunction<T> figure) {
        Figures f = new Figures();
        runs.forEach(r -> f.add(figure.applyAsDouble(r)));
        return f;
    }

}
