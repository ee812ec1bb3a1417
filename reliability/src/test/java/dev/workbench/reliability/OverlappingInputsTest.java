package dev.workbench.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.workbench.api.Cloud;
import dev.workbench.api.Frame;
import dev.workbench.api.InferenceJob;
import dev.workbench.local.LocalCloud;
import dev.workbench.local.junit.LocalCloudExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Identical batches share compute across inputs: a run over a file that repeats rows of another run's file at
 * another position, in batches that line up, shares those batches' invocations (the lease is on the content, not
 * the position); and equal batches inside one input are each answered, never taken for one another.
 */
class OverlappingInputsTest {
    static final int BATCH = 25;

    @RegisterExtension
    static LocalCloudExtension local = LocalCloudExtension.fast();

    @TempDir
    static Path data;

    @BeforeAll
    static void deploy() {
        try (Cloud cloud = Cloud.at(local.cloud().endpoint(), s -> s.dataDir(data))) {
            // A batch takes 1.5 s, two at a time: the first run's batches of the shared rows (its 5th to 8th)
            // are still leased 3 s after it starts, long after the second run has started, even on a busy machine.
            Clouds.deployLatency(cloud, "overlap", Map.of("LATENCY_MS_PER_ROW", "60"),
                    d -> d.minInstances(1).maxInstances(1).maxConcurrent(2));
        }
    }

    @Test
    void runsOverOverlappingFilesAtTheSameTimeShareTheirCommonBatches() throws Exception {
        LocalCloud lc = local.cloud();
        Frame first = Rows.numbered(0, 200, "ovl");
        Frame second = Rows.numbered(100, 200, "ovl"); // rows 100..299: its first 4 batches are rows of the first file
        // Two participants (separate journals, as two machines), both with every batch in flight at once.
        try (Cloud a = Cloud.at(lc.endpoint(), s -> s.dataDir(data.resolve("a")));
                Cloud b = Cloud.at(lc.endpoint(), s -> s.dataDir(data.resolve("b")))) {
            long before = lc.stats().get("runtime.InvokeEndpointAsync");
            InferenceJob one = a.endpoint("overlap").submit(first, o -> o.batchSize(BATCH));
            InferenceJob two = b.endpoint("overlap").submit(second, o -> o.batchSize(BATCH));
            Frame outOne = one.future().get(120, TimeUnit.SECONDS);
            Frame outTwo = two.future().get(120, TimeUnit.SECONDS);
            Rows.assertSameRowsInOrder(first, outOne);
            Rows.assertSameRowsInOrder(second, outTwo);
            assertEquals(0, outOne.errorCount() + outTwo.errorCount());
            assertEquals(12, lc.stats().get("runtime.InvokeEndpointAsync") - before,
                    "16 batches asked, the 4 of rows 100..199 invoked once for both files");
            assertEquals(List.of(), Clouds.leftovers(a, "overlap", Duration.ofSeconds(40)));
        }
    }

    @Test
    void equalBatchesInOneInputAreEachAnswered() {
        LocalCloud lc = local.cloud();
        Frame block = Rows.numbered(1000, BATCH, "dup");
        Frame in = Frame.concat(List.of(block, Rows.numbered(2000, BATCH, "dup"), block, block));
        try (Cloud cloud = Cloud.at(lc.endpoint(), s -> s.dataDir(data))) {
            long before = lc.stats().get("runtime.InvokeEndpointAsync");
            Frame out = cloud.endpoint("overlap").inference(in, o -> o.batchSize(BATCH));
            Rows.assertSameRowsInOrder(in, out);
            assertEquals(0, out.errorCount());
            assertEquals(4, lc.stats().get("runtime.InvokeEndpointAsync") - before,
                    "each batch of the input invoked once: equal batches are not taken for one another");

        }
    }
}
