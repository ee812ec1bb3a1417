package dev.workbench.cli;

import dev.workbench.api.Endpoint;
import dev.workbench.api.EndpointDescription;
import dev.workbench.api.Frame;
import dev.workbench.api.InferenceFailedException;
import dev.workbench.api.InferenceJob;
import dev.workbench.dsl.Pace;
import dev.workbench.dsl.Workbench;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code workbench demo}: the tour on a fresh embedded local cloud. Registers the bundled models, deploys
 * smiles-descriptors (sync) and smiles-to-3d (async, scale to zero), runs the molecules through both, writes the
 * results and watches the async endpoint scale back to zero.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    header = "The tour on a fresh embedded local cloud: deploy, infer sync and async, score a model, scale to zero.",
    description = "The tour, on a fresh embedded local cloud (no AWS account needed): register the bundled models, "
        + "deploy smiles-descriptors (sync) and smiles-to-3d (async, scale to zero, at most 2 instances), run "
        + "examples/molecules.csv through both, write the result CSVs, score the bundled esol-solubility model "
        + "on the held-out ESOL compounds (examples/esol.csv) and watch the async endpoint scale to zero; ends "
        + "with the metrics.",
    footerHeading = "%nExamples:%n", footer = {"  workbench demo", "  workbench demo --output-dir /tmp/demo"})
final class DemoCommand implements java.util.concurrent.Callable<Integer> {
  private static final String SYNC_MODEL = "smiles-descriptors";
  private static final String ASYNC_MODEL = "smiles-to-3d";
  private static final int SAMPLE = 12;
  private static final int WARM_UP = 4;
  /** Safety margin on the measured time: the machine may be busier later. */
  private static final double HEADROOM = 1.2;

  @Spec
  CommandSpec spec;

  @Option(names = "--output-dir", paramLabel = "DIR", description = "Where the result CSVs go (default ./demo-output).")
  Path outputDir = Path.of("demo-output");

  @Option(names = "--input", paramLabel = "CSV", description = "Molecules (name,smiles; default examples/molecules.csv).")
  @Nullable Path input;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Local cloud data, reset at start (default ~/.workbench/demo).")
  @Nullable Path dataDir;

  @Option(names = "--rows", hidden = true, defaultValue = "${env:WORKBENCH_DEMO_ROWS}",
      description = "Use only the first N molecules (tests).")
  @Nullable Integer rows;

  @Option(names = "--local-pace", hidden = true, defaultValue = "DEMO", description = "Clock of the local cloud (tests).")
  Pace pace = Pace.DEMO;

  @Option(names = "--full", description = "Run every molecule through the 3D model too (takes longer).")
  boolean full;

  @Option(names = "--budget-3d", hidden = true, defaultValue = "35s", converter = Durations.class,
      description = "Time budget of the 3D part after the sample.")
  Duration budget3d;

  @Option(names = "--progress", defaultValue = "auto", description = "auto, bar, lines or none.")
  ProgressReporter.Mode progressMode;

  @Option(names = "--debug", description = "Show stack traces of errors.")
  boolean debug;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Instant start = Instant.now();
    Path molecules = input != null ? input : defaultInput();
    if (!Files.isRegularFile(molecules)) {
      throw new CliException("input file not found: " + molecules + " (run from the project directory or pass --input)");
    }
    Frame all = Frame.readCsv(molecules);
    Frame frame = rows != null && rows < all.rowCount() ? all.slice(0, Math.max(1, rows)) : all;
    Path data = dataDir != null ? dataDir : Path.of(System.getProperty("user.home"), ".workbench", "demo");
    reset(data);

    say(out, "1/7 starting the embedded local cloud (data " + data + (pace == Pace.DEMO
        ? ", demo timing: instances start in 2 s, idle endpoints scale in after 8 s)" : ", " + pace + " timing)"));
    try (Workbench wb = Workbench.local(data, pace)) {
      say(out, "    " + wb.connectionDescription());
      say(out, "2/7 registering the bundled models " + String.join(", ", Workbench.DEMO_MODELS));
      wb.registerDemoModels();

      say(out, "3/7 deploying " + SYNC_MODEL + " (sync) and " + ASYNC_MODEL + " (async, scale to zero, max 2 instances)");
      Consumer<dev.workbench.api.DeployProgress> deployLog =
          p -> say(out, String.format(Locale.ROOT, "    %-14s %-10s %s", p.endpointName(), p.stage(), p.message()));
      Endpoint descriptors = wb.deploy(SYNC_MODEL, d -> d.maxInstances(1).onProgress(deployLog));
      // Two invocations per instance: the 3D builder is CPU-bound and this machine has few cores.
      Endpoint shapes = wb.deploy(ASYNC_MODEL, d -> d.async(true).maxInstances(2).minInstances(0).idleMinutes(1)
          .maxConcurrent(2).onProgress(deployLog));
      Endpoint solubility = wb.deploy(Workbench.ESOL_MODEL, d -> d.maxInstances(1).onProgress(deployLog));

      say(out, "4/7 " + SYNC_MODEL + ": " + frame.rowCount() + " molecules (sync)");
      Outcome sync = infer(descriptors, frame, o -> o.threads(2));
      Path syncOut = outputDir.resolve("descriptors.csv");
      InferCommand.write(sync.result, syncOut);

      // CDK's 3D builder is not thread-safe, so the model serialises builds: more instances do not make it faster.
      // Measure the per-molecule time on a small sample (which also shows the scale-out from zero), then run as many
      // molecules as fit the demo's time budget.
      int sampleRows = Math.min(SAMPLE, frame.rowCount());
      say(out, "5/7 " + ASYNC_MODEL + " (async: S3 upload, InvokeEndpointAsync, S3 output): measuring on "
          + sampleRows + " molecules; the endpoint has " + shapes.describe().currentInstances() + " instance(s) now");
      // The first few warm the instance up (scale-out from zero, CDK templates); time only the molecules after them.
      int warmRows = Math.min(WARM_UP, sampleRows);
      Outcome warm = infer(shapes, frame.slice(0, warmRows), o -> o.batchSize(2).maxInFlight(8));
      Outcome measured = sampleRows > warmRows
          ? infer(shapes, frame.slice(warmRows, sampleRows), o -> o.batchSize(2).maxInFlight(8))
          : new Outcome(Frame.empty(warm.result.columns()), Duration.ZERO);
      Outcome sample = new Outcome(Frame.concat(java.util.List.of(warm.result, measured.result)), warm.took.plus(measured.took));
      // Wall time per molecule of the whole round trip (upload, queue, build, download): what the rest will cost.
      double perMolecule = sampleRows > warmRows ? measured.took.toMillis() / (double) (sampleRows - warmRows)
          : warm.took.toMillis() / (double) warmRows;
      int budgetRows = full ? frame.rowCount() - sampleRows
          : (int) Math.min(frame.rowCount() - sampleRows, Math.floor(budget3d.toMillis() / Math.max(1.0, HEADROOM * perMolecule)));
      say(out, String.format(Locale.ROOT, "    measured %.0f ms per molecule (builds are serialised): all %d molecules would take "
          + "about %s; %s", perMolecule, frame.rowCount(), Durations.format(Duration.ofMillis((long) (perMolecule
          * frame.rowCount()))), budgetRows + sampleRows >= frame.rowCount() ? "running all of them"
          : "running the first " + (budgetRows + sampleRows) + " to stay within the demo's time budget (--full runs all)"));
      Outcome rest = budgetRows > 0
          ? infer(shapes, frame.slice(sampleRows, sampleRows + budgetRows), o -> o.batchSize(2).maxInFlight(8))
          : new Outcome(Frame.empty(sample.result.columns()), Duration.ZERO);
      Outcome async = new Outcome(Frame.concat(java.util.List.of(sample.result, rest.result)), sample.took.plus(rest.took));
      Path asyncOut = outputDir.resolve("shapes-3d.csv");
      InferCommand.write(async.result, asyncOut);
      EndpointDescription peak = shapes.describe();

      Frame holdout = holdout(esolFile());
      say(out, "6/7 " + Workbench.ESOL_MODEL + " (sync): scoring the " + holdout.rowCount() + " held-out ESOL compounds"
          + " (Delaney 2004; the model was fitted on the other 902) as the inference capture 'holdout'");
      Outcome scored = infer(solubility, holdout, o -> o.threads(2).capture("holdout").idColumn("id"));
      Path scoredOut = outputDir.resolve("solubility-holdout.csv");
      InferCommand.write(scored.result, scoredOut);

      say(out, "7/7 waiting for " + ASYNC_MODEL + " to scale back to zero instances (idle window 8 s in the demo)");
      Instant idleFrom = Instant.now();
      EndpointDescription zero = watchScaleToZero(wb, out, Duration.ofSeconds(60));
      Duration toZero = Duration.between(idleFrom, Instant.now());

      out.println();
      out.println("Summary");
      summary(out, SYNC_MODEL, "SYNC", sync, syncOut);
      summary(out, ASYNC_MODEL, "ASYNC", async, asyncOut);
      summary(out, Workbench.ESOL_MODEL, "SYNC", scored, scoredOut);
      out.printf(Locale.ROOT, "  %s: %.0f ms per molecule; ran %d of %d molecules%s%n", ASYNC_MODEL, perMolecule,
          async.result.rowCount(), frame.rowCount(), async.result.rowCount() < frame.rowCount()
              ? " (the time budget; `workbench demo --full` or `workbench infer` runs all)" : "");
      out.printf("  %s instances after the run: %d/%d; %s%n", ASYNC_MODEL, peak.currentInstances(), peak.desiredInstances(),
          zero.scaledToZero() ? "scaled to zero " + Durations.format(toZero) + " after the last request"
              : "still " + zero.currentInstances() + " instance(s) after " + Durations.format(toZero));
      if (frame.rowCount() < all.rowCount()) {
        out.println("  (ran the first " + frame.rowCount() + " of " + all.rowCount() + " molecules)");
      }
      out.println("  total " + Durations.format(Duration.between(start, Instant.now()))
          + "; the local cloud stopped (its state stays in " + data + ")");
      out.println();
      out.println("Holdout evaluation of " + Workbench.ESOL_MODEL + " (measured against predicted log solubility, mol/L)");
      solubility.inferenceCapture("holdout").ifPresent(c -> CaptureReport.print(out, "  ", c));
      out.flush();
      return ExitCodes.OK;
    }
  }

  private record Outcome(Frame result, Duration took) {}

  private Outcome infer(Endpoint ep, Frame frame, Consumer<dev.workbench.api.InferenceOptions.Builder> options) {
    Instant t0 = Instant.now();
    InferenceJob job = ep.submit(frame, options);
    Frame result;
    try (ProgressReporter p = new ProgressReporter(spec.commandLine().getErr(), "    " + ep.name(), progressMode, job::progress)) {
      try {
        result = job.join();
      } catch (InferenceFailedException e) {
        result = e.result();
      } catch (CompletionException e) {
        if (e.getCause() instanceof InferenceFailedException f) {
          result = f.result();
        } else {
          throw e;
        }
      }
    }
    return new Outcome(result, Duration.between(t0, Instant.now()));
  }

  private EndpointDescription watchScaleToZero(Workbench wb, PrintWriter out, Duration timeout) {
    int[] last = {-1};
    try {
      return wb.await(ASYNC_MODEL, d -> {
        if (d.currentInstances() != last[0]) {
          last[0] = d.currentInstances();
          say(out, "    " + ASYNC_MODEL + ": " + d.currentInstances() + " instance(s), desired " + d.desiredInstances());
        }
        return d.scaledToZero();
      }, timeout);
    } catch (RuntimeException e) {
      return wb.endpoint(ASYNC_MODEL).describe();
    }
  }

  private static void summary(PrintWriter out, String name, String kind, Outcome o, Path file) {
    out.printf("  %-20s %-5s %4d rows, %3d errors, %6s -> %s%n", name, kind, o.result.rowCount(), o.result.errorCount(),
        Durations.format(o.took), file.toAbsolutePath().normalize());
  }

  private static void say(PrintWriter out, String line) {
    out.println(line);
    out.flush();
  }

  private static Path defaultInput() {
    return example("molecules.csv");
  }

  private Path esolFile() {
    Path esol = input != null && input.getParent() != null ? input.getParent().resolve("esol.csv") : example("esol.csv");
    return Files.isRegularFile(esol) ? esol : example("esol.csv");
  }

  /** The rows of the bundled ESOL set the model was not fitted on (split = holdout). */
  private static Frame holdout(Path esol) {
    if (!Files.isRegularFile(esol)) {
      throw new CliException("ESOL data not found: " + esol + " (run from the project directory)");
    }
    Frame all = Frame.readCsv(esol);
    int[] rows = java.util.stream.IntStream.range(0, all.rowCount()).filter(r -> "holdout".equals(all.get(r, "split")))
        .toArray();
    return all.selectRows(rows).drop("split");
  }

  private static Path example(String file) {
    String home = System.getProperty("workbench.home");
    Path here = Path.of("examples", file);
    if (Files.isRegularFile(here) || home == null) {
      return here;
    }
    return Path.of(home, "examples", file);
  }

  /** The demo starts from nothing each time: no endpoints, models or journal left from an earlier run. */
  private static void reset(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reset the demo directory " + dir + ": " + e.getMessage(), e);
    }
  }
}
