package dev.workbench.console.viewmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.api.BatchResult;
import dev.workbench.api.Frame;
import dev.workbench.console.service.ConnectionService;
import dev.workbench.console.service.InferenceService;
import dev.workbench.console.task.ImmediateTaskExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What stands before an action that drops the run, and the answers carried out, without a JavaFX thread. */
class RunGuardTest {
  @TempDir
  Path dir;
  private final InferenceViewModel vm = new InferenceViewModel(new InferenceService(new ConnectionService()),
      new ImmediateTaskExecutor(), new LogViewModel());
  private final RunGuard guard = new RunGuard(vm);
  private final RunGuard.Action close = new RunGuard.Action("close", "Closing the console");

  private void results() throws Exception {
    Path f = dir.resolve("in.csv");
    Files.writeString(f, "id\nm0\nm1\n");
    vm.open(f);
    vm.addBatch(new BatchResult(0, Frame.builder("id", "out").row("m0", "0").row("m1", "1").build()), i -> i);
  }

  @Test
  void nothingToAskWithoutResults() throws Exception {
    assertEquals(RunGuard.Concern.NONE, guard.concern());
    Path f = dir.resolve("in.csv");
    Files.writeString(f, "id\nm0\n");
    vm.open(f);
    assertEquals(RunGuard.Concern.NONE, guard.concern());
  }

  @Test
  void unsavedResultsAreAskedAboutAndSavingThemFirstGoesOnOnlyOnceWritten() throws Exception {
    results();
    assertEquals(RunGuard.Concern.UNSAVED, guard.concern());
    assertEquals("The results are not saved", guard.header());
    assertEquals("The 2 result rows on screen have not been saved. Closing the console drops them.",
        guard.text(close));
    assertEquals("The 2 result rows on screen have not been saved. Connecting again leaves them on screen, but Retry "
        + "and Run remaining rows would go to the new connection.",
        guard.text(new RunGuard.Action("connect", "Connecting again", false)));
    AtomicInteger went = new AtomicInteger();
    Path target = dir.resolve("out.csv");
    guard.saveThen(target, went::incrementAndGet);
    assertEquals(1, went.get());
    assertEquals(2, Frame.readCsv(target).rowCount());
    assertEquals(RunGuard.Concern.NONE, guard.concern(), "saved: nothing to ask any more");
  }

  @Test
  void aSaveThatFailsDoesNotGoOn() throws Exception {
    results();
    AtomicInteger went = new AtomicInteger();
    // under a file, not a folder: the write fails
    guard.saveThen(dir.resolve("in.csv").resolve("out.csv"), went::incrementAndGet);
    assertEquals(0, went.get(), "the results were not written, so the window must not close");
    assertEquals(RunGuard.Concern.UNSAVED, guard.concern());
  }

  @Test
  void discardingGoesOnWithoutAskingAgain() throws Exception {
    results();
    guard.discard();
    assertEquals(RunGuard.Concern.NONE, guard.concern());
    assertFalse(vm.results().isEmpty(), "discard only stops asking; the action drops the results");
  }

  @Test
  void cancelThenGoesOnAtOnceWhenNoRunIsGoing() throws Exception {
    results();
    AtomicInteger went = new AtomicInteger();
    guard.cancelThen(went::incrementAndGet);
    assertEquals(1, went.get());
    assertTrue(vm.unsavedProperty().get());
  }
}
