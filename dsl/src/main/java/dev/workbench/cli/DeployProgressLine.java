package dev.workbench.cli;

import dev.workbench.api.DeployProgress;
import java.io.PrintWriter;
import java.util.function.Consumer;

/** A deploy's or an update's progress, a line per stage on stderr: stage, message, seconds since the start. */
final class DeployProgressLine {
  private DeployProgressLine() {}

  static Consumer<DeployProgress> to(PrintWriter err) {
    return p -> {
      err.printf("  %-10s %s (%.1f s)%n", p.stage(), p.message(), p.elapsed().toMillis() / 1000.0);
      err.flush();
    };
  }
}
