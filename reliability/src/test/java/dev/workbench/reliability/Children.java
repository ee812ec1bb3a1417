package dev.workbench.reliability;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts a JVM running a main class of these tests on the test classpath. */
final class Children {
    private Children() {}

    static String classpath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    static Process start(Class<?> main, Path log, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(classpath());
        command.add(main.getName());
        command.addAll(args);
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code workbench ARGS} as a user runs it: its own JVM, output and errors on one stream. */
    static Process workbench(List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath(), "dev.workbench.cli.WorkbenchCli"));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("AWS_REGION", "us-east-1");
        return pb.start();
    }

    static boolean onClasspath(String className) {
        for (String entry : classpath().split(File.pathSeparator)) {
            if (entry.contains("dsl")) {
                // checked below through loading; the entry scan only keeps this cheap when absent
                break;
            }
        }
        try {
            Class.forName(className, false, Children.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
