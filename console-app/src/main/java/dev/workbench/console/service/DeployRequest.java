package dev.workbench.console.service;

import java.util.List;

/** What the deploy dialog submits. Async settings apply only when {@code async}. */
public record DeployRequest(String model, String endpointName, String instanceType, boolean async,
    int maxConcurrent, boolean scaleToZero, int idleMinutes, int maxInstances, List<String> tags) {
  public DeployRequest {
    tags = List.copyOf(tags);
  }
}
