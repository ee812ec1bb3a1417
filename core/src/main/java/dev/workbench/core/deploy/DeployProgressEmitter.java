package dev.workbench.core.deploy;

import dev.workbench.api.DeployProgress;
import java.time.Duration;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Emits DeployProgress of a deploy or an update to the caller's listener (and the log). */
final class DeployProgressEmitter {
  private static final Logger LOG = LoggerFactory.getLogger(DeployProgressEmitter.class);

  private final String endpoint;
  private final @Nullable Consumer<DeployProgress> listener;
  private final long start = System.nanoTime();

  DeployProgressEmitter(String endpoint, @Nullable Consumer<DeployProgress> listener) {
    this.endpoint = endpoint;
    this.listener = listener;
  }

  void emit(String stage, String message) {
    LOG.info("{}: {}", endpoint, message);
    if (listener != null) {
      try {
        listener.accept(new DeployProgress(endpoint, stage, message, Duration.ofNanos(System.nanoTime() - start)));
      } catch (RuntimeException e) {
        LOG.warn("Deploy progress listener failed", e);
      }
    }
  }
}
