package dev.workbench.console.viewmodel;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** The log lines a change of an endpoint's instance counts makes: scale-out asked, instances serving, scale-in. */
final class ScaleEvents {
  private ScaleEvents() {
  }

  static List<String> describe(EndpointItem before, EndpointItem after, Instant now, ZoneId zone) {
    List<String> lines = new ArrayList<>();
    String name = after.name();
    if (before.desiredInstances() == 0 && after.desiredInstances() > 0 && after.currentInstances() == 0) {
      Instant asked = after.warmingSince() == null ? now : after.warmingSince();
      lines.add("endpoint " + name + " scaling out from zero: " + after.desiredInstances() + " instance(s) requested at "
          + asked.atZone(zone).toLocalTime().withNano(0));
    } else if (after.desiredInstances() > before.desiredInstances() && before.desiredInstances() > 0) {
      lines.add("endpoint " + name + " scaling out: " + before.desiredInstances() + " -> " + after.desiredInstances()
          + " instance(s)");
    }
    if (before.currentInstances() == 0 && after.currentInstances() > 0) {
      String took = before.warmingSince() == null ? "" : " after warming up "
          + EndpointItem.duration(Duration.between(before.warmingSince(), now));
      lines.add("endpoint " + name + " serving on " + after.currentInstances() + " instance(s)" + took);
    }
    if (before.desiredInstances() > after.desiredInstances()) {
      String idle = after.idleWindow() == null ? "" : " (idle window " + EndpointItem.duration(after.idleWindow()) + ")";
      lines.add("endpoint " + name + " scaling in: " + before.desiredInstances() + " -> " + after.desiredInstances()
          + " instance(s)" + idle);
    }
    return lines;
  }
}
