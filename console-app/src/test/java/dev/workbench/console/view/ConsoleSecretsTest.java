package dev.workbench.console.view;

import static dev.workbench.console.view.FxWait.await;
import static dev.workbench.console.view.FxWait.fx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.console.ConsoleFxApp.ConsoleWindow;
import dev.workbench.console.ConsoleOptions;
import dev.workbench.console.service.ConnectionRequest;
import dev.workbench.console.service.ConnectionService;
import dev.workbench.console.service.ConsoleServices;
import dev.workbench.console.service.DeployRequest;
import dev.workbench.console.viewmodel.LogEntry;
import dev.workbench.local.LocalCloud;
import dev.workbench.local.spi.Timing;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The console connected to an endpoint URL takes AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY from its environment
 * (the local cloud here accepts nothing else), and after a run with failures, a retry and connection errors, the
 * secret is nowhere: not on screen, not in the log pane (messages and details), not in any file it wrote, not in
 * its output.
 */
@ExtendWith(ApplicationExtension.class)
class ConsoleSecretsTest {
  private static final String ACCESS_KEY = "AKIAFAKECONSOLE00000";
  private static final String SECRET = "consoleSecretDoNotLeak/0987654321zyxwvu";

  @TempDir
  static Path shared;
  private static LocalCloud cloud;
  private static final ByteArrayOutputStream output = new ByteArrayOutputStream();
  private static PrintStream stdout;
  private static PrintStream stderr;
  @TempDir
  Path dir;
  private ConsoleWindow window;
  private final ScriptedFileDialogs dialogs = new ScriptedFileDialogs();

  @BeforeAll
  static void start() {
    stdout = System.out;
    stderr = System.err;
    System.setOut(new PrintStream(new Tee(stdout), true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(new Tee(stderr), true, StandardCharsets.UTF_8));
    cloud = LocalCloud.start(c -> c.timing(Timing.fast()).dataDir(shared.resolve("local"))
        .accessKey(ACCESS_KEY).secretKey(SECRET));
    try (dev.workbench.api.Cloud c = dev.workbench.api.Cloud.at(cloud.endpoint(),
        s -> s.credentials(ACCESS_KEY, SECRET).dataDir(shared.resolve("setup")))) {
      c.registerModel("secret-latency", r -> r.image("local/latency").environment("LATENCY_MS_PER_ROW", "1")
          .environment("FAIL_ON", "boom"));
    }
  }

  @AfterAll
  static void stop() {
    cloud.close();
    System.setOut(stdout);
    System.setErr(stderr);
  }

  @Start
  void open(Stage stage) {
    ConnectionService connection = new ConnectionService(
        Map.of("AWS_ACCESS_KEY_ID", ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", SECRET)::get);
    window = ConsoleWindow.open(stage, new ConsoleOptions(ConnectionRequest.Kind.URL, cloud.endpoint().toString(),
        null, null, true, dir.resolve("data"), null), ConsoleServices.create(connection), dialogs);
  }

  @AfterEach
  void close() {
    window.close();
  }

  @Test
  void theEnvironmentsCredentialsAreUsedAndTheSecretIsShownWrittenOrLoggedNowhere(FxRobot robot) throws Exception {
    await(60, "connected", () -> window.viewModel().connection().connectedProperty().get());
    window.services().endpoints().deploy(new DeployRequest("secret-latency", "secret-sync", "ml.t2.medium", false,
        1, false, 1, 1, List.of()), p -> { });

    Path file = dir.resolve("in.csv");
    StringBuilder csv = new StringBuilder("id,value\n");
    for (int i = 0; i < 60; i++) {
      csv.append("r").append(i).append(',').append(i % 20 == 7 ? "boom" : "ok").append('\n');
    }
    Files.writeString(file, csv);
    dialogs.willOpen(file);
    robot.clickOn("CSV inference");
    robot.clickOn("#open-csv");
    await(30, "the file read", () -> window.viewModel().inference().rowCountProperty().get() == 60);
    await(30, "the endpoint in the picker", () -> window.viewModel().endpoints().names().contains("secret-sync"));
    robot.interact(() -> window.viewModel().inference().endpointProperty().set("secret-sync"));
    robot.clickOn("#run");
    await(60, "the run done", () -> window.viewModel().inference().runStatusProperty().get().startsWith("done"));
    assertEquals(3, window.viewModel().inference().failedResultsProperty().get(), "the rows the model refuses");
    robot.clickOn("#retry-failed");
    robot.clickOn("Retry all 3");
    await(60, "the retry done", () -> !window.viewModel().inference().runningProperty().get()
        && window.viewModel().log().entries().stream().anyMatch(e -> e.message().startsWith("retrying")));
    Path saved = dir.resolve("results.csv");
    dialogs.willSave(saved);
    robot.clickOn("#save-results");
    await(20, "the results saved", () -> Files.exists(saved));
    robot.clickOn("Metrics & capture");
    robot.interact(() -> window.viewModel().metrics().endpointProperty().set("secret-sync"));
    robot.clickOn("#load-capture");
    await(60, "captured records", () -> !window.viewModel().metrics().captureRows().isEmpty());

    // errors on the way: an endpoint URL where nothing listens
    robot.doubleClickOn("#connection-url").push(KeyCode.CONTROL, KeyCode.A).write("http://127.0.0.1:9");
    robot.clickOn("#connect");
    await(60, "an error logged", () -> window.viewModel().log().entries().stream()
        .anyMatch(e -> e.level() == LogEntry.Level.ERROR));

    List<String> shown = fx(ConsoleSecretsTest::everyTextOnScreen);
    assertTrue(shown.stream().anyMatch(t -> t.contains("secret-sync")), "the scan sees the screen's text");
    shown.forEach(t -> assertFalse(t.contains(SECRET), "secret on screen: " + t));
    for (LogEntry e : fx(() -> List.copyOf(window.viewModel().log().entries()))) {
      assertFalse(e.message().contains(SECRET) || e.detail().contains(SECRET), "secret in the log pane: " + e);
    }
    int files = 0;
    try (Stream<Path> all = Stream.concat(Files.walk(dir), Files.walk(shared))) {
      for (Path f : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
        files++;
        assertFalse(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(SECRET),
            "secret written to " + f);
      }
    }
    assertTrue(files > 3, "the scan read the data the console and the local cloud wrote");
    String printed = output.toString(StandardCharsets.UTF_8);
    assertFalse(printed.contains(SECRET), "secret printed");
  }

  /** The text of every label, button, field, tooltip and text node in every open window. */
  private static List<String> everyTextOnScreen() {
    List<String> texts = new ArrayList<>();
    for (Window w : Window.getWindows()) {
      if (w.getScene() != null) {
        collect(w.getScene().getRoot(), texts);
      }
    }
    return texts;
  }

  private static void collect(Node node, List<String> texts) {
    if (node instanceof Labeled l) {
      texts.add(String.valueOf(l.getText()));
      Tooltip tip = l.getTooltip();
      if (tip != null) {
        texts.add(tip.getText());
      }
    } else if (node instanceof TextInputControl t) {
      texts.add(t.getText());
    } else if (node instanceof Text t) {
      texts.add(t.getText());
    }
    if (node instanceof Parent p) {
      for (Node child : p.getChildrenUnmodifiable()) {
        collect(child, texts);
      }
    }
  }

  /** Copies what is printed to the original stream and keeps it for the scan. */
  private static final class Tee extends java.io.OutputStream {
    private final PrintStream original;

    Tee(PrintStream original) {
      this.original = original;
    }

    @Override
    public void write(int b) {
      original.write(b);
      synchronized (output) {
        output.write(b);
      }
    }

    @Override
    public void write(byte[] b, int off, int len) {
      original.write(b, off, len);
      synchronized (output) {
        output.write(b, off, len);
      }
    }
  }
}
