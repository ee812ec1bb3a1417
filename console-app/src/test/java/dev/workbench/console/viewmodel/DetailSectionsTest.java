package dev.workbench.console.viewmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.workbench.api.EndpointHealth;
import dev.workbench.api.EndpointKind;
import dev.workbench.api.HealthIssue;
import dev.workbench.console.service.EndpointDetail;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the detail pane words an endpoint's settings, without an FX thread or a cloud. */
class DetailSectionsTest {
  private static final Instant T = Instant.parse("2026-12-03T09:12:00Z");

  private static EndpointDetail async() {
    return new EndpointDetail("scoring", "arn:aws:sagemaker:us-east-1:0:endpoint/scoring", "InService", null,
        EndpointKind.ASYNC, T, T.plusSeconds(60), "scoring-config", "latency", "local/latency",
        List.of(new EndpointDetail.Variant("AllTraffic", "ml.m5.large", 1, 0, 0, null, null, null)),
        new EndpointDetail.Async("s3://b/out/", null, 4, "alias/k"), new EndpointDetail.Capture(true, "Started", 20,
            "s3://b/capture/"), Map.of("team", "chem"), Map.of("min_instances", "0"),
        new EndpointDetail.Target("endpoint/scoring/variant/AllTraffic", 0, 2),
        List.of(new EndpointDetail.Policy("backlog", "TargetTrackingScaling", "ApproximateBacklogSizePerInstance",
            5.0, 300, 60, List.of("backlog-alarm"))),
        List.of(new EndpointDetail.Alarm("backlog-alarm", "OK", null, T.plusSeconds(120))),
        List.of(new EndpointDetail.Activity(T.plusSeconds(400), T.plusSeconds(401), "Successful",
            "Setting desired instance count to 0.", "idle")));
  }

  @Test
  void anAsyncEndpointScaledToZeroReadsAsTheConsoleShowsIt() {
    List<DetailSection> s = DetailSections.of(async(), ZoneOffset.UTC);
    assertEquals(List.of("Endpoint", "Variant AllTraffic", "Async inference", "Data capture", "Scaling",
        "Recent scaling activity", "Workbench meta", "Tags"), s.stream().map(DetailSection::title).toList());
    assertEquals("2026-12-03 09:12:00", s.get(0).value("Created"));
    assertEquals("0 running, 0 desired (initially 1)", s.get(1).value("Instances"));
    assertEquals("none (failures go to the output path)", s.get(2).value("Failure path"));
    assertEquals("4", s.get(2).value("Max concurrent per instance"));
    assertEquals("alias/k", s.get(2).value("KMS key"));
    assertEquals("on, 20% of requests (Started)", s.get(3).value("Data capture"));
    assertEquals("TargetTrackingScaling on ApproximateBacklogSizePerInstance, target 5, scale in after 5m idle",
        s.get(4).value("Policy backlog"));
    assertEquals("OK since 09:14:00", s.get(4).value("Alarm backlog-alarm"));
    assertEquals("Setting desired instance count to 0. (Successful, took 1s)", s.get(5).value("09:18:40"));
    assertEquals("chem", s.get(7).value("team"));
  }

  @Test
  void healthAndTestResultsAreWordedForTheReader() {
    assertEquals("Healthy (no issue over the last 72h 0m)", EndpointDetailViewModel.healthText(
        new EndpointHealth("e", EndpointKind.SYNC, "InService", EndpointHealth.DEFAULT_WINDOW, List.of())));
    assertEquals("no_activity: no invocations\nfailed: bad image", EndpointDetailViewModel.healthText(
        new EndpointHealth("e", EndpointKind.SYNC, "Failed", Duration.ofDays(3), List.of(
            new HealthIssue(HealthIssue.NO_ACTIVITY, "no invocations"), new HealthIssue(HealthIssue.FAILED,
                "bad image")))));
    assertEquals("41 ms", MetricUnits.millis(Duration.ofMillis(41)));
    assertEquals("12.5 s", MetricUnits.millis(Duration.ofMillis(12_500)));
    assertNull(new DetailSection("x", List.of()).value("y"));
  }
}
