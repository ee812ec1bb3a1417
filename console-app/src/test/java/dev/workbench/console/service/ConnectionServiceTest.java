package dev.workbench.console.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.dsl.Workbench;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default: a local cloud started in the console's JVM, with the bundled models to deploy. */
class ConnectionServiceTest {
  @TempDir
  Path dir;

  @Test
  void theEmbeddedCloudStartsWithTheBundledModelsAndStopsWithTheConnection() {
    URI url;
    try (ConnectionService connection = new ConnectionService()) {
      CloudSession session = connection.connect(ConnectionRequest.local(true, dir));
      assertTrue(session.isEmbedded());
      assertTrue(session.label().startsWith("embedded local cloud at http://127.0.0.1:"), session.label());
      url = URI.create(session.label().substring("embedded local cloud at ".length()));
      List<String> models = session.cloud().models().stream().map(m -> m.name()).toList();
      assertTrue(models.containsAll(Workbench.DEMO_MODELS), models::toString);
      assertTrue(Files.isDirectory(dir.resolve("local")), "the local cloud keeps its data under the data dir");
      assertTrue(listening(url));
    }
    assertFalse(listening(url), "closing the connection stops the embedded cloud");
  }

  @Test
  void anEndpointUrlIsRequiredForAnUrlConnection() {
    try (ConnectionService connection = new ConnectionService()) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> connection.connect(new ConnectionRequest(ConnectionRequest.Kind.URL, " ", null, null, false, dir)));
      assertEquals("enter an endpoint URL, e.g. http://127.0.0.1:4566", e.getMessage());
      assertFalse(connection.isConnected());
    }
  }

  @Test
  void anUrlThatDoesNotAnswerFailsTheConnectAndKeepsThePreviousConnection() {
    try (ConnectionService connection = new ConnectionService()) {
      CloudSession local = connection.connect(ConnectionRequest.local(true, dir));
      RuntimeException e = assertThrows(RuntimeException.class,
          () -> connection.connect(new ConnectionRequest(ConnectionRequest.Kind.URL, "http://127.0.0.1:9", null, null,
              false, dir)));
      assertTrue(String.valueOf(e.getMessage()).length() > 0);
      assertEquals(local.label(), connection.current().label(), "the connection that works stays in use");
      assertFalse(connection.current().cloud().models().isEmpty());
    }
  }

  private static boolean listening(URI url) {
    try (Socket s = new Socket(url.getHost(), url.getPort())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
