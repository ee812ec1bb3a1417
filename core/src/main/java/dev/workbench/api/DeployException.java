package dev.workbench.api;

import org.jspecify.annotations.Nullable;

/** A deployment failed (the endpoint went Failed, or a create call was refused). */
public class DeployException extends WorkbenchException {
  private final String endpointName;

  public DeployException(String endpointName, String message) {
    super(message);
    this.endpointName = endpointName;
  }

  public DeployException(String endpointName, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.endpointName = endpointName;
  }

  public String endpointName() {
    return endpointName;
  }
}
