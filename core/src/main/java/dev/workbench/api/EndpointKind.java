package dev.workbench.api;

/**
 * How SageMaker runs an endpoint, as the SageMaker console names it: realtime instances (SYNC), an async queue
 * in front of instances (ASYNC), or on-demand compute sized by memory and concurrency (SERVERLESS). Inference
 * routes SERVERLESS like SYNC: one InvokeEndpoint per batch.
 */
public enum EndpointKind {
  SYNC,
  ASYNC,
  SERVERLESS;

  /** The routing rule of the round trips: only ASYNC goes through S3. */
  public boolean async() {
    return this == ASYNC;
  }
}
