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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run following another's leases, when that other run ends and goes away before the follower read its
 * results (they are unpublished at close): the follower invokes those batches itself and finishes. Found with
 * `reliability/cli-soak.py`: with a small in-flight window the follower's places leaked and it hung.
 */
class HolderLeavesEarlyTest {
    @RegisterExtension
    static LocalCloudExtension local = LocalCloudExtension.fast();

    @TempDir
    Path data;

    @Test
    void aFollowerWhoseHolderLeftWithoutAResultInvokesItselfAndFinishes() throws Exception {
        LocalCloud lc = local.cloud();
        Frame in = Rows.numbered(300, "early");
        try (Cloud follower = Cloud.at(lc.endpoint(), s -> s.dataDir(data.resolve("follower")))) {
            Clouds.deployLatency(follower, "early", Map.of("LATENCY_MS_PER_ROW", "2"), d -> d.minInstances(1).maxConcurrent(4));
            InferenceJob followed;
            try (Cloud holder = Cloud.at(lc.endpoint(), s -> s.dataDir(data.resolve("holder")))) {
                InferenceJob held = holder.endpoint("early").submit(in, o -> o.batchSize(10));
                // Its batches go first; then the follower finds them leased and follows two at a time.
                while (held.progress().batchesInFlight() < 10 && !held.isDone()) {
                    Thread.sleep(5);
                }
                followed = follower.endpoint("early").submit(in, o -> o.batchSize(10).maxInFlight(2));
                Rows.assertSameRowsInOrder(in, held.future().get(60, TimeUnit.SECONDS));
            } // the holder closes at once: what it published for followers is deleted
            Frame out;
            try {
                out = followed.future().get(90, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("the follower did not finish: " + followed.progress() + " "
                        + followed.batches().stream().filter(b -> !b.phase().toString().equals("DONE")).toList(), e);
            }
            Rows.assertSameRowsInOrder(in, out);
            assertEquals(0, out.errorCount());
            assertEquals(List.of(), Clouds.leftovers(follower, "early", Duration.ofSeconds(40)));
        }
    }
}
