package dev.workbench.console.viewmodel;

import dev.workbench.api.EndpointDescription;
import dev.workbench.console.service.ScalingHistory;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * Keeps each async endpoint's scaling history and asks Application Auto Scaling again only when the endpoint's
 * instance counts change or the answer is a minute old: the list refreshes every second, AWS throttles far sooner.
 * Called from the background task of a refresh; thread-safe.
 */
final class ScalingWatch {
  private static final Duration STALE = Duration.ofMinutes(1);

  private record Known(int current, int desired, Instant at, ScalingHistory history) {}

  private final Map<String, Known> known = new ConcurrentHashMap<>();

  /** The histories of the listed async endpoints; a failed read counts as no history (the badge falls back). */
  Map<String, ScalingHistory> histories(List<EndpointDescription> endpoints, Instant now,
      BiFunction<String, String, ScalingHistory> read) {
    Map<String, ScalingHistory> out = new HashMap<>();
    for (EndpointDescription d : endpoints) {
      if (!d.async() || !d.inService() && !"Updating".equals(d.status())) {
        continue;
      }
      Known k = known.get(d.name());
      if (k == null || k.current() != d.currentInstances() || k.desired() != d.desiredInstances()
          || !now.isBefore(k.at().plus(STALE))) {
        ScalingHistory h;
        try {
          h = read.apply(d.name(), d.variantName());
        } catch (RuntimeException e) {
          h = k == null ? ScalingHistory.NONE : k.history();
        }
        k = new Known(d.currentInstances(), d.desiredInstances(), now, h);
        known.put(d.name(), k);
      }
      out.put(d.name(), k.history());
    }
    known.keySet().removeIf(n -> endpoints.stream().noneMatch(d -> d.name().equals(n)));
    return out;
  }
}
