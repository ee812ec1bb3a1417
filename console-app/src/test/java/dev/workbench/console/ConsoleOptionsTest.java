package dev.workbench.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.console.service.ConnectionRequest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The console's command line, as {@code ./workbench console ...} passes it. */
class ConsoleOptionsTest {
  @Test
  void noOptionsLeaveTheChoiceToTheConsole() {
    ConsoleOptions o = ConsoleOptions.parse(List.of());
    assertNull(o.kind());
    assertNull(o.dataDir());
  }

  @Test
  void aProfileAndRegionMeanAws() {
    ConsoleOptions o = ConsoleOptions.parse(List.of("--profile", "ml-dev", "--region", "eu-west-1"));
    assertEquals(ConnectionRequest.Kind.AWS, o.kind());
    assertEquals("ml-dev", o.profile());
    assertEquals("eu-west-1", o.region());
  }

  @Test
  void aScreenshotRunUsesAFreshLocalCloudNeverTheUsersOwn() {
    ConsoleOptions o = ConsoleOptions.parse(List.of("--screenshots", "shots"));
    assertEquals(ConnectionRequest.Kind.LOCAL, o.kind());
    assertTrue(o.fast());
    assertEquals(Path.of("shots"), o.screenshots());
    assertTrue(o.dataDir().startsWith(Path.of(System.getProperty("java.io.tmpdir"))), o.dataDir()::toString);
    assertFalse(o.dataDir().startsWith(Path.of(System.getProperty("user.home"), ".workbench")));
    assertEquals(Path.of("mine"), ConsoleOptions.parse(List.of("--screenshots", "s", "--data-dir", "mine")).dataDir());
  }

  @Test
  void badOptionsSayWhatIsWrong() {
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> ConsoleOptions.parse(List.of("--colour")));
    assertTrue(unknown.getMessage().startsWith("unknown option --colour (use --local, --endpoint-url URL"),
        unknown.getMessage());
    assertEquals("--endpoint-url needs a value", assertThrows(IllegalArgumentException.class,
        () -> ConsoleOptions.parse(List.of("--endpoint-url"))).getMessage());
  }
}
