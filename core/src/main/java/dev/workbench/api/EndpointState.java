package dev.workbench.api;

/** What an endpoint's fleet is doing while an inference runs. */
public enum EndpointState {
  /** At least one instance is serving. */
  RUNNING,
  /** No instance; requests queue until the fleet scales out. */
  SCALED_TO_ZERO,
  /** Scaling out from zero: requests wait for the first instance. */
  WARMING
}
