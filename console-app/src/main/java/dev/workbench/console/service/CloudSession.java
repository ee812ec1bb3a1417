package dev.workbench.console.service;

import dev.workbench.api.Cloud;
import org.jspecify.annotations.Nullable;

/** An open connection: the core {@link Cloud} and, for the embedded default, the local cloud serving it. */
public final class CloudSession implements AutoCloseable {
  private final Cloud cloud;
  private final @Nullable AutoCloseable embedded;
  private final String label;

  CloudSession(Cloud cloud, @Nullable AutoCloseable embedded, String label) {
    this.cloud = cloud;
    this.embedded = embedded;
    this.label = label;
  }

  public Cloud cloud() { return cloud; }

  /** What the connection bar shows, e.g. "embedded local cloud at http://127.0.0.1:4566". */
  public String label() { return label; }

  public boolean isEmbedded() { return embedded != null; }

  @Override
  public void close() {
    cloud.close();
    if (embedded != null) {
      try {
        embedded.close();
      } catch (Exception e) {
        throw new IllegalStateException("could not stop the embedded local cloud: " + e.getMessage(), e);
      }
    }
  }
}
