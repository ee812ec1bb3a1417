package dev.workbench.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.api.Cloud;
import dev.workbench.local.LocalCloud;
import dev.workbench.local.spi.Timing;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The console as a user meets it in a real window under a window manager: Xvfb with openbox, the GTK glass, a
 * separate JVM started as {@code workbench console} is. Asserts the window's first size and that no button,
 * label, tab or column header is cut or off the window, at 1024x700 and 1920x1080 (the console's layout report,
 * see LayoutReport). Screenshots of each screen go to target/layout/ (ImageMagick's import). Skipped, saying
 * why, where Xvfb or openbox are not installed ({@code apt-get install xvfb openbox imagemagick libgtk-3-0}).
 */
class WindowManagerLayoutTest {
  private static LocalCloud cloud;
  private static Path dir;
  private final List<Process> started = new ArrayList<>();

  @BeforeAll
  static void cloudWithEndpoints() throws IOException {
    Assumptions.assumeTrue(onPath("Xvfb") && onPath("openbox"),
        "Xvfb and openbox are not installed: apt-get install -y xvfb openbox imagemagick libgtk-3-0");
    dir = Files.createTempDirectory("workbench-layout");
    cloud = LocalCloud.start(c -> c.timing(Timing.fast()).dataDir(dir.resolve("local")));
    try (Cloud c = Cloud.at(cloud.endpoint(), s -> s.dataDir(dir.resolve("setup")))) {
      c.registerModel("smiles-descriptors", r -> r.image("local/smiles-descriptors"));
      c.registerModel("latency", r -> r.image("local/latency").environment("LATENCY_MS_PER_ROW", "2"));
      // rows and badges as a user has them: a sync endpoint and an async one with a long name that scales to zero
      c.model("smiles-descriptors").toEndpoint(o -> o.endpointName("smiles-descriptors"));
      c.model("latency").toEndpoint(o -> o.endpointName("latency-async-scale-to-zero-demo").async(true)
          .minInstances(0).idleMinutes(1));
    }
  }

  @AfterAll
  static void stop() {
    if (cloud != null) {
      cloud.close();
    }
  }

  @ParameterizedTest(name = "{0}x{1}")
  @CsvSource({"1024, 700, 1024, 700", "1920, 1080, 1536, 864"})
  void theWindowOpensAtItsSizeAndNothingIsCut(int width, int height, int windowWidth, int windowHeight)
      throws Exception {
    int display = freeDisplay();
    try {
      start(List.of("Xvfb", ":" + display, "-screen", "0", width + "x" + height + "x24", "-nolisten", "tcp"), null,
          null);
      await(Path.of("/tmp/.X11-unix/X" + display), Duration.ofSeconds(20));
      start(List.of("openbox"), ":" + display, null);
      Thread.sleep(1500); // openbox takes over the screen before the window maps

      Path report = dir.resolve("layout-" + width + "x" + height + ".txt");
      Path shots = Path.of("target", "layout");
      Files.createDirectories(shots);
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process console = start(List.of(java, "-cp", System.getProperty("java.class.path"), "-Dprism.order=sw",
          "-D" + LayoutReport.PROPERTY + "=" + report, ConsoleApp.class.getName(),
          "--endpoint-url", cloud.endpoint().toString(), "--data-dir", dir.resolve("data-" + width).toString()),
          ":" + display, dir.resolve("console-" + width + ".log"));
      Set<String> shot = new HashSet<>();
      Instant deadline = Instant.now().plus(Duration.ofSeconds(150));
      while (console.isAlive() && Instant.now().isBefore(deadline)) {
        for (String line : Files.exists(report) ? Files.readAllLines(report) : List.<String>of()) {
          if (line.startsWith("scanned ") && shot.add(line) && onPath("import")) {
            String png = shots.resolve(width + "x" + height + "-" + line.substring(8) + ".png").toString();
            start(List.of("import", "-window", "root", png), ":" + display, null).waitFor(20, TimeUnit.SECONDS);
          }
        }
        Thread.sleep(200);
      }
      assertTrue(console.waitFor(10, TimeUnit.SECONDS), "the console did not finish its layout report");
      List<String> lines = Files.readAllLines(report);
      String all = String.join("\n", lines) + "\n(console log: " + dir.resolve("console-" + width + ".log") + ")";
      assertEquals("done", lines.get(lines.size() - 1), all);
      assertEquals("screen " + width + " " + height, lines.get(0), all);
      String[] size = lines.get(1).split(" ");
      assertEquals(windowWidth, Double.parseDouble(size[1]), 2, "window width: " + all);
      assertEquals(windowHeight, Double.parseDouble(size[2]), 2, "window height: " + all);
      List<String> cut = lines.stream().filter(l -> l.startsWith("cut ") || l.startsWith("off ")).toList();
      assertEquals(List.of(), cut, "cut or off the window at " + width + "x" + height + ":\n" + all);
      assertEquals(6, lines.stream().filter(l -> l.startsWith("scanned ")).count(), all); // every tab, Evaluation and Logs too
    } finally {
      for (int i = started.size() - 1; i >= 0; i--) {
        started.get(i).destroy();
        started.get(i).waitFor(10, TimeUnit.SECONDS);
      }
      started.clear();
    }
  }

  private Process start(List<String> command, String display, Path log) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command);
    if (display != null) {
      pb.environment().put("DISPLAY", display);
    }
    pb.redirectErrorStream(true);
    pb.redirectOutput(log == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(log.toFile()));
    Process p = pb.start();
    started.add(p);
    return p;
  }

  private static void await(Path file, Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (!Files.exists(file)) {
      assertTrue(Instant.now().isBefore(deadline), file + " never appeared: Xvfb did not start");
      Thread.sleep(100);
    }
  }

  private static int freeDisplay() {
    for (int n = 150; n < 250; n++) {
      if (!Files.exists(Path.of("/tmp/.X11-unix/X" + n)) && !Files.exists(Path.of("/tmp/.X" + n + "-lock"))) {
        return n;
      }
    }
    throw new IllegalStateException("no free X display between :150 and :249");
  }

  private static boolean onPath(String tool) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String d : path.split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(d, tool))) {
        return true;
      }
    }
    return false;
  }
}
