package dev.workbench.reliability;

import dev.workbench.api.Cloud;
import dev.workbench.api.Frame;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A long-lived client process of the concurrency tests: {@code <endpointUrl> <dataDir> <endpoint>}, then one
 * command a line on stdin, {@code run <first> <count> <tag> <delayMs> <output.csv>}: waits the delay, runs one
 * async inference of {@link Rows#numbered(int, int, String)} rows with its journal in the data directory, writes
 * the result and answers {@code WORKER done <millis>} (or {@code WORKER error <message>}). One JVM serves many
 * repetitions, so the tests pay a JVM start per process, not per run; each run is still a separate process
 * sharing the journal file and the bucket with the others.
 */
public final class InferenceWorker {
    private InferenceWorker() {}

    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0]);
        Path dataDir = Path.of(args[1]);
        String endpoint = args[2];
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (Cloud cloud = Cloud.at(url, s -> s.dataDir(dataDir))) {
            System.out.println("WORKER ready");
            String line;
            while ((line = in.readLine()) != null) {
                String[] cmd = line.split(" ");
                if (!cmd[0].equals("run")) {
                    break;
                }
                long start = System.nanoTime();
                try {
                    Thread.sleep(Long.parseLong(cmd[4]));
                    Frame rows = Rows.numbered(Integer.parseInt(cmd[1]), Integer.parseInt(cmd[2]), cmd[3]);
                    Frame out = cloud.endpoint(endpoint).inference(rows, o -> o.batchSize(10));
                    out.writeCsv(Path.of(cmd[5]));
                    System.out.println("WORKER done " + (System.nanoTime() - start) / 1_000_000);
                } catch (RuntimeException e) {
                    System.out.println("WORKER error " + String.valueOf(e).replace('\n', ' '));
                }
            }
        }
    }
}
