package dev.workbench.api;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** An endpoint as DescribeEndpoint (and its config) report it. */
public record EndpointDescription(String name, String arn, String status, @Nullable String failureReason,
    boolean async, @Nullable String instanceType, int currentInstances, int desiredInstances, String variantName,
    @Nullable String modelName, @Nullable AsyncSettings asyncSettings, Instant created, Instant lastModified) {

  /** In service with no instance running: an async endpoint waiting for work. */
  public boolean scaledToZero() {
    return inService() && currentInstances == 0;
  }

  public boolean inService() {
    return "InService".equals(status);
  }
}
