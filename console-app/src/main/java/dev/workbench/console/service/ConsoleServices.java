package dev.workbench.console.service;

/** The services the console's view-models use, built once per application. */
public record ConsoleServices(ConnectionService connection, EndpointService endpoints, InferenceService inference,
    CaptureService captures)
    implements AutoCloseable {

  public static ConsoleServices create() {
    return create(new ConnectionService());
  }

  public static ConsoleServices create(ConnectionService connection) {
    return new ConsoleServices(connection, new EndpointService(connection), new InferenceService(connection),
        new CaptureService(connection));
  }

  @Override
  public void close() {
    connection.close();
  }
}
