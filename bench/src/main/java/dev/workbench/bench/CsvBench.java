package dev.workbench.bench;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.writer.CsvWriter;
import dev.workbench.api.Frame;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Frame's CSV read and write against FastCSV's bare parse and write of the same file: throughput ratios, the
 * heap a million rows take once loaded, and the collector's share of a read.
 */
final class CsvBench {
    static final int COLUMNS = 10;

    /**
     * @param keepingReadRatio Frame's read against a FastCSV parse that also keeps every record (as a table must):
     *                         what is left once the cost of holding the values is on both sides
     * @param frameReadGcMs    collector time (pauses, all collectors) during Frame's read
     * @param keepingReadGcMs  the same during FastCSV's keeping parse
     */
    record Run(int rows, double readRatio, double keepingReadRatio, double writeRatio, double heapMbPerMillionRows,
               long fileBytes, double bareReadMs, double bareReadGcMs, double frameReadMs, double frameReadGcMs,
               double keepingReadMs, double keepingReadGcMs) {}

    private final Path dir = TempDirs.create("bench-csv");

    Run run(int rows) {
        try {
            Path file = dir.resolve("in.csv");
            writeBare(file, rows);
            long bytes = Files.size(file);

            usedHeapAfterGc();
            long gc = gcMillis();
            long t = System.nanoTime();
            long fields = parseBare(file);
            double bareRead = (System.nanoTime() - t) / 1e9;
            long bareGc = gcMillis() - gc;
            if (fields != (long) (rows + 1) * COLUMNS) {
                throw new IllegalStateException("FastCSV read " + fields + " fields");
            }

            usedHeapAfterGc();
            gc = gcMillis();
            t = System.nanoTime();
            int kept = parseKeeping(file);
            double keepingRead = (System.nanoTime() - t) / 1e9;
            long keepingGc = gcMillis() - gc;
            if (kept != rows + 1) {
                throw new IllegalStateException("FastCSV kept " + kept + " records");
            }

            long heapBefore = usedHeapAfterGc();
            gc = gcMillis();
            t = System.nanoTime();
            Frame frame = Frame.readCsv(file);
            double frameRead = (System.nanoTime() - t) / 1e9;
            long frameGc = gcMillis() - gc;
            long heapAfter = usedHeapAfterGc();
            if (frame.rowCount() != rows) {
                throw new IllegalStateException("Frame read " + frame.rowCount() + " rows");
            }
            double heapMb = (heapAfter - heapBefore) / 1e6 * (1_000_000.0 / rows);

            Path frameOut = dir.resolve("frame-out.csv");
            t = System.nanoTime();
            frame.writeCsv(frameOut);
            double frameWrite = (System.nanoTime() - t) / 1e9;

            Path bareOut = dir.resolve("bare-out.csv");
            t = System.nanoTime();
            writeBare(bareOut, rows);
            double bareWrite = (System.nanoTime() - t) / 1e9;
            // Line endings may differ (LF or CRLF); anything beyond one byte per line is a wrong file.
            if (Math.abs(Files.size(frameOut) - bytes) > rows + 1) {
                throw new IllegalStateException("Frame wrote " + Files.size(frameOut) + " bytes, FastCSV " + bytes);
            }
            return new Run(rows, bareRead / frameRead, keepingRead / frameRead, bareWrite / frameWrite, heapMb, bytes,
                    bareRead * 1e3, bareGc, frameRead * 1e3, frameGc, keepingRead * 1e3, keepingGc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            TempDirs.delete(dir);
        }
    }

    private static void writeBare(Path file, int rows) throws IOException {
        try (CsvWriter writer = CsvWriter.builder().build(file)) {
            String[] record = new String[COLUMNS];
            for (int c = 0; c < COLUMNS; c++) {
                record[c] = "col" + c;
            }
            writer.writeRecord(record);
            for (int r = 0; r < rows; r++) {
                record[0] = Integer.toString(r);
                record[1] = "CC(=O)OC1=CC=CC=C1C(=O)O";
                record[2] = "name, with comma " + (r % 1000);
                for (int c = 3; c < COLUMNS; c++) {
                    record[c] = Double.toString((r * 31 + c) / 7.0);
                }
                writer.writeRecord(record);
            }
        }
    }

    private static long parseBare(Path file) throws IOException {
        long fields = 0;
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(file)) {
            for (CsvRecord record : reader) {
                fields += record.getFieldCount();
            }
        }
        return fields;
    }

    private static int parseKeeping(Path file) throws IOException {
        List<String[]> records = new ArrayList<>();
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(file)) {
            for (CsvRecord record : reader) {
                records.add(record.getFields().toArray(new String[0]));
            }
        }
        return records.size();
    }

    private static long gcMillis() {
        long ms = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ms += Math.max(0, gc.getCollectionTime());
        }
        return ms;
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
