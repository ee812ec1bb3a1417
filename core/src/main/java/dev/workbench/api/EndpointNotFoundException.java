package dev.workbench.api;

/** The endpoint does not exist in this account and region. */
public class EndpointNotFoundException extends WorkbenchException {
  private final String endpointName;

  public EndpointNotFoundException(String endpointName) {
    super("Endpoint '" + endpointName + "' not found");
    this.endpointName = endpointName;
  }

  public EndpointNotFoundException(String endpointName, Throwable cause) {
    super("Endpoint '" + endpointName + "' not found", cause);
    this.endpointName = endpointName;
  }

  public String endpointName() {
    return endpointName;
  }
}
