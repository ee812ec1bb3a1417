package dev.workbench.console.viewmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.Test;

/** The in-flight batches list as the 1-second refresh brings it up to date: rows change in place. */
class InPlaceTest {
  private static BatchItem batch(String id, String phase) {
    return new BatchItem("ep", id, "1-100", phase, "s3://in/" + id, "s3://out/" + id, "3s", "-");
  }

  @Test
  void aBatchThatMovesOnIsReplacedWhereItIsAndTheOthersAreLeftAlone() {
    ObservableList<BatchItem> list = FXCollections.observableArrayList(batch("a", "SUBMITTED"),
        batch("b", "SUBMITTED"), batch("c", "UPLOADING"));
    BatchItem a = list.get(0);
    List<String> changes = new ArrayList<>();
    list.addListener((ListChangeListener<BatchItem>) c -> {
      while (c.next()) {
        changes.add((c.wasReplaced() ? "replaced " : c.wasAdded() ? "added " : "removed ") + c.getFrom());
      }
    });
    InPlace.update(list, List.of(batch("a", "SUBMITTED"), batch("b", "SUCCEEDED"), batch("c", "UPLOADING")),
        BatchItem::inferenceId);
    assertEquals(List.of("replaced 1"), changes);
    assertSame(a, list.get(0));
    changes.clear();
    // a finished batch leaves, a new one arrives: nothing else moves
    InPlace.update(list, List.of(batch("a", "SUBMITTED"), batch("c", "UPLOADING"), batch("d", "UPLOADING")),
        BatchItem::inferenceId);
    assertEquals(List.of("a", "c", "d"), list.stream().map(BatchItem::inferenceId).toList());
    assertEquals(List.of("removed 1", "added 2"), changes);
    assertSame(a, list.get(0));
  }
}
