package dev.workbench.console.viewmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.api.EndpointKind;
import dev.workbench.api.EndpointUpdate;
import dev.workbench.console.service.ConnectionService;
import dev.workbench.console.service.EndpointDetail;
import dev.workbench.console.service.EndpointService;
import dev.workbench.console.task.ImmediateTaskExecutor;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The Update dialog's prefill, diff, checks and request, and the run's outcome, without an FX thread. */
class UpdateFormTest {
  private static final Instant T = Instant.parse("2026-12-03T09:12:00Z");

  private static EndpointDetail endpoint(EndpointKind kind, String status, int desired,
      EndpointDetail.@Nullable Target target, EndpointDetail.@Nullable Capture capture, Map<String, String> meta) {
    return new EndpointDetail("scoring", "arn:aws:sagemaker:us-east-1:0:endpoint/scoring", status, null, kind, T, T,
        "scoring-config", "latency", "local/latency",
        List.of(new EndpointDetail.Variant("AllTraffic", "ml.m5.large", 1, desired, desired, null, null, null)),
        null, capture, Map.of(), meta, target, List.of(), List.of(), List.of());
  }

  private static EndpointDetail sync() {
    return endpoint(EndpointKind.SYNC, "InService", 1, null, null, Map.of());
  }

  private static EndpointDetail async() {
    return endpoint(EndpointKind.ASYNC, "InService", 0, new EndpointDetail.Target("r", 0, 2),
        new EndpointDetail.Capture(true, "Started", 50, "s3://b/c/"), Map.of("scale_in_idle_minutes", "5"));
  }

  @Test
  void theFormStartsWithTheEndpointsSettingsAndNothingToApply() {
    UpdateForm f = new UpdateForm(async());
    assertEquals("ml.m5.large", f.instanceTypeProperty().get());
    assertEquals("0", f.instancesProperty().get());
    assertEquals("0", f.minInstancesProperty().get());
    assertEquals("2", f.maxInstancesProperty().get());
    assertEquals("5", f.idleMinutesProperty().get());
    assertTrue(f.dataCaptureProperty().get());
    assertEquals("50", f.capturePercentProperty().get());
    assertEquals(List.of(), f.changes());
    assertEquals(List.of(), f.problems());
    assertFalse(f.canApplyProperty().get(), "nothing changes");
  }

  @Test
  void eachChangeIsALineAndOnlyTheChangedValuesAreSent() {
    UpdateForm f = new UpdateForm(async());
    f.maxInstancesProperty().set("4");
    f.idleMinutesProperty().set("15");
    f.capturePercentProperty().set("20");
    assertEquals(List.of("Max instances: 2 → 4", "Idle minutes: 5 → 15", "Capture percent: 50% → 20%"), f.changes());
    assertTrue(f.canApplyProperty().get());
    EndpointUpdate u = f.request();
    assertEquals(4, u.maxInstances());
    assertEquals(15, u.idleMinutes());
    assertEquals(true, u.dataCapture());
    assertEquals(20, u.captureSamplePercent());
    assertNull(u.instance());
    assertNull(u.instances(), "the scaled-to-zero count stays as it is");
    assertNull(u.minInstances());

    f.maxInstancesProperty().set("2");
    f.idleMinutesProperty().set("5");
    f.capturePercentProperty().set("50");
    assertEquals(List.of(), f.changes(), "back to what it has: no change");
    assertFalse(f.canApplyProperty().get());
  }

  @Test
  void aSyncFleetChangesCountAndTypeAndCanStartAutoscaling() {
    UpdateForm f = new UpdateForm(sync());
    assertEquals("", f.minInstancesProperty().get(), "nothing scales it");
    assertFalse(f.idleApplies());
    f.instancesProperty().set("2");
    f.instanceTypeProperty().set("ml.c5.xlarge");
    assertEquals(List.of("Instance type: ml.m5.large → ml.c5.xlarge", "Instances: 1 → 2"), f.changes());
    EndpointUpdate u = f.request();
    assertEquals(2, u.instances());
    assertEquals("ml.c5.xlarge", u.instance());
    assertNull(u.minInstances());
    assertNull(u.dataCapture());

    f.minInstancesProperty().set("1");
    assertEquals(List.of("Max instances: give both min and max to start autoscaling, or leave both empty."),
        f.problems());
    f.maxInstancesProperty().set("3");
    assertEquals("Autoscaling: none → 1 to 3 instances, on invocations per instance", f.changes().get(2));
    assertEquals(List.of(), f.problems());
    f.dataCaptureProperty().set(true);
    assertTrue(f.changes().containsAll(List.of("Data capture: off → on", "Capture percent: none → 100%")),
        f.changes()::toString);
    assertEquals(100, f.request().captureSamplePercent());
  }

  @Test
  void badValuesNameTheirFieldAndDisableApply() {
    UpdateForm f = new UpdateForm(async());
    f.instancesProperty().set("two");
    assertEquals(List.of("Instances: a whole number, not 'two'."), f.problems());
    assertFalse(f.canApplyProperty().get());
    f.instancesProperty().set("3");
    assertEquals(List.of("Instances: 3 is outside min to max instances (0 to 2)."), f.problems());
    f.instancesProperty().set("0");
    f.minInstancesProperty().set("3");
    assertEquals(List.of("Max instances: at least 3 (the min instances)."), f.problems());
    f.minInstancesProperty().set("0");
    f.instanceTypeProperty().set("m5.large");
    f.idleMinutesProperty().set("0");
    f.capturePercentProperty().set("101");
    assertEquals(List.of("Instance type: must look like ml.m5.large.", "Idle minutes: at least 1.",
        "Capture percent: 1 to 100."), f.problems());
    f.instanceTypeProperty().set("ml.m5.large");
    f.idleMinutesProperty().set("5");
    f.dataCaptureProperty().set(false);
    assertEquals(List.of(), f.problems(), "a percent of a capture turned off is not checked");
    assertEquals(List.of("Data capture: on, 50% → off"), f.changes());
    assertEquals(false, f.request().dataCapture());

    UpdateForm sync = new UpdateForm(endpoint(EndpointKind.SYNC, "InService", 1, new EndpointDetail.Target("r", 1, 2),
        null, Map.of()));
    sync.minInstancesProperty().set("0");
    assertEquals(List.of("Min instances: at least 1 (only async endpoints scale to zero)."), sync.problems());
    sync.minInstancesProperty().set("");
    assertEquals(List.of("Min instances: a whole number."), sync.problems());
  }

  @Test
  void anEndpointNotInServiceOrServerlessCannotBeUpdated() {
    UpdateForm updating = new UpdateForm(endpoint(EndpointKind.SYNC, "Updating", 1, null, null, Map.of()));
    updating.instancesProperty().set("2");
    assertEquals(List.of("Status: scoring is Updating; SageMaker updates an endpoint only when it is InService."),
        updating.problems());
    assertFalse(updating.canApplyProperty().get());
    UpdateForm serverless = new UpdateForm(new EndpointDetail("s", "arn", "InService", null, EndpointKind.SERVERLESS,
        T, T, "c", "m", "i", List.of(new EndpointDetail.Variant("AllTraffic", null, null, 0, 0, 2048, 3, null)),
        null, null, Map.of(), Map.of(), null, List.of(), List.of(), List.of()));
    assertFalse(serverless.instancesApply());
    assertTrue(serverless.problems().get(0).startsWith("s is serverless"), serverless.problems()::toString);
  }

  @Test
  void aFailedUpdateIsShownAndLoggedAndThePaneReadAgain() {
    LogViewModel log = new LogViewModel();
    int[] reads = {0};
    // a real service without a connection: the update fails as it would with the cloud gone
    UpdateRun run = new UpdateRun(new EndpointService(new ConnectionService()), new ImmediateTaskExecutor(), log,
        () -> reads[0]++);
    UpdateForm f = new UpdateForm(sync());
    f.instancesProperty().set("2");
    run.apply(f);
    assertFalse(run.runningProperty().get());
    assertTrue(run.failedProperty().get());
    assertTrue(run.messageProperty().get().startsWith("Update of scoring failed: "), run.messageProperty()::get);
    assertTrue(log.lastErrorProperty().get().message().startsWith("updating endpoint scoring failed"),
        log.lastErrorProperty().get()::message);
    assertEquals(1, reads[0]);
    assertTrue(UpdateRun.outcome("e", new dev.workbench.api.DeployException("e", "Update of 'e' failed and SageMaker "
        + "rolled back to config 'c', which still serves")).startsWith("Update of e rolled back; the old config still "
        + "serves"));
    assertTrue(UpdateRun.outcome("e", new IllegalArgumentException("instances must be >= 1"))
        .startsWith("Update of e refused, nothing changed"));
  }
}
