package dev.workbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.api.Frame;
import dev.workbench.local.junit.LocalCloudExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** `workbench demo` on a small input, and the example scripts through `workbench run`. */
class DemoAndScriptsTest {
  @RegisterExtension
  static LocalCloudExtension local = LocalCloudExtension.fast();

  static final Path EXAMPLES = Path.of("..", "examples");

  @Test
  void demoRunsBothModelsWritesResultsAndScalesToZero(@TempDir Path dir) {
    Path outDir = dir.resolve("demo-output");
    Cli.Result r = Cli.raw("demo", "--rows", "10", "--data-dir", dir.resolve("data").toString(), "--output-dir",
        outDir.toString(), "--input", EXAMPLES.resolve("molecules.csv").toString(), "--local-pace", "TEST",
        "--progress", "lines");
    assertEquals(0, r.exit(), r.out() + r.err());
    Frame descriptors = Frame.readCsv(outDir.resolve("descriptors.csv"));
    Frame shapes = Frame.readCsv(outDir.resolve("shapes-3d.csv"));
    assertEquals(10, descriptors.rowCount());
    assertEquals(0, descriptors.errorCount());
    assertTrue(shapes.rowCount() >= 8 && shapes.rowCount() <= 10, shapes.toString());
    assertEquals("water", shapes.get(0, "name"));
    assertTrue(r.out().contains("Summary"), r.out());
    assertTrue(r.out().lines().anyMatch(l -> l.contains("smiles-descriptors") && l.contains("SYNC") && l.contains("10 rows")
        && l.contains("0 errors") && l.contains("descriptors.csv")), r.out());
    assertTrue(r.out().contains("scaled to zero"), r.out());
    assertTrue(r.out().contains("ran the first 10 of 217 molecules"), r.out());
    assertTrue(r.err().contains("smiles-to-3d: "), r.err());
    // It ends with the holdout metrics of the bundled solubility model, evaluated on compounds it was not fitted on.
    String tail = r.out().substring(r.out().indexOf("Holdout evaluation of esol-solubility"));
    assertTrue(tail.contains("capture holdout (regressor, target log_solubility): 226 rows, 0 failed"), tail);
    assertTrue(tail.contains("RMSE") && tail.contains("R2") && tail.contains("226"), tail);
    assertEquals(226, Frame.readCsv(outDir.resolve("solubility-holdout.csv")).rowCount());
  }

  @Test
  void batchInferenceScriptUsesTheCache(@TempDir Path dir) {
    Path out = dir.resolve("batch.csv");
    Path in = write(dir.resolve("in.csv"), "name,smiles\nethanol,CCO\nwater,O\nbenzene,c1ccccc1\n");
    String stdout = captureStdout(() -> runScript(dir, "batch-inference.jsh", in.toString(), out.toString()));
    assertTrue(stdout.contains("first pass: 0 hits, 3 misses"), stdout);
    assertTrue(stdout.contains("second pass: 3 hits, 0 misses"), stdout);
    assertTrue(stdout.contains("ethanol: mw 46.0"), stdout);
    assertEquals(3, Frame.readCsv(out).rowCount());
  }

  @Test
  void asyncScaleToZeroScriptWatchesTheEndpointGoToZero(@TempDir Path dir) {
    String stdout = captureStdout(() -> runScript(dir, "async-scale-to-zero.jsh", "latency-script", "12"));
    assertTrue(stdout.contains("12 rows back, 0 errors"), stdout);
    assertTrue(stdout.contains("latency-script scaled to zero: true"), stdout);
  }

  @Test
  void aFailingScriptReportsTheLineAndExitsOne(@TempDir Path dir) {
    Path script = write(dir.resolve("bad.jsh"), "var x = 1;\nwb.endpoint(\"missing-endpoint\").describe();\n");
    Cli.Result r = new Cli(local.cloud().endpoint(), dir).run("run", script.toString());
    assertEquals(1, r.exit());
    Cli.Result missing = new Cli(local.cloud().endpoint(), dir).run("run", dir.resolve("none.jsh").toString());
    assertEquals(1, missing.exit());
    assertTrue(missing.err().contains("script not found"), missing.err());
  }

  private static int runScript(Path dir, String script, String... args) {
    String[] all = new String[args.length + 1];
    all[0] = EXAMPLES.resolve(script).toString();
    System.arraycopy(args, 0, all, 1, args.length);
    String[] cmd = new String[all.length + 1];
    cmd[0] = "run";
    System.arraycopy(all, 0, cmd, 1, all.length);
    Cli.Result r = new Cli(local.cloud().endpoint(), dir.resolve("client")).run(cmd);
    assertEquals(0, r.exit(), r.out() + r.err());
    return r.exit();
  }

  private static String captureStdout(Supplier<Integer> action) {
    PrintStream original = System.out;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      action.get();
    } finally {
      System.setOut(original);
    }
    return buffer.toString(StandardCharsets.UTF_8);
  }

  private static Path write(Path p, String content) {
    try {
      Files.writeString(p, content);
      return p;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
