package dev.workbench.core.async;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.api.BatchState;
import dev.workbench.api.Cloud;
import dev.workbench.api.Endpoint;
import dev.workbench.api.EndpointMeta;
import dev.workbench.api.Frame;
import dev.workbench.api.InferenceJob;
import dev.workbench.api.InferenceOptions;
import dev.workbench.api.JournalBatch;
import dev.workbench.api.PurgeResult;
import dev.workbench.local.junit.LocalCloudExtension;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/** {@link Endpoint#purge}: queued inputs of batches whose process died go; a live job's stay and finish. */
class AsyncPurgeTest {

    @RegisterExtension
    static LocalCloudExtension local = LocalCloudExtension.fast();

    @TempDir
    Path dataDir;

    private Cloud cloud;

    @BeforeEach
    void connect() {
        cloud = Cloud.at(local.cloud().endpoint(), s -> s.dataDir(dataDir));
    }

    @AfterEach
    void disconnect() {
        cloud.close();
    }

    private static Frame rows(int n, String tag) {
        Frame.Builder b = Frame.builder("id", "tag");
        for (int i = 0; i < n; i++) {
            b.row(Integer.toString(i), tag);
        }
        return b.build();
    }

    /** Objects under the prefix, key to size, as the S3 client lists them. */
    private Map<String, Long> objects(String prefix) {
        Map<String, Long> out = new HashMap<>();
        cloud.s3().listObjectsV2Paginator(b -> b.bucket(cloud.bucket()).prefix(prefix)).contents()
                .forEach(o -> out.put(o.key(), o.size()));
        return out;
    }

    @Test
    void abandonedBatchesAreDeletedAndALiveJobsAreKept() throws Exception {
        String ep = "purge-dead";
        String inputs = "endpoints/" + ep + "/async-input/";
        // One slow instance: the crashed run's batches stay queued behind the first.
        LatencyEndpoints.deploy(cloud, ep, Map.of("LATENCY_MS_PER_ROW", "300"), 1);

        Cloud crashed = Cloud.at(local.cloud().endpoint(), s -> s.dataDir(dataDir));
        AsyncRoundTrip trip = new AsyncRoundTrip(crashed);
        InferenceJob dead = trip.submit(ep, rows(80, "dead"), InferenceOptions.defaults(), EndpointMeta.empty());
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (trip.journalBatches().stream().filter(b -> b.state().equals("SUBMITTED")).count() < 8
                && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        Set<String> deadIds = new HashSet<>();
        for (BatchState s : dead.batches()) {
            deadIds.add(s.inferenceId());
        }
        assertEquals(8, deadIds.size());
        // The crash: threads stop, nothing is cleaned up.
        trip.close();
        crashed.close();

        Endpoint endpoint = cloud.endpoint(ep);
        InferenceJob live = endpoint.submit(rows(20, "live"));
        end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (cloud.journalBatches().size() < 10 && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        Map<String, Long> before = objects(inputs);
        long deadBytes = 0;
        int deadInputs = 0;
        for (Map.Entry<String, Long> o : before.entrySet()) {
            if (deadIds.stream().anyMatch(id -> o.getKey().endsWith(id + ".csv"))) {
                deadBytes += o.getValue();
                deadInputs++;
            }
        }
        assertEquals(8, deadInputs, "the crashed run's inputs are still queued: " + before.keySet());
        assertEquals(10, before.size(), "and the live job's two: " + before.keySet());

        PurgeResult dry = endpoint.purge(o -> o.dryRun(true));
        assertTrue(dry.dryRun());
        assertEquals(8, dry.batches());
        assertEquals(before, objects(inputs), "a dry run deletes nothing");

        PurgeResult r = endpoint.purge();
        assertEquals(8, r.batches());
        assertEquals("s3://" + cloud.bucket() + "/" + inputs, r.prefix());
        // The first batch may already have its output written (nobody will read it): it goes too.
        assertTrue(r.objects() >= 8 && r.objects() <= 9, "objects " + r);
        assertTrue(r.bytes() >= deadBytes, "bytes " + r + " vs inputs " + deadBytes);
        Map<String, Long> after = objects(inputs);
        for (String key : after.keySet()) {
            assertFalse(deadIds.stream().anyMatch(id -> key.endsWith(id + ".csv")), "left " + key);
        }
        for (JournalBatch b : cloud.journalBatches()) {
            assertFalse(deadIds.contains(b.inferenceId()), "still open in the journal: " + b);
        }

        Frame out = live.future().get(120, TimeUnit.SECONDS);
        assertEquals(20, out.rowCount());
        assertEquals(0, out.errorCount(), "the live job's inputs were left alone");
        assertEquals(0, endpoint.purge().objects(), "nothing abandoned any more");
    }

    @Test
    void allDeletesEverythingUnderTheInputPrefixAndNothingElse() {
        String ep = "purge-all";
        String b = cloud.bucket();
        Map<String, String> queued = Map.of("endpoints/" + ep + "/async-input/a.csv", "x,y\n1,2\n",
                "endpoints/" + ep + "/async-input/b.csv", "x\n", "endpoints/" + ep + "/async-input/deep/c.csv", "");
        queued.forEach((k, v) -> cloud.s3().putObject(p -> p.bucket(b).key(k), RequestBody.fromString(v)));
        cloud.s3().putObject(p -> p.bucket(b).key("endpoints/" + ep + "/async-output/a.out"), RequestBody.fromString("o"));
        cloud.s3().putObject(p -> p.bucket(b).key("endpoints/" + ep + "-2/async-input/z.csv"), RequestBody.fromString("z"));

        PurgeResult abandoned = cloud.endpoint(ep).purge();
        assertEquals(0, abandoned.objects(), "without --all only journaled batches go");

        PurgeResult r = cloud.endpoint(ep).purge(o -> o.all(true));
        assertEquals(3, r.objects());
        assertEquals(8 + 2, r.bytes());
        assertEquals(Map.of(), objects("endpoints/" + ep + "/async-input/"));
        assertEquals(1, objects("endpoints/" + ep + "/async-output/").size());
        assertEquals(1, objects("endpoints/" + ep + "-2/").size());
    }
}
