package dev.workbench.cli;

import dev.workbench.api.InferenceProgress;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Shows an inference's progress on stderr: a redrawn bar on a terminal, a plain line every few seconds (only when
 * something changed) otherwise, so logs of non-interactive runs stay readable.
 */
final class ProgressReporter implements AutoCloseable {
  /** How progress is shown. */
  enum Mode { auto, bar, lines, none }

  private final PrintWriter err;
  private final String label;
  private final Supplier<InferenceProgress> progress;
  private final boolean bar;
  private final ScheduledExecutorService ticker;
  private String lastLine = "";

  ProgressReporter(PrintWriter err, String label, Mode mode, Supplier<InferenceProgress> progress) {
    this.err = err;
    this.label = label;
    this.progress = progress;
    this.bar = mode == Mode.bar || (mode == Mode.auto && System.console() != null);
    this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "workbench-progress");
      t.setDaemon(true);
      return t;
    });
    if (mode != Mode.none) {
      long period = bar ? 200 : 2000;
      ticker.scheduleAtFixedRate(this::tick, period, period, TimeUnit.MILLISECONDS);
    }
  }

  private synchronized void tick() {
    InferenceProgress p = progress.get();
    if (bar) {
      err.print("\r" + barLine(p) + "  ");
      err.flush();
    } else {
      String line = label + ": " + line(p);
      // The rate and elapsed time always change; print when the counts did.
      String counts = p.rowsDone() + "/" + p.rowsFailed() + "/" + p.rowsInFlight() + "/" + p.endpointState()
          + "/" + p.batchesStalled();
      if (!counts.equals(lastLine)) {
        lastLine = counts;
        err.println(line);
        err.flush();
      }
    }
  }

  /** Stops the ticker and prints the final state once. */
  @Override
  public synchronized void close() {
    ticker.shutdownNow();
    InferenceProgress p = progress.get();
    if (bar) {
      err.println("\r" + barLine(p) + "  ");
    } else {
      err.println(label + ": " + line(p));
    }
    err.flush();
  }

  private String barLine(InferenceProgress p) {
    int width = 24;
    int filled = p.totalRows() == 0 ? width : (int) ((long) width * p.rowsDone() / p.totalRows());
    return label + " [" + "#".repeat(filled) + ".".repeat(width - filled) + "] " + line(p);
  }

  static String line(InferenceProgress p) {
    StringBuilder s = new StringBuilder();
    s.append(p.rowsDone()).append('/').append(p.totalRows()).append(" rows");
    s.append(", in flight ").append(p.rowsInFlight());
    s.append(", failed ").append(p.rowsFailed());
    if (p.batchesStalled() > 0) {
      s.append(", ").append(p.batchesStalled()).append(p.batchesStalled() == 1 ? " batch" : " batches")
          .append(" waiting far longer than the rest");
    }
    s.append(String.format(Locale.ROOT, ", %.1f rows/s", p.rowsPerSecond()));
    Duration eta = p.eta();
    if (eta != null && !p.finished()) {
      s.append(", ETA ").append(Durations.format(eta));
    }
    if (p.warmingFor() != null) {
      s.append(", endpoint warming for ").append(Durations.format(p.warmingFor()));
    } else if (p.endpointState() != null && p.endpointState() != dev.workbench.api.EndpointState.RUNNING) {
      s.append(", endpoint ").append(p.endpointState().name().toLowerCase(Locale.ROOT).replace('_', ' '));
    }
    return s.toString();
  }
}
