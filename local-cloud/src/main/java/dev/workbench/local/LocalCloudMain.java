package dev.workbench.local;

import dev.workbench.local.faults.FaultsFile;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code LocalCloudMain [--port N] [--data-dir D] [--faults FILE]}: prints one line
 * {@code local cloud ready at http://127.0.0.1:N} and serves until stopped (SIGTERM or Ctrl-C).
 */
public final class LocalCloudMain {

    private LocalCloudMain() {
    }

    public static void main(String[] args) {
        LocalCloudConfig.Builder config = LocalCloudConfig.builder();
        try {
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--port" -> config.port(Integer.parseInt(value(args, ++i, arg)));
                    case "--data-dir" -> config.dataDir(Path.of(value(args, ++i, arg)));
                    case "--faults" -> config.faults(FaultsFile.read(Path.of(value(args, ++i, arg))));
                    case "-h", "--help" -> {
                        System.out.println("usage: local-cloud [--port N] [--data-dir DIR] [--faults FILE]");
                        return;
                    }
                    default -> throw new IllegalArgumentException("unknown option '" + arg + "'");
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println("local cloud: " + e.getMessage());
            System.err.println("usage: local-cloud [--port N] [--data-dir DIR] [--faults FILE]");
            System.exit(2);
            return;
        }
        LocalCloud cloud;
        try {
            cloud = LocalCloud.start(config.build());
        } catch (RuntimeException e) {
            System.err.println("local cloud failed to start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            cloud.close();
            stopped.countDown();
        }, "local-cloud-shutdown"));
        System.out.println("local cloud ready at " + cloud.endpoint());
        System.out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
