package dev.workbench.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.api.Cloud;
import dev.workbench.api.Endpoint;
import dev.workbench.api.Frame;
import dev.workbench.local.junit.LocalCloudExtension;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Endpoints whose model takes far too long on one row, with the caller's own invocation timeout. */
class InvocationTimeoutTest {
    static final int ROWS = 32;
    static final int SLOW_ROW = 11;
    static final Duration TIMEOUT = Duration.ofSeconds(3);

    @RegisterExtension
    static LocalCloudExtension local = LocalCloudExtension.fast();

    @TempDir
    static Path data;

    @BeforeAll
    static void deploy() {
        try (Cloud cloud = Cloud.at(local.cloud().endpoint(), s -> s.dataDir(data))) {
            cloud.registerModel("slow-row", r -> r.image(slowModelImage())
                            .environment(Map.of("SLOW_IDS", Integer.toString(SLOW_ROW), "SLOW_SECONDS", "45")))
                    .toEndpoint(d -> d.async(false).maxInstances(1));
            cloud.registerModel("slow-row-async", r -> r.image(slowModelImage())
                            .environment(Map.of("SLOW_IDS", Integer.toString(SLOW_ROW), "SLOW_SECONDS", "45")))
                    .toEndpoint(d -> d.async(true).minInstances(1).maxInstances(1).maxConcurrent(4));
            cloud.registerModel("slow-answer", r -> r.image(slowModelImage())
                            .environment(Map.of("SLOW_IDS", "0", "SLOW_SECONDS", "35")))
                    .toEndpoint(d -> d.async(false).maxInstances(1));
        }
    }

    @Test
    void anAnswerWithinSageMakersSixtySecondSyncLimitIsWaitedForWhenTheTimeoutAllowsIt() {
        try (Cloud cloud = Cloud.at(local.cloud().endpoint(), s -> s.dataDir(data))) {
            Frame in = Rows.numbered(2, "slow-answer");
            long t0 = System.nanoTime();
            Frame out = cloud.endpoint("slow-answer").inference(in, o -> o.invocationTimeout(Duration.ofSeconds(50)));
            long took = (System.nanoTime() - t0) / 1_000_000;
            System.out.println("a 35 s answer came after " + took + " ms");
            assertEquals(0, out.errorCount(), "answered: " + out);
            assertEquals("0", out.get(0, "answer"));
            assertEquals("2", out.get(1, "answer"));
            assertTrue(took >= 35_000, "the model took its 35 s: " + took);
        }
    }

    /** The command image local-cloud runs: this module's {@link SlowModelServer} in a JVM of its own. */
    static String slowModelImage() {
        try {
            Path classes = Path.of(SlowModelServer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Path.of(System.getProperty("java.home"), "bin", "java") + " -cp " + classes + " "
                    + SlowModelServer.class.getName();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void onlyTheSlowRowFailsWithTheTimeoutAndFindingItTakesFarLessThanOneTimeoutPerHalving() {
        try (Cloud cloud = Cloud.at(local.cloud().endpoint(), s -> s.dataDir(data))) {
            Endpoint ep = cloud.endpoint("slow-row");
            Frame in = Rows.numbered(ROWS, "slow");

            long t0 = System.nanoTime();
            Frame out = ep.inference(in, o -> o.batchSize(ROWS).invocationTimeout(TIMEOUT));
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            System.out.println(ROWS + " rows with one slow row took " + took.toMillis() + " ms at a " + TIMEOUT.toSeconds()
                    + " s invocation timeout");

            assertOnlyTheSlowRowTimedOut(in, out);
            // Halving 32 rows to the slow one is 5 levels: 6 timeouts in a row (18 s) one after the other.
            int levels = 5;
            assertTrue(took.compareTo(TIMEOUT.multipliedBy(levels)) < 0,
                    "isolating the slow row took " + took.toMillis() + " ms, not well below " + levels + " timeouts");
        }
    }

    @Test
    void workbenchInferTakesTheInvocationTimeoutFromTheCommandLineOnSync() throws Exception {
        inferWithATimeoutOfThreeSeconds("slow-row");
    }

    /** Async: the timeout is each invocation's InvocationTimeoutSeconds; local-cloud fails the invocation after it. */
    @Test
    void workbenchInferTakesTheInvocationTimeoutFromTheCommandLineOnAsync() throws Exception {
        inferWithATimeoutOfThreeSeconds("slow-row-async", "--batch-size", "4");
    }

    private static void inferWithATimeoutOfThreeSeconds(String endpoint, String... more) throws Exception {
        Frame in = Rows.numbered(16, "slow-cli");
        Path input = data.resolve(endpoint + "-in.csv");
        Path output = data.resolve(endpoint + "-out.csv");
        in.writeCsv(input);
        List<String> args = new ArrayList<>(List.of("infer", endpoint, "--input", input.toString(), "--output",
                output.toString(), "--invocation-timeout", "3s", "--progress", "none",
                "--endpoint-url", local.cloud().endpoint().toString(), "--data-dir", data.resolve("cli").toString()));
        args.addAll(List.of(more));
        Process p = Children.workbench(args);
        String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), printed);
        System.out.println("workbench infer " + endpoint + " --invocation-timeout 3s -> exit " + p.exitValue() + "\n" + printed);
        assertEquals(3, p.exitValue(), "some rows failed: " + printed);
        assertTrue(printed.contains("16 rows, 1 failed"), printed);
        assertOnlyTheSlowRowTimedOut(in, Frame.readCsv(output));
    }

    private static void assertOnlyTheSlowRowTimedOut(Frame in, Frame out) {
        Rows.assertSameRowsInOrder(in, out);
        for (int i = 0; i < in.rowCount(); i++) {
            String error = out.get(i, Frame.ERROR_COLUMN);
            if (i == SLOW_ROW) {
                assertTrue(error != null && error.contains("invocation timeout of 3 s"), "row " + i + ": " + error);
                continue;
            }
            assertNull(error, "row " + i + " is not slow and must not fail");
            assertEquals(Integer.toString(2 * i), out.get(i, "answer"), "row " + i + " answered");
        }
    }
}
