package dev.workbench.bench;

import dev.workbench.api.Cloud;
import dev.workbench.api.Endpoint;
import dev.workbench.api.Frame;
import dev.workbench.api.StreamResult;
import dev.workbench.core.csv.CsvBatch;
import dev.workbench.core.csv.CsvBatches;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code StreamBench [--rows N] [--memory-rows M] [--xmx 512m] [--out BENCHMARKS.md]}: a CSV of N rows through an
 * async endpoint on the local cloud, streamed by a client JVM limited to {@code --xmx}, against the in-memory path
 * (read the Frame, {@code inference}, write) at M rows in a client JVM with room for it. The local cloud runs in
 * this JVM, the client in a forked one, so the client's heap figures are the client's alone. Every output is read
 * back: N rows, in input order, each echoing its input row. Writes the "Streaming" section of the benchmarks file
 * (kept by {@code ./workbench bench}). Run by hand; not part of the build:
 * {@code mvn -B -o -pl bench -am package -DskipTests} then
 * {@code java -cp "$(cat bench/target/classpath.txt):bench/target/classes" dev.workbench.bench.StreamBench}.
 */
public final class StreamBench {
    static final String START = "<!-- streaming:start -->";
    static final String END = "<!-- streaming:end -->";
    static final int BATCH = 5_000;
    static final int MAX_IN_FLIGHT = 32;

    private StreamBench() {
    }

    /** One client run, as the forked JVM reported it. */
    record Run(String mode, long rows, String xmx, double seconds, double peakLiveMb, double peakUsedMb) {
        double rowsPerSecond() {
            return rows / seconds;
        }

        double liveBytesPerRow() {
            return peakLiveMb * 1024 * 1024 / rows;
        }
    }

    public static void main(String[] args) throws Exception {
        long rows = 10_000_000;
        long memoryRows = 1_000_000;
        String xmx = "512m";
        String memoryXmx = "3g";
        Path out = Path.of(System.getProperty("workbench.home", ".")).resolve("BENCHMARKS.md");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rows" -> rows = Long.parseLong(args[++i]);
                case "--memory-rows" -> memoryRows = Long.parseLong(args[++i]);
                case "--xmx" -> xmx = args[++i];
                case "--memory-xmx" -> memoryXmx = args[++i];
                case "--out" -> out = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        List<Run> runs = new ArrayList<>();
        try (BenchCloud bench = new BenchCloud()) {
            Endpoint ep = bench.asyncLatencyEndpoint("bench-stream", 2, 8, 0);
            Path dir = bench.dir;
            Path memoryIn = dir.resolve("memory-in.csv");
            write(memoryIn, memoryRows);
            // The same size both ways first (like for like), then the streamed run the in-memory path cannot hold.
            runs.add(client(bench, ep, "memory", memoryIn, dir.resolve("memory-out.csv"), memoryXmx, memoryRows));
            runs.add(client(bench, ep, "stream", memoryIn, dir.resolve("stream-small-out.csv"), xmx, memoryRows));
            Files.deleteIfExists(memoryIn);
            Path in = dir.resolve("in.csv");
            progress("writing " + rows + " rows");
            write(in, rows);
            runs.add(client(bench, ep, "stream", in, dir.resolve("out.csv"), xmx, rows));
        }
        String section = render(runs);
        System.out.println(section);
        replaceSection(out, section);
        System.out.println("wrote " + out.toAbsolutePath());
        System.exit(0);
    }

    private static Run client(BenchCloud bench, Endpoint ep, String mode, Path in, Path out, String xmx, long rows)
            throws IOException, InterruptedException {
        progress(mode + ": " + rows + " rows, client -Xmx" + xmx);
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + xmx,
                "-cp", System.getProperty("java.class.path"), Client.class.getName(),
                bench.local.endpoint().toString(), bench.dir.resolve("client-" + mode).toString(), ep.name(), mode,
                in.toString(), out.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String result = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("RESULT ")) {
                    result = line;
                } else {
                    System.out.println("  [client] " + line);
                }
            }
        }
        int exit = p.waitFor();
        if (exit != 0 || result == null) {
            throw new IllegalStateException(mode + " client failed (exit " + exit + ")");
        }
        String[] f = result.split(" ");
        Run run = new Run(mode, rows, xmx, Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]));
        progress("checking " + out + " against the input");
        verify(in, out, rows);
        Files.deleteIfExists(out);
        progress(String.format(Locale.ROOT, "%s: %.1f s, peak live heap %.0f MB", mode, run.seconds, run.peakLiveMb));
        return run;
    }

    /** {@code id,text}: row i is {@code i,payload-<i*7919 mod 100003>}. */
    static void write(Path file, long rows) throws IOException {
        try (Writer w = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 20)) {
            w.write("id,text\n");
            for (long i = 0; i < rows; i++) {
                w.write(Long.toString(i));
                w.write(",payload-");
                w.write(Long.toString(i * 7919 % 100_003));
                w.write('\n');
            }
        }
    }

    /** Rows in = rows out, in order, each the echo of its input row with no error. */
    static void verify(Path in, Path out, long rows) {
        long n = 0;
        try (CsvBatches batches = CsvBatches.open(out, 50_000)) {
            for (CsvBatch b : batches) {
                Frame f = b.rows();
                for (int r = 0; r < f.rowCount(); r++, n++) {
                    String id = f.get(r, "id");
                    String text = f.get(r, "text");
                    if (!Long.toString(n).equals(id) || !("payload-" + (n * 7919 % 100_003)).equals(text)
                            || f.get(r, Frame.ERROR_COLUMN) != null) {
                        throw new IllegalStateException("output row " + n + " is " + f.values(r));
                    }
                }
            }
        }
        if (n != rows) {
            throw new IllegalStateException(out + " has " + n + " rows, the input " + rows);
        }
    }

    static String render(List<Run> runs) {
        StringBuilder md = new StringBuilder();
        md.append(START).append('\n');
        md.append("## Streaming\n\n");
        md.append("Written by `StreamBench` (run by hand, see the README) on ")
                .append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append(". `workbench infer`'s path "
                        + "(`endpoint.inferenceFile`) against the in-memory path (`Frame.readCsv`, `inference`, "
                        + "`writeCsv`): rows `id,text` through an async endpoint of the `latency` model (0 ms per "
                        + "row, 2 instances x 8 concurrent) on the local cloud, batches of " + BATCH + " rows, "
                        + MAX_IN_FLIGHT + " invocations in flight. The client runs in its own JVM, the local cloud "
                        + "in the benchmark's. Every output was read back: as many rows as the input, in input order, each "
                        + "echoing its input row without error. Peak live heap: the most heap in use after a full "
                        + "collection, forced once a second by a sampler thread (what the client holds, not garbage); "
                        + "peak used: the heap pools' peak, garbage included.\n\n");
        md.append("| path | rows | client -Xmx | s | rows/s | peak live heap MB | peak used heap MB "
                + "| live heap bytes per row |\n|:---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Run r : runs) {
            md.append(String.format(Locale.ROOT, "| %s | %,d | %s | %.1f | %,.0f | %.0f | %.0f | %.1f |%n",
                    r.mode.equals("stream") ? "streamed" : "in memory", r.rows, r.xmx, r.seconds, r.rowsPerSecond(),
                    r.peakLiveMb, r.peakUsedMb, r.liveBytesPerRow()));
        }
        Run memory = runs.stream().filter(r -> r.mode.equals("memory")).findFirst().orElse(null);
        Run small = runs.stream().filter(r -> r.mode.equals("stream") && memory != null && r.rows == memory.rows)
                .findFirst().orElse(null);
        Run big = runs.get(runs.size() - 1);
        if (memory != null && small != null) {
            md.append(String.format(Locale.ROOT, "%nAt %,d rows the streamed run took %.2f times the in-memory run's "
                            + "time per row and held %.2f times its live heap. At %,d rows (%.0f times as many) the "
                            + "streamed run's peak live heap was %.0f MB against %.0f MB at %,d rows (%.2f times). "
                            + "The in-memory path would need about %.0f MB of live heap for %,d rows "
                            + "(its bytes per row times the rows).%n",
                    memory.rows, small.seconds / memory.seconds, small.peakLiveMb / memory.peakLiveMb, big.rows,
                    (double) big.rows / small.rows, big.peakLiveMb, small.peakLiveMb, small.rows,
                    big.peakLiveMb / small.peakLiveMb,
                    memory.liveBytesPerRow() * big.rows / 1024 / 1024, big.rows));
        }
        md.append(END).append('\n');
        return md.toString();
    }

    /** Puts the section into the file (replacing an earlier one), leaving the rest as it is. */
    static void replaceSection(Path file, String section) throws IOException {
        String text = Files.exists(file) ? Files.readString(file) : "# Benchmarks\n\n";
        String updated = withSection(text, section);
        Files.writeString(file, updated, StandardCharsets.UTF_8);
    }

    static String withSection(String text, String section) {
        if (section.isEmpty()) {
            return text;
        }
        int s = text.indexOf(START);
        int e = text.indexOf(END);
        if (s >= 0 && e > s) {
            return text.substring(0, s) + section + text.substring(e + END.length()).replaceFirst("^\n", "");
        }
        return text + (text.endsWith("\n") ? "\n" : "\n\n") + section;
    }

    /** The section of an existing benchmarks file, empty when it has none. */
    static String sectionOf(Path file) {
        try {
            if (!Files.exists(file)) {
                return "";
            }
            String text = Files.readString(file);
            int s = text.indexOf(START);
            int e = text.indexOf(END);
            return s >= 0 && e > s ? text.substring(s, e + END.length()) + "\n" : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void progress(String message) {
        System.out.println("[stream-bench] " + message);
        System.out.flush();
    }

    /** The client JVM: one run, reported as {@code RESULT seconds peakLiveMB peakUsedMB}. */
    public static final class Client {
        private Client() {
        }

        public static void main(String[] args) {
            URI url = URI.create(args[0]);
            Path data = Path.of(args[1]);
            String endpoint = args[2];
            String mode = args[3];
            Path in = Path.of(args[4]);
            Path out = Path.of(args[5]);
            AtomicLong peakLive = watchLiveHeap();
            try (Cloud cloud = Cloud.at(url, s -> s.dataDir(data))) {
                Endpoint ep = cloud.endpoint(endpoint);
                resetPeaks();
                long start = System.nanoTime();
                if (mode.equals("stream")) {
                    StreamResult r = ep.inferenceFile(in.toString(), out.toString(),
                            o -> o.batchSize(BATCH).maxInFlight(MAX_IN_FLIGHT));
                    if (r.rowsFailed() != 0) {
                        throw new IllegalStateException(r.rowsFailed() + " rows failed");
                    }
                } else {
                    Frame input = Frame.readCsv(in);
                    Frame result = ep.inference(input, o -> o.batchSize(BATCH).maxInFlight(MAX_IN_FLIGHT));
                    System.gc(); // input and result are both held here: what the in-memory path retains
                    peakLive.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
                            Math::max);
                    result.writeCsv(out);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf(Locale.ROOT, "RESULT %.3f %.1f %.1f%n", seconds, peakLive.get() / 1048576.0,
                        peakUsed() / 1048576.0);
                System.out.flush();
            }
            System.exit(0);
        }

        /**
         * The largest heap still in use after a full collection, one forced every second: what the run holds,
         * without the garbage a young collection leaves in the old generation.
         */
        private static AtomicLong watchLiveHeap() {
            AtomicLong peak = new AtomicLong();
            Thread sampler = new Thread(() -> {
                while (true) {
                    System.gc();
                    peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "live-heap-sampler");
            sampler.setDaemon(true);
            sampler.start();
            return peak;
        }

        private static void resetPeaks() {
            ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        }

        private static long peakUsed() {
            long sum = 0;
            for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
                if (p.getType() == MemoryType.HEAP) {
                    sum += p.getPeakUsage().getUsed();
                }
            }
            return sum;
        }
    }
}
