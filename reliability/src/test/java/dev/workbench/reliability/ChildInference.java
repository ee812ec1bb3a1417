package dev.workbench.reliability;

import dev.workbench.api.Cloud;
import dev.workbench.api.Frame;
import java.net.URI;
import java.nio.file.Path;

/**
 * The client process of the crash test: {@code <endpointUrl> <dataDir> <endpoint> <rows> <tag> <output.csv>}.
 * Runs one async inference with its journal in the data directory and writes the result.
 */
public final class ChildInference {
    private ChildInference() {}

    public static void main(String[] args) {
        URI url = URI.create(args[0]);
        Path dataDir = Path.of(args[1]);
        String endpoint = args[2];
        int rows = Integer.parseInt(args[3]);
        try (Cloud cloud = Cloud.at(url, s -> s.dataDir(dataDir))) {
            Frame out = cloud.endpoint(endpoint).inference(Rows.numbered(rows, args[4]), o -> o.batchSize(10)
                    .onProgress(p -> System.out.println("progress " + p.rowsDone() + "/" + p.totalRows())));
            out.writeCsv(Path.of(args[5]));
            System.out.println("done " + out.rowCount());
        }
    }
}
