package dev.workbench.api;

import org.jspecify.annotations.Nullable;

/** The endpoint exists but is not InService (Creating, Updating, Failed, ...). */
public class EndpointNotReadyException extends WorkbenchException {
  private final String endpointName;
  private final String status;
  private final @Nullable String failureReason;

  public EndpointNotReadyException(String endpointName, String status, @Nullable String failureReason) {
    super("Endpoint '" + endpointName + "' is " + status + ", not InService"
        + (failureReason == null || failureReason.isBlank() ? "" : ": " + failureReason));
    this.endpointName = endpointName;
    this.status = status;
    this.failureReason = failureReason;
  }

  public String endpointName() { return endpointName; }

  public String status() { return status; }

  public @Nullable String failureReason() { return failureReason; }
}
