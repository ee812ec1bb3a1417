package dev.workbench.reliability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** {@link InferenceWorker} processes driven over stdin; their answers are read off stdout by one thread each. */
final class Workers implements AutoCloseable {
    /** One worker process. */
    static final class Worker {
        final Process process;
        final Writer commands;
        final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
        final Path log;

        Worker(Process process, Path log) {
            this.process = process;
            this.log = log;
            this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        }

        void send(String line) {
            try {
                commands.write(line + "\n");
                commands.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("worker " + process.pid() + " is gone (see " + log + ")", e);
            }
        }

        /** The next answer, or null when none came within the timeout. */
        String await(long timeoutMillis) throws InterruptedException {
            return answers.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        }
    }

    private final List<Worker> workers = new ArrayList<>();

    /** Starts {@code n} workers, each with its data directory from {@code dataDirs} (shared when equal). */
    Workers(URI endpointUrl, String endpoint, List<Path> dataDirs, Path logs) throws Exception {
        this(endpointUrl, endpoint, dataDirs, logs, false);
    }

    /**
     * @param ownMachines each worker names a host of its own in its participant id, so it tells whether the
     *                    others are alive only from their registrations in S3, as on separate machines
     */
    Workers(URI endpointUrl, String endpoint, List<Path> dataDirs, Path logs, boolean ownMachines) throws Exception {
        for (int i = 0; i < dataDirs.size(); i++) {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-XX:TieredStopAtLevel=1"));
            if (ownMachines) {
                command.add("-Dworkbench.participant.host=machine-" + i);
            }
            command.addAll(List.of("-cp", Children.classpath(), InferenceWorker.class.getName(),
                    endpointUrl.toString(), dataDirs.get(i).toString(), endpoint));
            Path log = logs.resolve("worker-" + i + ".log");
            Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
            Worker w = new Worker(p, log);
            Thread reader = new Thread(() -> read(w), "worker-reader-" + i);
            reader.setDaemon(true);
            reader.start();
            workers.add(w);
        }
        for (Worker w : workers) {
            String ready = w.await(60_000);
            if (!"ready".equals(ready)) {
                throw new AssertionError("worker " + w.process.pid() + " did not start: " + ready + " (see " + w.log + ")");
            }
        }
    }

    Worker get(int i) {
        return workers.get(i);
    }

    int size() {
        return workers.size();
    }

    private static void read(Worker w) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(w.process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("WORKER ")) {
                    w.answers.add(line.substring("WORKER ".length()));
                }
            }
        } catch (IOException e) {
            // the process ended
        }
        w.answers.add("exited");
    }

    @Override
    public void close() throws InterruptedException {
        for (Worker w : workers) {
            try {
                w.commands.close();
            } catch (IOException e) {
                // already gone
            }
        }
        for (Worker w : workers) {
            if (!w.process.waitFor(20, TimeUnit.SECONDS)) {
                w.process.destroyForcibly();
            }
        }
    }
}
