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
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File loading, batch ordering, failed rows and saving, without a JavaFX thread. */
class InferenceViewModelTest {
  @TempDir
  Path dir;
  private final LogViewModel log = new LogViewModel();
  private final InferenceViewModel vm = new InferenceViewModel(new InferenceService(new ConnectionService()),
      new ImmediateTaskExecutor(), log);

  private Path csv(int rows) throws Exception {
    StringBuilder b = new StringBuilder("id,smiles\n");
    for (int i = 0; i < rows; i++) {
      b.append("m").append(i).append(",CCO\n");
    }
    Path f = dir.resolve("in.csv");
    Files.writeString(f, b);
    return f;
  }

  @Test
  void openingAFilePreviewsItAndCountsRows() throws Exception {
    vm.open(csv(500));
    assertEquals(500, vm.rowCountProperty().get());
    assertEquals(InferenceViewModel.PREVIEW_ROWS, vm.previewRows().size());
    assertEquals(java.util.List.of("id", "smiles"), vm.previewColumns());
    assertTrue(vm.fileStatusProperty().get().contains("500 rows"));
    assertFalse(vm.canRunProperty().get()); // no endpoint yet
    vm.endpointProperty().set("some-endpoint");
    assertTrue(vm.canRunProperty().get());
  }

  @Test
  void aBadFileIsReported() throws Exception {
    Path f = dir.resolve("bad.csv");
    Files.writeString(f, "a,b\n1,2,3\n");
    vm.open(f);
    assertTrue(vm.fileStatusProperty().get().startsWith("Could not read bad.csv"), vm.fileStatusProperty()::get);
    assertTrue(log.lastErrorProperty().get() != null);
  }

  @Test
  void batchesLandInInputOrderWhateverOrderTheyFinishIn() throws Exception {
    vm.open(csv(6));
    Frame second = Frame.builder("id", "out", Frame.ERROR_COLUMN).row("m3", "3", null).row("m4", "4", null)
        .row("m5", null, "bad molecule").build();
    Frame first = Frame.builder("id", "out", Frame.ERROR_COLUMN).row("m0", "0", null).row("m1", "1", null)
        .row("m2", "2", null).build();
    vm.addBatch(new BatchResult(3, second), i -> i);
    vm.addBatch(new BatchResult(0, first), i -> i);
    assertEquals(java.util.List.of(0, 1, 2, 3, 4, 5), vm.results().stream().map(ResultRow::row).toList());
    assertEquals(1, vm.failedResultsProperty().get());
    assertEquals("bad molecule", vm.results().get(5).error());
    Path out = dir.resolve("out.csv");
    vm.save(out);
    Frame saved = Frame.readCsv(out);
    assertEquals(6, saved.rowCount());
    assertEquals("bad molecule", saved.get(5, Frame.ERROR_COLUMN));
  }

  @Test
  void retriedRowsReplaceTheFailedOnesInPlace() throws Exception {
    vm.open(csv(3));
    vm.addBatch(new BatchResult(0, Frame.builder("id", "out", Frame.ERROR_COLUMN).row("m0", "0", null)
        .row("m1", null, "timeout").row("m2", "2", null).build()), i -> i);
    assertEquals(1, vm.failedResultsProperty().get());
    int[] retried = {1};
    vm.addBatch(new BatchResult(0, Frame.builder("id", "out", Frame.ERROR_COLUMN).row("m1", "1", null).build()),
        i -> retried[i]);
    assertEquals(3, vm.results().size());
    assertEquals("1", vm.results().get(1).value("out"));
    assertEquals(0, vm.failedResultsProperty().get());
  }

  @Test
  void aBatchThatFailedWholeHasFewerColumnsAndTheTableShowsThemAll() throws Exception {
    vm.open(csv(4));
    // the first batch to finish failed whole: it carries the input's columns and the error only
    vm.addBatch(new BatchResult(2, Frame.builder("id", "smiles", Frame.ERROR_COLUMN).row("m2", "CCO", "503")
        .row("m3", "CCO", "503").build()), i -> i);
    vm.addBatch(new BatchResult(0, Frame.builder("id", "smiles", "mw", "logp", Frame.ERROR_COLUMN)
        .row("m0", "CCO", "46.07", "-0.0014", null).row("m1", "CCO", "46.07", "-0.0014", null).build()), i -> i);
    assertEquals(java.util.List.of("id", "smiles", "mw", "logp", Frame.ERROR_COLUMN), vm.resultColumns());
    assertEquals("46.07", vm.results().get(0).value("mw"));
    assertEquals(null, vm.results().get(3).value("mw"));
    assertEquals("503", vm.results().get(3).value(Frame.ERROR_COLUMN));
    assertEquals(2, vm.failedResultsProperty().get());
    Path out = dir.resolve("mixed.csv");
    vm.save(out);
    Frame saved = Frame.readCsv(out);
    assertEquals(vm.resultColumns(), saved.columns());
    assertEquals("m3", saved.get(3, "id"));
    String missing = saved.get(3, "mw");
    assertTrue(missing == null || missing.isEmpty(), missing);
    assertEquals("503", saved.get(3, Frame.ERROR_COLUMN));
  }

  @Test
  void openingAnotherFileDropsTheResultsOfThePreviousOne() throws Exception {
    vm.open(csv(3));
    vm.addBatch(new BatchResult(0, Frame.builder("id", "out", Frame.ERROR_COLUMN).row("m0", "0", null)
        .row("m1", null, "timeout").row("m2", "2", null).build()), i -> i);
    assertTrue(vm.unsavedProperty().get());
    Path other = dir.resolve("other.csv");
    Files.writeString(other, "id,smiles\nx,CCO\n");
    vm.open(other);
    assertEquals(0, vm.results().size());
    assertEquals(java.util.List.of(), vm.resultColumns());
    assertEquals(0, vm.failedResultsProperty().get());
    assertFalse(vm.unsavedProperty().get());
    assertEquals("", vm.runStatusProperty().get());
    assertEquals(dir.resolve("other-results.csv"), vm.suggestedSaveFile());
  }

  @Test
  void retriedRowsReplaceTheirsInAPartialTableAndCountsFollow() throws Exception {
    vm.open(csv(10));
    // a cancelled run: rows 0-2 and 6-7 came back, 1 and 7 failed
    vm.addBatch(new BatchResult(6, Frame.builder("id", "out", Frame.ERROR_COLUMN).row("m6", "6", null)
        .row("m7", null, "503").build()), i -> i);
    vm.addBatch(new BatchResult(0, Frame.builder("id", "out", Frame.ERROR_COLUMN).row("m0", "0", null)
        .row("m1", null, "timeout").row("m2", "2", null).build()), i -> i);
    assertEquals(2, vm.failedResultsProperty().get());
    int[] retried = {1, 7};
    vm.addBatch(new BatchResult(0, Frame.builder("id", "out", Frame.ERROR_COLUMN).row("m1", "1", null)
        .row("m7", "7", null).build()), i -> retried[i]);
    assertEquals(java.util.List.of(0, 1, 2, 6, 7), vm.results().stream().map(ResultRow::row).toList());
    assertEquals("1", vm.results().get(1).value("out"));
    assertEquals("7", vm.results().get(4).value("out"));
    assertEquals(0, vm.failedResultsProperty().get());
  }

  @Test
  void theFailedOnlyFilterShowsFailedRowsAndSaveStillWritesAll() throws Exception {
    vm.open(csv(3));
    vm.addBatch(new BatchResult(0, Frame.builder("id", "out", Frame.ERROR_COLUMN).row("m0", "0", null)
        .row("m1", null, "timeout").row("m2", "2", null).build()), i -> i);
    vm.failedOnlyProperty().set(true);
    assertEquals(java.util.List.of(1), vm.shownResults().stream().map(ResultRow::row).toList());
    Path out = dir.resolve("all.csv");
    vm.save(out);
    assertEquals(3, Frame.readCsv(out).rowCount());
    assertFalse(vm.unsavedProperty().get());
    vm.failedOnlyProperty().set(false);
    assertEquals(3, vm.shownResults().size());
  }

  @Test
  void retryAndSaveWithNothingToDoSaySo() throws Exception {
    vm.open(csv(3));
    vm.retryFailed();
    assertEquals("no failed rows to retry", log.entries().get(log.entries().size() - 1).message());
    vm.save(dir.resolve("never.csv"));
    assertEquals("no results to save: run the file first", log.entries().get(log.entries().size() - 1).message());
    assertFalse(Files.exists(dir.resolve("never.csv")));
  }

  @Test
  void durationsReadLikeAClock() {
    assertEquals("42s", InferenceViewModel.format(Duration.ofSeconds(42)));
    assertEquals("2m 5s", InferenceViewModel.format(Duration.ofSeconds(125)));
    assertEquals("1h 1m", InferenceViewModel.format(Duration.ofSeconds(3_660)));
  }
}
