package dev.workbench.console.viewmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.api.Frame;
import dev.workbench.console.service.ConnectionService;
import dev.workbench.console.service.EndpointService;
import dev.workbench.console.task.ImmediateTaskExecutor;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Paging and the detail of captured records, without a JavaFX thread. */
public class CaptureViewModelTest {
  private final CaptureViewModel vm = new CaptureViewModel(new EndpointService(new ConnectionService()),
      new ImmediateTaskExecutor(), new LogViewModel());

  /** Records in time order, as the capture reader returns them. */
  public static Frame records(int n) {
    Frame.Builder b = Frame.builder("time", "event_id", "input", "output", "input_content_type",
        "output_content_type");
    for (int i = 0; i < n; i++) {
      b.row(Arrays.asList(String.format("2026-01-01T10:%02d:%02dZ", i / 60, i % 60), "e" + i, "id,smiles\nm" + i
          + ",CCO", "{\"row\":" + i + "}", "text/csv", "application/json"));
    }
    return b.build();
  }

  @Test
  void recordsArePagedNewestFirst() {
    vm.show("ep", records(120));
    assertEquals(3, vm.pagesProperty().get());
    assertEquals(50, vm.page().size());
    assertEquals("e119", vm.page().get(0).get(1), "the newest record first");
    assertEquals("records 1-50, page 1 of 3, newest first; 120 captured record(s)", vm.statusProperty().get());
    assertFalse(vm.hasNewer().get());
    vm.older();
    vm.older();
    assertEquals(20, vm.page().size());
    assertEquals("e0", vm.page().get(19).get(1));
    assertFalse(vm.hasOlder().get());
    assertTrue(vm.hasNewer().get());
  }

  @Test
  void aRefreshKeepsThePageAnotherEndpointStartsAtTheFirst() {
    vm.show("ep", records(120));
    vm.older();
    vm.show("ep", records(130));
    assertEquals(1, vm.pageIndexProperty().get(), "still the second page");
    assertEquals("e79", vm.page().get(0).get(1));
    vm.show("other", records(130));
    assertEquals(0, vm.pageIndexProperty().get());
  }

  @Test
  void thePickedRecordShowsItsWholeRequestAndResponse() {
    vm.show("ep", records(3));
    vm.selectedProperty().set(vm.page().get(0));
    assertEquals("id,smiles\nm2,CCO", vm.requestProperty().get(), "line breaks and all");
    assertEquals("{\"row\":2}", vm.responseProperty().get());
    assertTrue(vm.detailProperty().get().contains("event e2"), vm.detailProperty()::get);
    assertTrue(vm.detailProperty().get().contains("request text/csv, response application/json"));
    vm.selectedProperty().set(null);
    assertEquals("", vm.requestProperty().get());
  }
}
