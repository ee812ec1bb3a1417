package dev.workbench.reliability;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** {@code workbench ...} in a child JVM as a user runs it: its own environment, connected by --endpoint-url. */
final class CliProcess {
    record Run(int exit, String output) {}

    private CliProcess() {}

    /** Runs the command (the connection flags appended) to its end, within two minutes, and prints what it said. */
    static Run run(URI endpoint, Path dataDir, Map<String, String> env, String... args) {
        Process p = start(endpoint, dataDir, env, args);
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "workbench " + String.join(" ", args) + " ended");
            System.out.println("workbench " + String.join(" ", args) + " -> exit " + p.exitValue() + "\n" + out);
            return new Run(p.exitValue(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Starts the command; stdout and stderr together on the process's input stream. */
    static Process start(URI endpoint, Path dataDir, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", Children.classpath(), "dev.workbench.cli.WorkbenchCli"));
        command.addAll(List.of(args));
        command.addAll(List.of("--endpoint-url", endpoint.toString(), "--data-dir", dataDir.toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().remove("AWS_ACCESS_KEY_ID");
        pb.environment().remove("AWS_SECRET_ACCESS_KEY");
        pb.environment().remove("WORKBENCH_BUCKET");
        pb.environment().put("AWS_REGION", "us-east-1");
        pb.environment().putAll(env);
        try {
            return pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
