package dev.workbench.dsl;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.tool.JavaShellToolBuilder;
import org.jspecify.annotations.Nullable;

/**
 * Runs JShell scripts (and the interactive JShell) in this JVM with the DSL imported and {@code wb} bound to a
 * {@link Workbench}, {@code args} to the script's arguments. Scripts run on JShell's in-process execution engine
 * so {@code wb} is the caller's very object.
 *
 * <pre>{@code
 * try (Workbench wb = Workbench.local()) {
 *   boolean ok = Scripts.run(Path.of("examples/batch-inference.jsh"), List.of("in.csv"), wb, System.err);
 * }
 * }</pre>
 */
public final class Scripts {
  /** The imports every script and shell starts with. */
  public static final List<String> IMPORTS = List.of("dev.workbench.api.*", "dev.workbench.dsl.*", "java.nio.file.*",
      "java.time.*", "java.util.*", "java.util.concurrent.*");

  private static volatile @Nullable Workbench current;
  private static volatile List<String> currentArgs = List.of();

  private Scripts() {}

  /** The Workbench bound to {@code wb} in the running script. */
  public static Workbench workbench() {
    Workbench wb = current;
    if (wb == null) {
      throw new IllegalStateException("no Workbench bound: run scripts with `workbench run`");
    }
    return wb;
  }

  /** The running script's arguments (bound to {@code args}). */
  public static String[] args() {
    return currentArgs.toArray(String[]::new);
  }

  /** The snippets that set a script up: imports, {@code wb}, {@code args}. */
  public static List<String> prelude() {
    List<String> lines = new ArrayList<>();
    for (String i : IMPORTS) {
      lines.add("import " + i + ";");
    }
    lines.add("Workbench wb = dev.workbench.dsl.Scripts.workbench();");
    lines.add("String[] args = dev.workbench.dsl.Scripts.args();");
    return lines;
  }

  /**
   * Runs {@code script} snippet by snippet; stops at the first snippet that does not compile or throws, reporting it
   * on {@code err} in one line. True when every snippet ran. A line {@code /exit} ends the script early.
   */
  public static synchronized boolean run(Path script, List<String> args, Workbench wb, PrintStream err) {
    String source;
    try {
      source = Files.readString(script, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read script " + script + ": " + e.getMessage(), e);
    }
    current = wb;
    currentArgs = List.copyOf(args);
    try (JShell shell = JShell.builder().executionEngine("local").out(System.out).err(System.err).build()) {
      shell.addToClasspath(System.getProperty("java.class.path"));
      for (String s : prelude()) {
        if (!evaluate(shell, s, script + " (prelude)", err)) {
          return false;
        }
      }
      SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
      String remaining = withoutCommands(source);
      while (!remaining.isBlank()) {
        SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
        String snippet = info.completeness().isComplete() ? info.source() : remaining;
        if (!evaluate(shell, snippet, script.toString(), err)) {
          return false;
        }
        remaining = info.completeness().isComplete() ? info.remaining() : "";
      }
      return true;
    } finally {
      current = null;
      currentArgs = List.of();
    }
  }

  /** Drops JShell commands: {@code /exit} ends the script, other commands are not supported in scripts. */
  private static String withoutCommands(String source) {
    StringBuilder kept = new StringBuilder();
    for (String line : source.split("\n", -1)) {
      String t = line.strip();
      if (t.startsWith("/exit")) {
        break;
      }
      kept.append(t.startsWith("/") && !t.startsWith("//") && !t.startsWith("/*") ? "" : line).append('\n');
    }
    return kept.toString();
  }

  private static boolean evaluate(JShell shell, String snippet, String where, PrintStream err) {
    for (SnippetEvent event : shell.eval(snippet)) {
      if (event.status() == Snippet.Status.REJECTED) {
        String diags = shell.diagnostics(event.snippet())
            .map(d -> d.getMessage(java.util.Locale.ROOT)).collect(Collectors.joining("; "));
        err.println(where + ": does not compile: " + firstLine(snippet) + ": " + diags);
        return false;
      }
      if (event.exception() != null) {
        Exception e = event.exception();
        String type = e instanceof EvalException ee ? ee.getExceptionClassName() : e.getClass().getName();
        String simple = type.substring(type.lastIndexOf('.') + 1);
        err.println(where + ": " + simple + ": " + e.getMessage());
        return false;
      }
    }
    return true;
  }

  private static String firstLine(String s) {
    String t = s.strip();
    int nl = t.indexOf('\n');
    return nl < 0 ? t : t.substring(0, nl) + " ...";
  }

  /** Opens the interactive JShell in this JVM with the prelude run; returns JShell's exit status. */
  public static synchronized int shell(Workbench wb) {
    current = wb;
    currentArgs = List.of();
    try {
      Path startup = Files.createTempFile("workbench-startup", ".jsh");
      try {
        List<String> lines = new ArrayList<>(prelude());
        lines.add("System.out.println(\"wb is connected to \" + wb.connectionDescription());");
        Files.write(startup, lines, StandardCharsets.UTF_8);
        return JavaShellToolBuilder.builder().start("--execution", "local", "--class-path",
            System.getProperty("java.class.path"), "--startup", "DEFAULT", "--startup", startup.toString());
      } finally {
        Files.deleteIfExists(startup);
      }
    } catch (Exception e) {
      throw new IllegalStateException("JShell failed: " + e.getMessage(), e);
    } finally {
      current = null;
    }
  }
}
