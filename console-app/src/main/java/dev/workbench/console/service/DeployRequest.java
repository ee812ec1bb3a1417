package dev.workbench.console.service;

import java.util.List;

/**
 * What the deploy dialog submits. Async settings apply only when {@code async}; data capture stores the sampled
 * requests and responses in S3 (off unless asked in the dialog: on AWS it costs money and keeps payloads).
 */
public record DeployRequest(String model, String endpointName, String instanceType, boolean async,
    int maxConcurrent, boolean scaleToZero, int idleMinutes, int maxInstances, List<String> tags,
    boolean dataCapture, int captureSamplePercent) {
  public DeployRequest {
    tags = List.copyOf(tags);
    if (captureSamplePercent < 1 || captureSamplePercent > 100) {
      throw new IllegalArgumentException("capture sampling percent must be 1 to 100, was " + captureSamplePercent);
    }
  }

  /** A programmatic deploy (scripts, tests) captures every request, as the console always did before the switch. */
  public DeployRequest(String model, String endpointName, String instanceType, boolean async, int maxConcurrent,
      boolean scaleToZero, int idleMinutes, int maxInstances, List<String> tags) {
    this(model, endpointName, instanceType, async, maxConcurrent, scaleToZero, idleMinutes, maxInstances, tags,
        true, 100);
  }
}
