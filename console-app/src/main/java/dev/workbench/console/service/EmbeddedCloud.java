package dev.workbench.console.service;

import dev.workbench.local.LocalCloud;
import dev.workbench.local.spi.Timing;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** Starts the in-process local cloud; the only console class that touches dev.workbench.local. */
final class EmbeddedCloud {
  private EmbeddedCloud() {
  }

  static LocalCloud start(boolean fastTiming, @Nullable Path dataDir) {
    return LocalCloud.start(c -> {
      if (fastTiming) {
        c.timing(Timing.fast());
      }
      if (dataDir != null) {
        c.dataDir(dataDir.resolve("local"));
      }
    });
  }
}
