package dev.workbench.console.viewmodel;

import dev.workbench.api.EndpointDescription;
import dev.workbench.console.service.EndpointService;
import dev.workbench.console.service.ScalingHistory;
import dev.workbench.console.task.BackgroundTask;
import dev.workbench.console.task.TaskExecutor;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.jspecify.annotations.Nullable;

/** The endpoints list: all endpoints, filtered and searched, refreshed live, delete. */
public final class EndpointsViewModel {
  private final EndpointService service;
  private final TaskExecutor executor;
  private final LogViewModel log;
  private final Clock clock;
  private final ObservableList<EndpointItem> all = FXCollections.observableArrayList();
  private final FilteredList<EndpointItem> shown = new FilteredList<>(all, i -> true);
  private final StringProperty search = new SimpleStringProperty("");
  private final ObjectProperty<EndpointFilter> filter = new SimpleObjectProperty<>(EndpointFilter.ALL);
  private final ObjectProperty<@Nullable EndpointItem> selected = new SimpleObjectProperty<>();
  private final ObjectProperty<Instant> now;
  private final BooleanProperty refreshing = new SimpleBooleanProperty();
  private final ObservableList<String> names = FXCollections.observableArrayList();
  private final ScalingWatch scaling = new ScalingWatch();
  /** How often every endpoint's health is checked (each check reads days of metrics). */
  public static final java.time.Duration HEALTH_EVERY = java.time.Duration.ofSeconds(30);
  private final Map<String, String> health = new HashMap<>();
  private @Nullable Instant healthAt;
  private boolean checking;

  private record Listing(List<EndpointDescription> endpoints, Map<String, ScalingHistory> scaling) {}

  public EndpointsViewModel(EndpointService service, TaskExecutor executor, LogViewModel log, Clock clock) {
    this.service = service;
    this.executor = executor;
    this.log = log;
    this.clock = clock;
    this.now = new SimpleObjectProperty<>(clock.instant());
    search.addListener((o, a, b) -> applyFilter());
    filter.addListener((o, a, b) -> applyFilter());
  }

  public ObservableList<EndpointItem> shown() { return shown; }

  public ObservableList<EndpointItem> all() { return all; }

  /** Names of every endpoint (for pickers elsewhere). */
  public ObservableList<String> names() { return names; }

  public StringProperty searchProperty() { return search; }

  public ObjectProperty<EndpointFilter> filterProperty() { return filter; }

  public ObjectProperty<@Nullable EndpointItem> selectedProperty() { return selected; }

  /** The time the badges are computed at; moves on each refresh (for "warming up 12s"). */
  public ObjectProperty<Instant> nowProperty() { return now; }

  private void applyFilter() {
    String text = search.get() == null ? "" : search.get().trim().toLowerCase(Locale.ROOT);
    EndpointFilter f = filter.get() == null ? EndpointFilter.ALL : filter.get();
    shown.setPredicate(i -> f.accepts(i) && (text.isEmpty() || i.name().toLowerCase(Locale.ROOT).contains(text)
        || (i.instanceType() != null && i.instanceType().toLowerCase(Locale.ROOT).contains(text))));
  }

  /** Reloads the list in the background; a refresh already running makes this one a no-op. */
  public void refresh() {
    if (refreshing.get()) {
      return;
    }
    refreshing.set(true);
    executor.execute(BackgroundTask.of("list endpoints", p -> {
          List<EndpointDescription> listed = service.endpoints();
          return new Listing(listed, scaling.histories(listed, clock.instant(), service::scaling));
        })
        .onSuccess(l -> update(l.endpoints(), l.scaling()))
        .onFailure(e -> log.error("listing endpoints", e))
        .onFinished(() -> refreshing.set(false)));
  }

  /** As {@link #update(List, Map)} with no scaling history (badges fall back to what the console saw). */
  public void update(List<EndpointDescription> descriptions) {
    update(descriptions, Map.of());
  }

  /**
   * Applies a fresh listing in place (rows keep their places: a selection survives), keeping warming-up times,
   * and logs what changed: failures and scale events.
   */
  public void update(List<EndpointDescription> descriptions, Map<String, ScalingHistory> scalingByName) {
    Instant t = clock.instant();
    Map<String, EndpointItem> before = new HashMap<>();
    all.forEach(i -> before.put(i.name(), i));
    List<EndpointItem> items = descriptions.stream().map(d -> EndpointItem.of(d, before.get(d.name()), t,
        scalingByName.getOrDefault(d.name(), ScalingHistory.NONE)).withHealth(health.get(d.name()))).toList();
    EndpointItem sel = selected.get();
    for (EndpointItem i : items) {
      EndpointItem old = before.get(i.name());
      if (old != null && !old.status().equals(i.status()) && "Failed".equals(i.status())) {
        log.error("endpoint " + i.name(), new IllegalStateException("endpoint " + i.name() + " failed: " + i.failureReason()));
      }
      if (old != null) {
        ScaleEvents.describe(old, i, t, clock.getZone()).forEach(log::info);
      }
    }
    InPlace.update(all, items, EndpointItem::name);
    InPlace.update(names, items.stream().map(EndpointItem::name).toList(), n -> n);
    now.set(t);
    if (sel != null) {
      // the same endpoint's fresh row, if it is still shown (a filtered-out row cannot be acted on)
      selected.set(shown.stream().filter(i -> i.name().equals(sel.name())).findFirst().orElse(null));
    }
  }

  /**
   * Checks every listed endpoint's health in one background task when the last check is {@link #HEALTH_EVERY} old
   * (the live tick calls this); the rows take the result in place.
   */
  public void checkHealthIfDue() {
    Instant t = clock.instant();
    if (checking || all.isEmpty() || healthAt != null && t.isBefore(healthAt.plus(HEALTH_EVERY))) {
      return;
    }
    checking = true;
    healthAt = t;
    List<String> listed = all.stream().map(EndpointItem::name).toList();
    executor.execute(BackgroundTask.of("health of endpoints", p -> {
          Map<String, String> found = new HashMap<>();
          for (String name : listed) {
            try {
              var h = service.health(name);
              found.put(name, h.healthy() ? "healthy" : String.join(", ", h.codes()));
            } catch (RuntimeException e) {
              found.put(name, "unknown: " + e.getMessage()); // deleted meanwhile, or unreachable: say so on its row
            }
          }
          return found;
        })
        .onSuccess(this::health)
        .onFinished(() -> checking = false));
  }

  /** Applies health results to the rows they name. */
  void health(Map<String, String> checked) {
    health.putAll(checked);
    InPlace.update(all, all.stream().map(i -> i.withHealth(health.get(i.name()))).toList(), EndpointItem::name);
    EndpointItem sel = selected.get();
    if (sel != null) {
      selected.set(shown.stream().filter(i -> i.name().equals(sel.name())).findFirst().orElse(null));
    }
  }

  /** The zone times of day are shown in (the clock's). */
  public ZoneId zone() { return clock.getZone(); }

  /** Deletes an endpoint, its model only when {@code withModel} (the view asks for confirmation first). */
  public void delete(String name, boolean withModel) {
    log.info("deleting endpoint " + name + (withModel ? " and its model" : " (keeping its model)"));
    executor.execute(BackgroundTask.run("delete " + name, () -> service.delete(name, withModel))
        .onSuccess(v -> {
          log.info("deleted endpoint " + name + (withModel ? " and its model" : "; its model is kept"));
          refresh();
        })
        .onFailure(e -> log.error("deleting endpoint " + name, e)));
  }
}
