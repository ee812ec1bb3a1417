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
import java.util.Map;
import dev.workbench.console.service.ScalingHistory;
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
    assertEquals("running", items.get(0).scaleBadge(now, ZoneOffset.UTC));
    assertEquals("ASYNC", items.get(1).kindBadge());
    // no scaling history: since its last modification
    assertEquals("scaled to zero since 00:00", items.get(1).scaleBadge(now, ZoneOffset.UTC));
    assertEquals("warming up 0s", items.get(2).scaleBadge(now, ZoneOffset.UTC));
    assertEquals("Failed: image not found", items.get(3).statusText());
    assertEquals("0 / 1", items.get(2).instancesText());
  }

  private static Map<String, ScalingHistory> history(String name, Duration idle, ScalingHistory.Change... newestFirst) {
    return Map.of(name, new ScalingHistory(List.of(newestFirst), idle));
  }

  @Test
  void warmingUpCountsFromTheScaleOutRequestNotFromWhenTheConsoleNoticed() {
    ScalingHistory.Change out = new ScalingHistory.Change(now.minusSeconds(40), 1, "monitor alarm x in state ALARM");
    ScalingHistory.Change in = new ScalingHistory.Change(now.minusSeconds(3600), 0, "idle");
    vm.update(List.of(endpoint("c-async", true, "InService", 0, 1, null)),
        history("c-async", Duration.ofMinutes(15), out, in));
    assertEquals("warming up 40s", vm.shown().get(0).scaleBadge(now, ZoneOffset.UTC));
  }

  @Test
  void scaledToZeroSaysSinceWhenAndRunningSaysWhenItMayScaleIn() {
    ScalingHistory.Change in = new ScalingHistory.Change(Instant.parse("2026-01-01T09:12:30Z"), 0, "idle");
    ScalingHistory.Change out = new ScalingHistory.Change(Instant.parse("2026-01-01T08:40:00Z"), 1, "alarm");
    vm.update(List.of(endpoint("b-async", true, "InService", 0, 0, null)),
        history("b-async", Duration.ofMinutes(15), in, out));
    assertEquals("scaled to zero since 09:12", vm.shown().get(0).scaleBadge(now, ZoneOffset.UTC));
    assertTrue(vm.shown().get(0).scaleDetail(now, ZoneOffset.UTC).contains("Idle window (scale-in cooldown): 15m"));

    ScalingHistory.Change again = new ScalingHistory.Change(now.minusSeconds(180), 1, "alarm");
    vm.update(List.of(endpoint("b-async", true, "InService", 1, 1, null)),
        history("b-async", Duration.ofMinutes(15), again, in, out));
    assertEquals("running, scale-in in 12m", vm.shown().get(0).scaleBadge(now, ZoneOffset.UTC));
    assertEquals("running, scale-in after 15m idle",
        vm.shown().get(0).scaleBadge(now.plus(Duration.ofMinutes(13)), ZoneOffset.UTC));
  }

  @Test
  void scaleEventsGoToTheLog() {
    vm.update(List.of(endpoint("e", true, "InService", 0, 0, null)));
    now = now.plusSeconds(5);
    vm.update(List.of(endpoint("e", true, "InService", 0, 1, null)),
        history("e", Duration.ofMinutes(15), new ScalingHistory.Change(now.minusSeconds(2), 1, "alarm")));
    now = now.plusSeconds(30);
    vm.update(List.of(endpoint("e", true, "InService", 1, 1, null)));
    vm.update(List.of(endpoint("e", true, "InService", 1, 0, null)));
    List<String> lines = log.entries().stream().map(LogEntry::message).toList();
    assertEquals(List.of("endpoint e scaling out from zero: 1 instance(s) requested at 10:00:03",
        "endpoint e serving on 1 instance(s) after warming up 32s",
        "endpoint e scaling in: 1 -> 0 instance(s)"), lines);
  }

  @Test
  void scalingHistoryIsAskedAgainOnlyWhenTheCountsChangeOrAMinutePassed() {
    ScalingWatch watch = new ScalingWatch();
    int[] asked = {0};
    java.util.function.BiFunction<String, String, ScalingHistory> read = (n, v) -> {
      asked[0]++;
      return ScalingHistory.NONE;
    };
    List<EndpointDescription> idle = List.of(endpoint("e", true, "InService", 0, 0, null),
        endpoint("s", false, "InService", 1, 1, null));
    watch.histories(idle, now, read);
    watch.histories(idle, now.plusSeconds(1), read);
    assertEquals(1, asked[0], "once for the async endpoint, not again a second later, never for the sync one");
    watch.histories(List.of(endpoint("e", true, "InService", 0, 1, null)), now.plusSeconds(2), read);
    assertEquals(2, asked[0], "the desired count changed");
    watch.histories(List.of(endpoint("e", true, "InService", 0, 1, null)), now.plusSeconds(70), read);
    assertEquals(3, asked[0], "a minute old");
  }

  @Test
  void warmingUpCountsFromWhenItWasFirstSeen() {
    vm.update(List.of(endpoint("c-async", true, "InService", 0, 1, null)));
    now = now.plus(Duration.ofSeconds(75));
    vm.update(List.of(endpoint("c-async", true, "InService", 0, 1, null)));
    assertEquals("warming up 1m 15s", vm.shown().get(0).scaleBadge(now, ZoneOffset.UTC));
    vm.update(List.of(endpoint("c-async", true, "InService", 1, 1, null)));
    assertEquals("running", vm.shown().get(0).scaleBadge(now, ZoneOffset.UTC));
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
