package dev.workbench.console.viewmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.api.EndpointDescription;
import dev.workbench.console.service.ConnectionService;
import dev.workbench.console.service.EndpointService;
import dev.workbench.console.task.ImmediateTaskExecutor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Badges, warming-up time, filter and search of the endpoints list, without a JavaFX thread. */
class EndpointsViewModelTest {
  private Instant now = Instant.parse("2026-01-01T10:00:00Z");
  private final LogViewModel log = new LogViewModel();
  private final EndpointsViewModel vm = new EndpointsViewModel(new EndpointService(new ConnectionService()),
      new ImmediateTaskExecutor(), log, new Clock() {
        @Override
        public java.time.ZoneId getZone() { return ZoneOffset.UTC; }

        @Override
        public Clock withZone(java.time.ZoneId zone) { return this; }

        @Override
        public Instant instant() { return now; }
      });

  private static EndpointDescription endpoint(String name, boolean async, String status, int current, int desired,
      String reason) {
    return new EndpointDescription(name, "arn:aws:sagemaker:us-east-1:0:endpoint/" + name, status, reason, async,
        async ? "ml.c7i.xlarge" : "ml.t2.medium", current, desired, "AllTraffic", name, null,
        Instant.EPOCH, Instant.EPOCH);
  }

  @Test
  void badgesShowKindAndScaleState() {
    vm.update(List.of(endpoint("a-sync", false, "InService", 1, 1, null),
        endpoint("b-async", true, "InService", 0, 0, null),
        endpoint("c-async", true, "InService", 0, 1, null),
        endpoint("d-broken", false, "Failed", 0, 0, "image not found")));
    List<EndpointItem> items = vm.shown();
    assertEquals("SYNC", items.get(0).kindBadge());
    assertEquals("running", items.get(0).scaleBadge(now));
    assertEquals("ASYNC", items.get(1).kindBadge());
    assertEquals("scaled to zero", items.get(1).scaleBadge(now));
    assertEquals("warming up 0s", items.get(2).scaleBadge(now));
    assertEquals("Failed: image not found", items.get(3).statusText());
    assertEquals("0 / 1", items.get(2).instancesText());
  }

  @Test
  void warmingUpCountsFromWhenItWasFirstSeen() {
    vm.update(List.of(endpoint("c-async", true, "InService", 0, 1, null)));
    now = now.plus(Duration.ofSeconds(75));
    vm.update(List.of(endpoint("c-async", true, "InService", 0, 1, null)));
    assertEquals("warming up 1m 15s", vm.shown().get(0).scaleBadge(now));
    vm.update(List.of(endpoint("c-async", true, "InService", 1, 1, null)));
    assertEquals("running", vm.shown().get(0).scaleBadge(now));
  }

  @Test
  void filterAndSearchNarrowTheList() {
    vm.update(List.of(endpoint("solubility", false, "InService", 1, 1, null),
        endpoint("descriptors-async", true, "InService", 0, 0, null),
        endpoint("broken", false, "Failed", 0, 0, "boom")));
    vm.filterProperty().set(EndpointFilter.ASYNC);
    assertEquals(List.of("descriptors-async"), vm.shown().stream().map(EndpointItem::name).toList());
    vm.filterProperty().set(EndpointFilter.FAILED);
    assertEquals(List.of("broken"), vm.shown().stream().map(EndpointItem::name).toList());
    vm.filterProperty().set(EndpointFilter.ALL);
    vm.searchProperty().set("SOLU");
    assertEquals(List.of("solubility"), vm.shown().stream().map(EndpointItem::name).toList());
    vm.searchProperty().set("");
    assertEquals(3, vm.shown().size());
  }

  @Test
  void aRefreshUpdatesRowsInPlaceSoUnchangedRowsKeepTheirIdentity() {
    vm.update(List.of(endpoint("a", false, "InService", 1, 1, null), endpoint("b", true, "Creating", 0, 1, null),
        endpoint("c", false, "InService", 1, 1, null)));
    EndpointItem a = vm.all().get(0);
    EndpointItem c = vm.all().get(2);
    java.util.List<String> changes = new java.util.ArrayList<>();
    vm.all().addListener((javafx.collections.ListChangeListener<EndpointItem>) ch -> {
      while (ch.next()) {
        changes.add(ch.wasReplaced() ? "replaced " + ch.getFrom() : ch.wasAdded() ? "added " + ch.getFrom()
            : ch.wasRemoved() ? "removed " + ch.getFrom() : "other");
      }
    });
    vm.update(List.of(endpoint("a", false, "InService", 1, 1, null), endpoint("b", true, "InService", 1, 1, null),
        endpoint("c", false, "InService", 1, 1, null)));
    assertEquals(List.of("replaced 1"), changes, "only the row that changed is touched");
    assertTrue(vm.all().get(0) == a && vm.all().get(2) == c, "unchanged rows are the same objects");
    assertEquals("InService", vm.all().get(1).status());
    // one goes, one comes: the rest stay
    vm.update(List.of(endpoint("a", false, "InService", 1, 1, null), endpoint("c", false, "InService", 1, 1, null),
        endpoint("d", false, "Creating", 0, 1, null)));
    assertEquals(List.of("a", "c", "d"), vm.all().stream().map(EndpointItem::name).toList());
    assertTrue(vm.all().get(0) == a && vm.all().get(1) == c);
    assertEquals(List.of("a", "c", "d"), vm.names());
  }

  @Test
  void theSelectionFollowsTheFreshRowAndIsDroppedWhenTheRowIsFilteredOut() {
    vm.update(List.of(endpoint("solubility", false, "Creating", 0, 1, null),
        endpoint("descriptors-async", true, "InService", 0, 0, null)));
    vm.selectedProperty().set(vm.shown().get(0));
    vm.update(List.of(endpoint("solubility", false, "InService", 1, 1, null),
        endpoint("descriptors-async", true, "InService", 0, 0, null)));
    assertEquals("InService", vm.selectedProperty().get().status());
    vm.filterProperty().set(EndpointFilter.ASYNC);
    vm.update(List.of(endpoint("solubility", false, "InService", 1, 1, null),
        endpoint("descriptors-async", true, "InService", 0, 0, null)));
    assertEquals(null, vm.selectedProperty().get(), "a row out of sight is not the one Delete acts on");
  }

  @Test
  void anEndpointThatTurnsFailedIsReported() {
    vm.update(List.of(endpoint("x", false, "Creating", 0, 1, null)));
    vm.update(List.of(endpoint("x", false, "Failed", 0, 0, "container did not answer /ping")));
    assertTrue(log.lastErrorProperty().get().message().contains("container did not answer /ping"));
  }

  @Test
  void refreshWithoutConnectionLogsTheError() {
    vm.refresh();
    assertTrue(log.lastErrorProperty().get().message().startsWith("listing endpoints failed: not connected"));
  }
}
