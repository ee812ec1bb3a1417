package dev.workbench.console.service;

import dev.workbench.api.Cloud;
import dev.workbench.dsl.Workbench;

/** An open connection: the DSL's {@link Workbench} (with, for the embedded default, the local cloud it runs). */
public final class CloudSession implements AutoCloseable {
  private final Workbench workbench;
  private final String label;

  CloudSession(Workbench workbench, String label) {
    this.workbench = workbench;
    this.label = label;
  }

  public Cloud cloud() { return workbench.cloud(); }

  /** What the connection bar shows, e.g. "embedded local cloud at http://127.0.0.1:4566". */
  public String label() { return label; }

  public boolean isEmbedded() { return workbench.isEmbedded(); }

  @Override
  public void close() {
    workbench.close();
  }
}
