package dev.workbench.api;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An endpoint as DescribeEndpoint (and its config) report it. A SERVERLESS endpoint has no instances: its
 * counts are 0 and {@code serverless} carries its memory and concurrency instead.
 */
public record EndpointDescription(String name, String arn, String status, @Nullable String failureReason,
    boolean async, @Nullable String instanceType, int currentInstances, int desiredInstances, String variantName,
    @Nullable String modelName, @Nullable AsyncSettings asyncSettings, Instant created, Instant lastModified,
    EndpointKind kind, @Nullable ServerlessSettings serverless) {

  /** An instance-based endpoint (SYNC or ASYNC, from {@code async}). */
  public EndpointDescription(String name, String arn, String status, @Nullable String failureReason, boolean async,
      @Nullable String instanceType, int currentInstances, int desiredInstances, String variantName,
      @Nullable String modelName, @Nullable AsyncSettings asyncSettings, Instant created, Instant lastModified) {
    this(name, arn, status, failureReason, async, instanceType, currentInstances, desiredInstances, variantName,
        modelName, asyncSettings, created, lastModified, async ? EndpointKind.ASYNC : EndpointKind.SYNC, null);
  }

  /** In service with no instance running: an async endpoint waiting for work (never a serverless one). */
  public boolean scaledToZero() {
    return inService() && currentInstances == 0 && kind != EndpointKind.SERVERLESS;
  }

  public boolean inService() {
    return "InService".equals(status);
  }

  /** What the CLI and the console show as capacity: {@code 1/1} instances, or the serverless size. */
  public String capacity() {
    return serverless != null ? serverless.summary() : currentInstances + "/" + desiredInstances;
  }
}
