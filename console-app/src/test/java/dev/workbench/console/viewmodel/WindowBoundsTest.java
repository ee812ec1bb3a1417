package dev.workbench.console.viewmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.workbench.console.service.FileSettingsStore;
import dev.workbench.console.service.ConnectionRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the window opens, and what the console remembers between runs, without a JavaFX thread. */
class WindowBoundsTest {
  @TempDir
  Path dir;

  @Test
  void aFirstStartOpensAtEightyPercentOfALargeScreenCentred() {
    WindowBounds at = WindowBounds.place(new WindowBounds(0, 0, 1920, 1080), null);
    assertEquals(new WindowBounds(192, 108, 1536, 864), at);
  }

  @Test
  void aMidSizedScreenStillGetsAtLeast1100x720() {
    // 80% of 1366x768 would be 1093x614: too small for the tool bars
    assertEquals(new WindowBounds(133, 24, 1100, 720), WindowBounds.place(new WindowBounds(0, 0, 1366, 768), null));
  }

  @Test
  void aSmallScreenIsFilledAndTheMinimumSizeFitsIt() {
    WindowBounds screen = new WindowBounds(0, 24, 1024, 676);
    assertEquals(new WindowBounds(0, 24, 1024, 676), WindowBounds.place(screen, null));
    assertEquals(new WindowBounds(0, 0, 900, 600), WindowBounds.minimum(screen));
    assertEquals(new WindowBounds(0, 0, 800, 500), WindowBounds.minimum(new WindowBounds(0, 0, 800, 500)));
  }

  @Test
  void savedBoundsAreUsedWhenTheyStillFitAScreen() {
    WindowBounds screen = new WindowBounds(0, 0, 1920, 1080);
    WindowBounds saved = new WindowBounds(40, 30, 1200, 800);
    assertEquals(saved, WindowBounds.place(screen, saved));
    // saved on a screen that is gone (off to the right), or larger than this one: the first-start placement
    assertEquals(WindowBounds.place(screen, null), WindowBounds.place(screen, new WindowBounds(2500, 30, 1200, 800)));
    assertEquals(WindowBounds.place(new WindowBounds(0, 0, 1024, 700), null),
        WindowBounds.place(new WindowBounds(0, 0, 1024, 700), saved));
  }

  @Test
  void settingsSurviveARestartInTheirFile() throws Exception {
    Path file = dir.resolve("console.properties");
    ConsoleSettings first = new ConsoleSettings(new FileSettingsStore(file));
    first.window(new WindowBounds(10, 20, 1300, 900));
    first.maximized(true);
    first.saveDivider("log", 0.75);
    first.darkTheme(true);
    first.lastFolder(dir);
    first.connection(ConnectionRequest.Kind.URL, "http://127.0.0.1:4566", "", "");
    first.flush();

    ConsoleSettings again = new ConsoleSettings(new FileSettingsStore(file));
    assertEquals(new WindowBounds(10, 20, 1300, 900), again.window());
    assertEquals(true, again.maximized());
    assertEquals(0.75, again.divider("log", 0.5), 1e-9);
    assertEquals(true, again.darkTheme());
    assertEquals(dir.toAbsolutePath(), again.lastFolder());
    assertEquals(ConnectionRequest.Kind.URL, again.connectionKind());
    assertEquals("http://127.0.0.1:4566", again.connection("url"));
  }

  @Test
  void aBrokenSettingsFileMeansDefaults() throws Exception {
    Path file = dir.resolve("console.properties");
    Files.writeString(file, "window.bounds=not,numbers\nsplit.log=2.5\ntheme=purple\n");
    ConsoleSettings s = new ConsoleSettings(new FileSettingsStore(file));
    assertEquals(null, s.window());
    assertEquals(0.8, s.divider("log", 0.8), 1e-9);
    assertEquals(false, s.darkTheme());
    assertEquals(null, s.connectionKind());
  }
}
