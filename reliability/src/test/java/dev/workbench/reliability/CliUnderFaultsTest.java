package dev.workbench.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.api.Cloud;
import dev.workbench.api.Frame;
import dev.workbench.local.LocalCloud;
import dev.workbench.local.faults.SeededFaultInjector;
import dev.workbench.local.spi.FaultSettings;
import dev.workbench.local.spi.Timing;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code workbench infer} run as a user runs it (a child JVM, credentials from the environment) against local-cloud
 * with faults on, with bad input, and with a known fake secret that must never show up.
 */
class CliUnderFaultsTest {
    static final String ACCESS_KEY = "AKIAFAKEFAKEFAKE0000";
    static final String SECRET = "reliabilitySecretDoNotLeak/1234567890abcdefgh";

    @TempDir
    static Path cloudDir;

    @TempDir
    static Path dir;

    static LocalCloud lc;
    static final List<String> outputs = new ArrayList<>();

    record Run(int exit, String output) {}

    @BeforeAll
    static void start() {
        lc = LocalCloud.start(c -> c.port(0).dataDir(cloudDir).timing(Timing.fast()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (lc != null) {
            lc.close();
            // No secret in anything the CLI printed, nor in any file of either data directory.
            for (String o : outputs) {
                assertFalse(o.contains(SECRET), "secret in CLI output: " + o);
            }
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path f : all.filter(Files::isRegularFile).toList()) {
                    assertFalse(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(SECRET), "secret in " + f);
                }
            }
        }
    }

    static Run cli(String... args) throws Exception {
        return cli(lc, Map.of(), args);
    }

    static Run cli(LocalCloud lc, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", Children.classpath(), "dev.workbench.cli.WorkbenchCli"));
        command.addAll(List.of(args));
        command.addAll(List.of("--endpoint-url", lc.endpoint().toString(), "--data-dir", dir.resolve("wb").toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().remove("AWS_ACCESS_KEY_ID");
        pb.environment().remove("AWS_SECRET_ACCESS_KEY");
        pb.environment().put("AWS_REGION", "us-east-1");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        System.out.println("workbench " + String.join(" ", args) + " -> exit " + p.exitValue() + "\n" + out);
        outputs.add(out);
        return new Run(p.exitValue(), out);
    }

    static void deploy(String name) {
        try (Cloud cloud = Cloud.at(lc.endpoint(), s -> s.dataDir(dir.resolve("deployer")))) {
            Clouds.deployLatency(cloud, name, Map.of("LATENCY_MS_PER_ROW", "1"), d -> d.minInstances(1));
        }
    }

    @Test
    void poisonedRowsExitThreeWithTheirErrorsAndARerunOfJustThoseSucceeds() throws Exception {
        deploy("cli-faults");
        long seed = System.nanoTime() & 0xffff;
        FaultSettings faults = new FaultSettings(seed, 0.05, 0.05, 0.05, Duration.ofMillis(2));
        System.out.println("CLI faults seed " + seed);
        Frame in = Rows.numbered(300, "cli");
        Path input = dir.resolve("in.csv");
        in.writeCsv(input);
        Path output = dir.resolve("out.csv");
        lc.faults().set(faults);
        Run run;
        try {
            run = cli("infer", "cli-faults", "-i", input.toString(), "-O", output.toString(), "--batch-size", "10");
        } finally {
            lc.faults().set(FaultSettings.none());
        }
        var replay = new SeededFaultInjector(faults);
        int poisoned = 0;
        for (int i = 0; i < in.rowCount(); i++) {
            poisoned += replay.poisonedRow(Rows.line(in, i)) ? 1 : 0;
        }
        Assumptions.assumeTrue(poisoned > 0, "seed " + seed + " poisoned no row");
        assertEquals(3, run.exit(), "some rows failed -> exit 3");
        Frame out = Frame.readCsv(output);
        Rows.assertSameRowsInOrder(in, out);
        for (int i = 0; i < in.rowCount(); i++) {
            if (replay.poisonedRow(Rows.line(in, i))) {
                assertNotNull(out.get(i, Frame.ERROR_COLUMN), "row " + i + " carries its error");
            } else {
                assertNull(out.get(i, Frame.ERROR_COLUMN), "row " + i + " succeeded");
            }
        }
        assertEquals(poisoned, out.errorCount());
        assertTrue(run.output().contains(poisoned + " failed"), "the user sees how many failed: " + run.output());

        Path retry = dir.resolve("retry.csv");
        out.failedRows().select("id", "code", "tag").writeCsv(retry);
        Path retried = dir.resolve("retried.csv");
        Run again = cli("infer", "cli-faults", "-i", retry.toString(), "-O", retried.toString());
        assertEquals(0, again.exit(), "with faults off the failed rows go through");
        Frame fixed = Frame.readCsv(retried);
        assertEquals(poisoned, fixed.rowCount());
        assertEquals(0, fixed.errorCount());
    }

    @Test
    void badInputExitsOneNamingTheProblemAndWritesNothing() throws Exception {
        deploy("cli-bad");
        Path output = dir.resolve("bad-out.csv");
        Map<String, byte[]> bad = Map.of(
                "empty.csv", new byte[0],
                "ragged.csv", "id,code\n1,2\n3\n".getBytes(StandardCharsets.UTF_8),
                "quote.csv", "id,code\n1,\"open\n".getBytes(StandardCharsets.UTF_8),
                "dup.csv", "id,id\n1,2\n".getBytes(StandardCharsets.UTF_8),
                "latin1.csv", "id,code\n1,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        for (var e : bad.entrySet()) {
            Path input = dir.resolve(e.getKey());
            Files.write(input, e.getValue());
            Run run = cli("infer", "cli-bad", "-i", input.toString(), "-O", output.toString());
            assertEquals(1, run.exit(), e.getKey());
            assertTrue(run.output().contains(e.getKey()), "names the file: " + run.output());
            assertFalse(Files.exists(output), "no output written for " + e.getKey());
        }
        // An existing output is left as it was when the run fails.
        byte[] before = "keep,me\n1,2\n".getBytes(StandardCharsets.UTF_8);
        Files.write(output, before);
        Run unknown = cli("infer", "no-such-endpoint", "-i", dir.resolve("ragged.csv").toString(), "-O", output.toString());
        assertEquals(1, unknown.exit());
        Frame.builder("id").row("1").build().writeCsv(dir.resolve("one.csv"));
        Run missing = cli("infer", "no-such-endpoint", "-i", dir.resolve("one.csv").toString(), "-O", output.toString(), "--debug");
        assertEquals(1, missing.exit());
        assertTrue(missing.output().contains("no-such-endpoint"), missing.output());
        assertArrayEquals(before, Files.readAllBytes(output), "the existing output is unchanged");
    }

    @Test
    void theCliTakesCredentialsFromTheEnvironmentAndNeverPrintsTheSecret(@TempDir Path other) throws Exception {
        try (LocalCloud secretCloud = LocalCloud.start(c -> c.port(0).dataDir(other).timing(Timing.fast())
                .accessKey(ACCESS_KEY).secretKey(SECRET))) {
            Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", SECRET);
            Run list = cli(secretCloud, env, "endpoints");
            assertEquals(0, list.exit(), list.output());
            Run missing = cli(secretCloud, env, "describe", "no-such-endpoint", "--debug");
            assertEquals(1, missing.exit(), missing.output());
            assertFalse(list.output().contains(SECRET) || missing.output().contains(SECRET));
        }
    }
}
