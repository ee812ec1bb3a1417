package dev.workbench.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.workbench.api.Cloud;
import dev.workbench.api.Endpoint;
import dev.workbench.api.Frame;
import dev.workbench.api.InferenceJob;
import dev.workbench.local.LocalCloud;
import dev.workbench.local.spi.Timing;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** local-cloud stopped and started again on the same port and data directory while an inference runs. */
class CloudRestartTest {
    static final int ROWS = 300;

    @TempDir
    Path cloudDir;

    @TempDir
    Path data;

    @Test
    void theClientRidesOutARestartOfTheCloudAndFinishesWithEveryRow() throws Exception {
        LocalCloud lc = LocalCloud.start(c -> c.port(0).dataDir(cloudDir).timing(Timing.fast()));
        int port = lc.port();
        try (Cloud cloud = Cloud.at(lc.endpoint(), s -> s.dataDir(data))) {
            Endpoint endpoint = Clouds.deployLatency(cloud, "restart", Map.of("LATENCY_MS_PER_ROW", "20"),
                    d -> d.maxConcurrent(2).minInstances(1));
            Frame in = Rows.numbered(ROWS, "restart");
            InferenceJob job = endpoint.submit(in, o -> o.batchSize(10));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (job.progress().rowsDone() < 50 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            int doneAtStop = job.progress().rowsDone();
            lc.close();
            Thread.sleep(1500);
            lc = LocalCloud.start(c -> c.port(port).dataDir(cloudDir).timing(Timing.fast()));
            System.out.println("local-cloud restarted on port " + port + " with " + doneAtStop + "/" + ROWS + " rows done");

            Frame out;
            try {
                out = job.future().get(120, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                throw new AssertionError("the inference did not survive the restart: " + e.getCause(), e.getCause());
            }
            Rows.assertSameRowsInOrder(in, out);
            assertEquals(0, out.errorCount(), "no row failed because of the restart");
            assertEquals(List.of(), Clouds.leftovers(cloud, "restart", Duration.ofSeconds(10)));
        } finally {
            lc.close();
        }
    }
}
