package dev.workbench.local.runtime;

import dev.workbench.local.model.ModelFailure;
import dev.workbench.local.model.ModelInput;
import dev.workbench.local.model.ModelOutput;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A user's model server run as a local process under the SageMaker container contract: it listens on
 * {@code SAGEMAKER_BIND_TO_PORT}, reads its artifacts from {@code SM_MODEL_DIR}, answers {@code GET /ping}
 * and {@code POST /invocations}. Stopped with SIGTERM, then SIGKILL after the grace period.
 */
final class CommandContainer implements RunningModel {

    private static final Logger LOG = LoggerFactory.getLogger(CommandContainer.class);
    private static final Duration PING_TIMEOUT = Duration.ofSeconds(2);

    private final Process process;
    private final int port;
    private final Path logFile;
    private final Duration stopGrace;
    private final HttpClient http;

    private CommandContainer(Process process, int port, Path logFile, Duration stopGrace, HttpClient http) {
        this.process = process;
        this.port = port;
        this.logFile = logFile;
        this.stopGrace = stopGrace;
        this.http = http;
    }

    /** Starts the command and waits until {@code /ping} answers 200, the process exits, or the timeout passes. */
    static CommandContainer start(String commandLine, Map<String, String> environment, Path modelDir, Path logFile,
            Duration startTimeout, Duration stopGrace, Consumer<String> output) {
        List<String> command = Arrays.stream(commandLine.trim().split(" +")).toList();
        int port = freePort();
        var builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.PIPE)
                .directory(modelDir.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("SAGEMAKER_BIND_TO_PORT", Integer.toString(port));
        builder.environment().put("SM_MODEL_DIR", modelDir.toString());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new ModelStartException("Cannot run the container command '" + commandLine + "': " + e.getMessage(), e);
        }
        copyOutput(process, logFile, output);
        var http = HttpClient.newBuilder().connectTimeout(PING_TIMEOUT).version(HttpClient.Version.HTTP_1_1).build();
        var container = new CommandContainer(process, port, logFile, stopGrace, http);
        container.awaitHealthy(commandLine, startTimeout);
        return container;
    }

    /**
     * The container's stdout and stderr, line by line, to its log file and to {@code output} (its CloudWatch Logs
     * stream), on a thread that ends when the process closes them.
     */
    private static void copyOutput(Process process, Path logFile, Consumer<String> output) {
        Thread copier = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                 BufferedWriter file = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                         StandardOpenOption.APPEND)) {
                for (String line; (line = in.readLine()) != null; ) {
                    file.write(line);
                    file.newLine();
                    file.flush();
                    try {
                        output.accept(line);
                    } catch (RuntimeException e) {
                        LOG.debug("Container output line not logged: {}", e.toString());
                    }
                }
            } catch (IOException e) {
                LOG.debug("Container output of pid {} ended: {}", process.pid(), e.toString());
            }
        }, "container-output-" + process.pid());
        copier.setDaemon(true);
        copier.start();
    }

    private void awaitHealthy(String commandLine, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new ModelStartException("The container command '" + commandLine + "' exited with code "
                        + process.exitValue() + " before passing the ping health check. " + logTail());
            }
            try {
                HttpResponse<Void> ping = http.send(HttpRequest.newBuilder(uri("/ping")).timeout(PING_TIMEOUT).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                if (ping.statusCode() == 200) {
                    return;
                }
                last = "GET /ping answered " + ping.statusCode();
            } catch (ConnectException e) {
                last = "nothing listening on port " + port;
            } catch (IOException e) {
                last = "GET /ping failed: " + e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new ModelStartException("Interrupted while waiting for the container to become healthy");
            }
            sleep(100);
        }
        close();
        throw new ModelStartException("The primary container did not pass the ping health check within "
                + timeout.toSeconds() + " s (" + last + "). Please check the logs at " + logFile + ".");
    }

    @Override
    public ModelOutput invoke(ModelInput input) {
        if (!process.isAlive()) {
            throw new ModelFailure(500, "The container process has exited with code " + process.exitValue());
        }
        var request = HttpRequest.newBuilder(uri("/invocations"))
                .header("Content-Type", input.contentType())
                .header("Accept", input.accept())
                .POST(HttpRequest.BodyPublishers.ofByteArray(input.body()))
                .build();
        try {
            HttpResponse<byte[]> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException stale) {
                // A server that closes each connection after its answer (Python's http.server speaks HTTP/1.0)
                // can race the client's reuse of it: the request then meets a closed socket and no byte of an
                // answer. That is the connection's fault, not the model's: one more try on a new connection.
                if (!process.isAlive() || !String.valueOf(stale.getMessage()).contains("received no bytes")) {
                    throw stale;
                }
                response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            }
            if (response.statusCode() / 100 != 2) {
                throw new ModelFailure(response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
            }
            String type = response.headers().firstValue("Content-Type").orElse(input.accept());
            return new ModelOutput(response.body(), type);
        } catch (IOException e) {
            throw new ModelFailure(500, "The container did not answer POST /invocations: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelFailure(500, "Interrupted while waiting for the container");
        }
    }

    @Override
    public String logName() {
        return logFile.toString();
    }

    /** SIGTERM to the process and its children, SIGKILL for whatever is left after the grace period. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(stopGrace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Container pid {} ignored SIGTERM for {}; killing it", process.pid(), stopGrace);
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** Kills the process at once (a crash), without the grace period. */
    void crash() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            int from = Math.max(0, lines.size() - 5);
            return "Last output: " + String.join(" | ", lines.subList(from, lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "See " + logFile;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new ModelStartException("Cannot find a free port: " + e.getMessage(), e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
