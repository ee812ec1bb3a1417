package dev.workbench.cli;

import dev.workbench.api.CacheStats;
import dev.workbench.api.Endpoint;
import dev.workbench.api.Frame;
import dev.workbench.api.InferenceCache;
import dev.workbench.api.InferenceFailedException;
import dev.workbench.api.InferenceJob;
import dev.workbench.api.InferenceOptions;
import dev.workbench.api.InferenceProgress;
import dev.workbench.api.StreamResult;
import dev.workbench.api.StreamingJob;
import dev.workbench.api.WorkbenchException;
import dev.workbench.core.csv.AtomicFiles;
import dev.workbench.dsl.Workbench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code workbench infer NAME --input in.csv --output out.csv}: runs every row through the endpoint (sync or async)
 * and writes the result. Exit 0: every row succeeded; 3: some rows failed (errors in the output); 1: no output.
 */
@Command(name = "infer", mixinStandardHelpOptions = true,
    description = {"Run a CSV or Parquet file through an endpoint (sync or async) and write the results.",
        "Exit codes: 0 every row succeeded, 3 some rows failed (their errors are in the inference_error "
        + "column), 1 an error that produced no output (an --output that cannot be written is refused so, "
        + "before any invocation), 130 cancelled (Ctrl-C; a re-run resumes from the journal)."},
    footerHeading = "%nExamples:%n",
    footer = {"  workbench infer smiles-descriptors --input examples/molecules.csv --output out.csv --local",
        "  workbench infer smiles-to-3d --input molecules.csv --output shapes.csv --batch-size 5 --max-in-flight 8",
        "  workbench infer smiles-descriptors --input molecules.csv --output out.csv --cache-key smiles",
        "  workbench infer my-model --input rows.csv --output out.csv --invocation-timeout 30s --outage-window 10m",
        "  workbench infer esol-solubility --input holdout.csv --output scored.csv --capture holdout --id-column id",
        "  workbench infer my-model --input s3://bucket/rows.parquet --output s3://bucket/scored.parquet"})
final class InferCommand extends ConnectedCommand {
  @Parameters(paramLabel = "NAME", description = "Endpoint name.") String name;
  @Option(names = {"-i", "--input"}, required = true, paramLabel = "FILE",
      description = "Input CSV with a header row, or a .parquet file: a path or s3://bucket/key (streamed, never held "
        + "whole).") String inputName;
  @Option(names = {"-O", "--output"}, required = true, paramLabel = "FILE",
      description = "Output CSV, or .parquet (the input's Parquet column types kept): a path (written beside it, renamed "
        + "into place at the end; a crashed run of the same input continues from its last checkpoint) or "
        + "s3://bucket/key (uploaded at the end, nothing left on failure).")
  String outputName;
  @Option(names = "--batch-size", paramLabel = "N", description = "Rows per invocation (default: the endpoint's).") @Nullable Integer batchSize;
  @Option(names = "--max-in-flight", paramLabel = "N", description = "Async: batches in flight at once.") @Nullable Integer maxInFlight;
  @Option(names = "--threads", paramLabel = "N", description = "Sync: concurrent invocations.") @Nullable Integer threads;
  @Option(names = "--cache-key", paramLabel = "COL", description = "Answer rows from the inference cache keyed by this column; send only the misses.")
  @Nullable String cacheKey;
  @Option(names = "--invocation-timeout", paramLabel = "DURATION", converter = Durations.class,
      description = "How long one invocation may take, 1s to 1h, e.g. 30s or 15m (default: 1h async; sync: SageMaker's 60 "
        + "s). Async: InvokeEndpointAsync's InvocationTimeoutSeconds. Sync: the client stops waiting and splits "
        + "the batch, so only the rows that are too slow fail, with a timeout error.")
  @Nullable Duration invocationTimeout;
  @Option(names = "--outage-window", paramLabel = "DURATION", converter = Durations.class,
      description = "How long the cloud may be unreachable (connection refused or reset) before the run stops, e.g. 5m "
        + "(default: 2m). Rows already collected stay in the journal: a re-run collects them without invoking "
        + "again.")
  @Nullable Duration outageWindow;
  @Option(names = "--capture", paramLabel = "NAME", description = "Evaluate the answer and store it as the inference capture NAME (Workbench's capture_name): with the "
        + "model's target column in the input, residuals are added and the metrics printed and stored under "
        + "endpoints/<name>/inference/NAME/ in the bucket (`workbench captures` lists them).")
  @Nullable String capture;
  @Option(names = "--id-column", paramLabel = "COL", description = "With --capture: the column identifying rows in the stored predictions.")
  @Nullable String idColumn;
  @Option(names = "--progress", defaultValue = "auto", description = "auto, bar, lines or none (default: a bar on a terminal, lines otherwise).")
  ProgressReporter.Mode progressMode;

  /** Counted down once the outcome is reported; a Ctrl-C shutdown hook waits for it. */
  private final CountDownLatch finished = new CountDownLatch(1);

  private @Nullable Path input;
  private @Nullable Path output;

  @Override
  void before() {
    boolean s3In = isS3(inputName);
    boolean s3Out = isS3(outputName);
    if ((s3In || s3Out) && (cacheKey != null || capture != null)) {
      throw new CliException("--cache-key and --capture need local files; s3:// is streamed");
    }
    if ((isParquet(inputName) || isParquet(outputName)) && (cacheKey != null || capture != null)) {
      throw new CliException("--cache-key and --capture need CSV files; .parquet is streamed");
    }
    if (s3In) {
      checkS3("--input", inputName);
    } else {
      checkInput(Path.of(inputName));
    }
    if (s3Out) {
      checkS3("--output", outputName);
    } else {
      checkOutput(Path.of(outputName));
    }
    checkOptions();
  }

  private static boolean isS3(String location) {
    return location.startsWith("s3://");
  }

  private static boolean isParquet(String location) {
    return location.toLowerCase(java.util.Locale.ROOT).endsWith(".parquet");
  }

  private static void checkS3(String option, String location) {
    String rest = location.substring("s3://".length());
    int slash = rest.indexOf('/');
    if (slash <= 0 || slash == rest.length() - 1) {
      throw new CliException(option + ": '" + location + "' is not s3://bucket/key");
    }
  }

  private void checkInput(Path input) {
    this.input = input;
    if (!Files.exists(input)) {
      throw new CliException("input file not found: " + input);
    }
    if (!Files.isReadable(input) || Files.isDirectory(input)) {
      throw new CliException("cannot read input file: " + input);
    }
  }

  private void checkOutput(Path output) {
    this.output = output;
    // Before any invocation, not after the whole run when the results could only be dropped.
    try {
      AtomicFiles.checkWritable(output);
    } catch (WorkbenchException e) {
      throw new CliException("--output: " + e.getMessage());
    }
  }

  private void checkOptions() {
    positive(batchSize, "--batch-size");
    positive(maxInFlight, "--max-in-flight");
    positive(threads, "--threads");
    if (invocationTimeout != null
        && (invocationTimeout.compareTo(Duration.ofSeconds(1)) < 0 || invocationTimeout.compareTo(Duration.ofHours(1)) > 0)) {
      throw new CliException("--invocation-timeout must be between 1s and 1h, got " + invocationTimeout.toSeconds() + "s");
    }
    if (capture != null && cacheKey != null) {
      throw new CliException("--capture evaluates every row the endpoint answers; it cannot be combined with --cache-key");
    }
    if (idColumn != null && capture == null) {
      throw new CliException("--id-column needs --capture NAME");
    }
    if (capture != null) {
      try {
        InferenceOptions.of(o -> o.capture(capture));
      } catch (IllegalArgumentException e) {
        throw new CliException("--capture: " + e.getMessage());
      }
    }
    if (outageWindow != null && outageWindow.isNegative()) {
      throw new CliException("--outage-window must not be negative, got " + outageWindow.toSeconds() + "s");
    }
  }

  private static void positive(@Nullable Integer value, String option) {
    if (value != null && value < 1) {
      throw new CliException(option + " must be at least 1, got " + value);
    }
  }

  @Override
  int run(Workbench wb) {
    if (cacheKey == null && capture == null) {
      return stream(wb);
    }
    Path input = java.util.Objects.requireNonNull(this.input);
    Path output = java.util.Objects.requireNonNull(this.output);
    Frame in = wb.csv(input);
    Endpoint ep = wb.endpoint(name);
    Instant start = Instant.now();
    Frame result;
    boolean async;
    if (cacheKey != null) {
      result = throughCache(wb, ep, in, cacheKey);
      async = ep.describe().async();
    } else {
      // The job's own lookup rides out an outage at its start; a describe() before it would not.
      InferenceJob job = ep.submit(in, this::options);
      async = job.isAsync();
      try {
        @Nullable Frame done = await(job);
        if (done == null) {
          err().println("cancelled after " + job.progress().rowsDone() + " of " + in.rowCount()
              + " rows; nothing written. Run the same command again to redo it (`workbench jobs` lists async batches"
              + " still in the journal).");
          err().flush();
          return ExitCodes.CANCELLED;
        }
        result = done;
      } finally {
        // Only now may a Ctrl-C shutdown let the JVM exit: the message above is out.
        finished.countDown();
      }
    }
    write(result, output);
    long failed = result.errorCount();
    Duration took = Duration.between(start, Instant.now());
    out().printf("%s (%s): %d rows, %d failed, %s -> %s%n", name, kind(ep, async), result.rowCount(), failed,
        Durations.format(took), output);
    if (capture != null) {
      ep.inferenceCapture(capture).ifPresent(c -> CaptureReport.print(out(), "", c));
    }
    out().flush();
    return failed == 0 ? ExitCodes.OK : ExitCodes.SOME_ROWS_FAILED;
  }

  /** The endpoint's kind for the summary, asked once the rows are in (the job knew only sync or async). */
  private static String kind(Endpoint ep, boolean async) {
    try {
      return ep.describe().kind().toString();
    } catch (RuntimeException e) {
      return async ? "ASYNC" : "SYNC";
    }
  }

  /** The input streamed through the endpoint into the output: a few chunks in memory, whatever the input's size. */
  private int stream(Workbench wb) {
    Endpoint ep = wb.endpoint(name);
    // The job's own lookup rides out an outage at its start; a describe() before it would not.
    StreamingJob job = ep.submitFile(inputName, outputName, this::options);
    StreamResult result;
    try {
      result = await(job);
      if (result == null) {
        InferenceProgress p = job.progress();
        err().println("cancelled after " + p.rowsDone() + " of " + p.totalRows()
            + " rows; nothing written. Run the same command again to redo it (`workbench jobs` lists async batches"
            + " still in the journal).");
        err().flush();
        return ExitCodes.CANCELLED;
      }
    } finally {
      finished.countDown();
    }
    if (result.rowsResumed() > 0) {
      err().println("resumed: " + result.rowsResumed() + " rows were already written by the interrupted run");
      err().flush();
    }
    out().printf("%s (%s): %d rows, %d failed, %s -> %s%n", name, kind(ep, false), result.rows(), result.rowsFailed(),
        Durations.format(result.elapsed()), outputName);
    out().flush();
    return result.rowsFailed() == 0 ? ExitCodes.OK : ExitCodes.SOME_ROWS_FAILED;
  }

  /** Waits for the streamed job with progress; Ctrl-C cancels it. Null when cancelled. */
  private @Nullable StreamResult await(StreamingJob job) {
    Thread hook = cancelOnExit(job::isDone, job::cancel);
    try (ProgressReporter progress = new ProgressReporter(err(), name, progressMode, job::progress)) {
      try {
        return job.join();
      } catch (CancellationException e) {
        return null;
      }
    } finally {
      removeHook(hook);
    }
  }

  private Frame throughCache(Workbench wb, Endpoint ep, Frame in, String key) {
    if (!in.hasColumn(key)) {
      throw new CliException("input " + input + " has no column '" + key + "' for --cache-key (columns: "
          + String.join(", ", in.columns()) + ")");
    }
    InferenceCache cache = wb.cache(ep, key);
    Frame result;
    try {
      result = cache.inference(in, this::options);
    } catch (InferenceFailedException e) {
      result = e.result();
    }
    CacheStats stats = cache.lastStats();
    err().println("cache: " + stats.hits() + " hits, " + stats.misses() + " misses (" + cache.file() + ")");
    err().flush();
    return result;
  }

  private void options(InferenceOptions.Builder o) {
    o.batchSize(batchSize).maxInFlight(maxInFlight);
    if (threads != null) o.threads(threads);
    if (invocationTimeout != null) o.invocationTimeout(invocationTimeout);
    if (outageWindow != null) o.outageWindow(outageWindow);
    o.capture(capture).idColumn(idColumn);
  }

  /** Waits for the job with progress; Ctrl-C cancels it. Null when cancelled. */
  private @Nullable Frame await(InferenceJob job) {
    Thread hook = cancelOnExit(job::isDone, job::cancel);
    try (ProgressReporter progress = new ProgressReporter(err(), name, progressMode, job::progress)) {
      try {
        return job.join();
      } catch (InferenceFailedException e) {
        return e.result();
      } catch (CancellationException e) {
        return null;
      } catch (CompletionException e) {
        if (e.getCause() instanceof InferenceFailedException f) {
          return f.result();
        }
        if (e.getCause() instanceof CancellationException) {
          return null;
        }
        throw e;
      }
    } finally {
      removeHook(hook);
    }
  }

  /** A Ctrl-C shutdown hook that cancels the job and gives the main thread time to report. */
  private Thread cancelOnExit(java.util.function.BooleanSupplier done, Runnable cancel) {
    Thread hook = new Thread(() -> {
      if (!done.getAsBoolean()) {
        cancel.run();
        try {
          // Give the main thread time to report before the JVM exits.
          finished.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }, "workbench-cancel-on-exit");
    Runtime.getRuntime().addShutdownHook(hook);
    return hook;
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running: nothing to remove
    }
  }

  static void write(Frame frame, Path path) {
    Path parent = path.toAbsolutePath().getParent();
    try {
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (java.io.IOException e) {
      throw new CliException("cannot create directory " + parent + ": " + e.getMessage());
    }
    frame.writeCsv(path);
  }
}
