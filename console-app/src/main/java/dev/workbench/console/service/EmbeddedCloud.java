package dev.workbench.console.service;

import dev.workbench.local.LocalCloud;
import dev.workbench.local.spi.Timing;
import java.net.URI;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** Starts the in-process local cloud; the only console class that touches dev.workbench.local. */
final class EmbeddedCloud implements AutoCloseable {
  private final LocalCloud cloud;

  private EmbeddedCloud(LocalCloud cloud) {
    this.cloud = cloud;
  }

  static EmbeddedCloud start(boolean fastTiming, @Nullable Path dataDir) {
    return new EmbeddedCloud(LocalCloud.start(c -> {
      if (fastTiming) {
        c.timing(Timing.fast());
      }
      if (dataDir != null) {
        c.dataDir(dataDir.resolve("local"));
      }
    }));
  }

  URI endpoint() {
    return cloud.endpoint();
  }

  @Override
  public void close() {
    cloud.close();
  }
}
