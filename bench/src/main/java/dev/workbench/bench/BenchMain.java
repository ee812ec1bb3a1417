package dev.workbench.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./workbench bench [--quick] [--out FILE]}: runs every benchmark on an embedded local cloud and writes
 * the figures (median with min-max over repeated runs) to BENCHMARKS.md.
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) {
        boolean quick = false;
        boolean csvOnly = false;
        Path out = Path.of(System.getProperty("workbench.home", ".")).resolve("BENCHMARKS.md");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--csv" -> csvOnly = true;
                case "--out" -> out = Path.of(args[++i]);
                case "-h", "--help" -> {
                    System.out.println("""
                            Usage: workbench bench [--quick] [--csv] [--out FILE]
                            Runs the benchmarks on an embedded local cloud and writes FILE (default BENCHMARKS.md).
                              --quick   1,000 and 10,000 rows once each, CSV at 200,000 rows (under 3 minutes)
                              --csv     only the CSV benchmark (no local cloud)
                              (full)    1,000 and 10,000 rows three times, 100,000 once, CSV at 1,000,000 rows""");
                    return;
                }
                default -> {
                    System.err.println("workbench bench: unknown option " + args[i] + " (see --help)");
                    System.exit(2);
                }
            }
        }
        BenchPlan plan = new BenchPlan(quick);
        BenchReport report = csvOnly ? csv(plan, new BenchReport(plan)) : run(plan);
        report.write(out);
        System.out.println("wrote " + out.toAbsolutePath());
        System.exit(0);
    }

    /** Runs a plan and returns its report; progress goes to stdout. */
    public static BenchReport run(BenchPlan plan) {
        BenchReport report = new BenchReport(plan);
        try (BenchCloud bench = new BenchCloud()) {
            progress("async: deploying the latency model (" + AsyncBench.INSTANCES + " instances x "
                    + AsyncBench.CONCURRENCY + " concurrent, " + AsyncBench.MS_PER_ROW + " ms per row)");
            AsyncBench async = new AsyncBench(bench);
            progress("async: warming up");
            async.warmUp();
            for (int rows : plan.asyncRows()) {
                int repeats = plan.repeats(rows);
                List<AsyncBench.Run> runs = new ArrayList<>();
                for (int r = 0; r < repeats; r++) {
                    progress("async: ours, " + rows + " rows, run " + (r + 1) + "/" + repeats);
                    runs.add(async.ours(rows));
                }
                report.async(rows, runs);
                if (plan.baselineRows().contains(rows)) {
                    List<AsyncBench.BaselineRun> baseline = new ArrayList<>();
                    for (int r = 0; r < Math.min(repeats, plan.baselineRepeats()); r++) {
                        progress("async: reference strategy, " + rows + " rows, run " + (r + 1));
                        baseline.add(async.baseline(rows));
                    }
                    report.baseline(rows, baseline);
                }
            }
            progress("sync: deploying smiles-descriptors");
            SyncBench sync = new SyncBench(bench);
            sync.run(4, 200); // warm both paths before measuring
            for (int threads : List.of(1, 4, 16)) {
                List<SyncBench.Run> runs = new ArrayList<>();
                for (int r = 0; r < plan.syncRepeats(); r++) {
                    progress("sync: " + threads + " threads, " + plan.syncRows() + " rows, run " + (r + 1));
                    runs.add(sync.run(threads, plan.syncRows()));
                }
                report.sync(threads, runs);
            }
        }
        return csv(plan, report);
    }

    private static BenchReport csv(BenchPlan plan, BenchReport report) {
        List<CsvBench.Run> csv = new ArrayList<>();
        for (int r = 0; r < plan.csvRepeats(); r++) {
            progress("csv: " + plan.csvRows() + " rows x " + CsvBench.COLUMNS + " columns, run " + (r + 1));
            csv.add(new CsvBench().run(plan.csvRows()));
        }
        report.csv(csv);
        return report;
    }

    private static void progress(String line) {
        System.out.println("[bench] " + line);
    }
}
