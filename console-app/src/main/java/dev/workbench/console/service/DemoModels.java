package dev.workbench.console.service;

import dev.workbench.api.Cloud;
import java.util.Set;
import java.util.stream.Collectors;

/** The bundled local-cloud models, registered so a fresh embedded cloud has something to deploy. */
final class DemoModels {
  private DemoModels() {
  }

  static void register(Cloud cloud) {
    Set<String> existing = cloud.models().stream().map(m -> m.name()).collect(Collectors.toSet());
    if (!existing.contains("smiles-descriptors")) {
      cloud.registerModel("smiles-descriptors", r -> r.image("local/smiles-descriptors"));
    }
    if (!existing.contains("latency")) {
      // a few ms per row: runs are long enough to watch, short enough to wait for
      cloud.registerModel("latency", r -> r.image("local/latency").environment("LATENCY_MS_PER_ROW", "2"));
    }
  }
}
