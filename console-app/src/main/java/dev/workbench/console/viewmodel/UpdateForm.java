package dev.workbench.console.viewmodel;

import dev.workbench.api.EndpointKind;
import dev.workbench.api.EndpointMeta;
import dev.workbench.api.EndpointUpdate;
import dev.workbench.console.service.EndpointDetail;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jspecify.annotations.Nullable;

/**
 * The Update dialog's form: prefilled with what the endpoint has now, the changes as "Instances: 1 → 2" lines, and
 * what is wrong, each problem naming its field. Numbers are text so a half-typed value is a problem, not a crash;
 * only changed values go into the {@link EndpointUpdate} (null keeps what the endpoint has).
 */
public final class UpdateForm {
  private final String endpoint;
  private final EndpointKind kind;
  private final String status;
  private final String oldType;
  private final int oldInstances;
  private final @Nullable Integer oldMin;
  private final @Nullable Integer oldMax;
  private final @Nullable Integer oldIdle;
  private final boolean oldCapture;
  private final int oldPercent;
  private final StringProperty instanceType;
  private final StringProperty instances;
  private final StringProperty minInstances;
  private final StringProperty maxInstances;
  private final StringProperty idleMinutes;
  private final BooleanProperty dataCapture;
  private final StringProperty capturePercent;
  private final ObservableList<String> changes = FXCollections.observableArrayList();
  private final ObservableList<String> problems = FXCollections.observableArrayList();
  private final BooleanBinding canApply;

  public UpdateForm(EndpointDetail d) {
    endpoint = d.name();
    kind = d.kind();
    status = d.status();
    EndpointDetail.Variant v = d.variants().isEmpty() ? null : d.variants().get(0);
    oldType = v == null || v.instanceType() == null ? "" : v.instanceType();
    oldInstances = v == null ? 0 : v.desiredCount();
    oldMin = d.target() == null ? null : d.target().min();
    oldMax = d.target() == null ? null : d.target().max();
    oldIdle = kind == EndpointKind.ASYNC ? idleOf(d) : null;
    oldCapture = d.capture() != null && d.capture().enabled();
    // a capture never configured samples everything when turned on, as core does
    oldPercent = d.capture() == null || d.capture().percent() < 1 ? 100 : d.capture().percent();
    instanceType = new SimpleStringProperty(oldType);
    instances = new SimpleStringProperty(String.valueOf(oldInstances));
    minInstances = new SimpleStringProperty(text(oldMin));
    maxInstances = new SimpleStringProperty(text(oldMax));
    idleMinutes = new SimpleStringProperty(text(oldIdle));
    dataCapture = new SimpleBooleanProperty(oldCapture);
    capturePercent = new SimpleStringProperty(String.valueOf(oldPercent));
    for (StringProperty p : List.of(instanceType, instances, minInstances, maxInstances, idleMinutes, capturePercent)) {
      p.addListener((o, a, b) -> check());
    }
    dataCapture.addListener((o, a, b) -> check());
    canApply = Bindings.isEmpty(problems).and(Bindings.isNotEmpty(changes));
    check();
  }

  /** The idle window Workbench registered (its meta tag), else the scale-in cooldown of a policy. */
  private static @Nullable Integer idleOf(EndpointDetail d) {
    String tagged = d.meta().get(EndpointMeta.SCALE_IN_IDLE_MINUTES);
    if (tagged != null && tagged.matches("\\d+")) {
      return Integer.parseInt(tagged);
    }
    return d.policies().stream().map(EndpointDetail.Policy::scaleInCooldownSeconds).filter(s -> s != null)
        .map(s -> s / 60).findFirst().orElse(null);
  }

  public String endpoint() { return endpoint; }

  public EndpointKind kind() { return kind; }

  /** Instance type, count and scaling apply (not to a serverless endpoint). */
  public boolean instancesApply() { return kind != EndpointKind.SERVERLESS; }

  /** The idle window applies (async endpoints scale in to zero after it). */
  public boolean idleApplies() { return kind == EndpointKind.ASYNC; }

  public StringProperty instanceTypeProperty() { return instanceType; }

  public StringProperty instancesProperty() { return instances; }

  /** Empty when nothing scales the endpoint; both filled starts target tracking on a sync one. */
  public StringProperty minInstancesProperty() { return minInstances; }

  public StringProperty maxInstancesProperty() { return maxInstances; }

  public StringProperty idleMinutesProperty() { return idleMinutes; }

  public BooleanProperty dataCaptureProperty() { return dataCapture; }

  public StringProperty capturePercentProperty() { return capturePercent; }

  /** What Apply changes, one "Field: old → new" line each, in the form's order. */
  public ObservableList<String> changes() { return changes; }

  /** What is wrong now, each naming its field; empty when the values can be applied. */
  public ObservableList<String> problems() { return problems; }

  /** Something changes and nothing is wrong. */
  public BooleanBinding canApplyProperty() { return canApply; }

  private void check() {
    List<String> found = new ArrayList<>();
    List<String> diff = new ArrayList<>();
    if (!instancesApply()) {
      found.add(endpoint + " is serverless: it has no instance type, count or scaling to change (SageMaker sizes it "
          + "by memory and concurrency), and SageMaker does not capture data on it.");
    }
    if (!"InService".equals(status)) {
      found.add("Status: " + endpoint + " is " + status + "; SageMaker updates an endpoint only when it is InService.");
    }
    if (instancesApply()) {
      String type = instanceType.get() == null ? "" : instanceType.get().trim();
      if (!type.startsWith("ml.") || type.length() < 4) {
        found.add("Instance type: must look like ml.m5.large.");
      } else if (!type.equals(oldType)) {
        diff.add("Instance type: " + oldType + " → " + type);
      }
      Integer n = number("Instances", instances.get(), found);
      boolean countChanged = n != null && n != oldInstances;
      if (countChanged && n < 1) {
        found.add("Instances: at least 1 (SageMaker starts an updated fleet with at least one instance).");
      } else if (countChanged) {
        diff.add("Instances: " + oldInstances + " → " + n);
      }
      scaling(found, diff, countChanged ? n : null);
    }
    if (dataCapture.get() != oldCapture) {
      diff.add("Data capture: " + (oldCapture ? "on, " + oldPercent + "%" : "off") + " → "
          + (dataCapture.get() ? "on" : "off"));
    }
    if (dataCapture.get()) {
      Integer p = number("Capture percent", capturePercent.get(), found);
      if (p != null && (p < 1 || p > 100)) {
        found.add("Capture percent: 1 to 100.");
      } else if (p != null && (p != oldPercent || !oldCapture)) {
        diff.add("Capture percent: " + (oldCapture ? oldPercent + "%" : "none") + " → " + p + "%");
      }
    }
    if (!found.equals(List.copyOf(problems))) {
      problems.setAll(found);
    }
    if (!diff.equals(List.copyOf(changes))) {
      changes.setAll(diff);
    }
  }

  /** Min / max (and the async idle window): blank only where nothing scales the endpoint now. */
  private void scaling(List<String> found, List<String> diff, @Nullable Integer count) {
    boolean blankMin = blank(minInstances.get());
    boolean blankMax = blank(maxInstances.get());
    if (oldMin == null && blankMin && blankMax) {
      return;
    }
    if (oldMin == null && (blankMin || blankMax)) {
      found.add((blankMin ? "Min instances" : "Max instances")
          + ": give both min and max to start autoscaling, or leave both empty.");
      return;
    }
    Integer min = number("Min instances", minInstances.get(), found);
    Integer max = number("Max instances", maxInstances.get(), found);
    if (min == null || max == null) {
      return;
    }
    int lowest = kind == EndpointKind.ASYNC ? 0 : 1;
    if (min < lowest) {
      found.add("Min instances: at least " + lowest + (lowest == 1 ? " (only async endpoints scale to zero)." : "."));
    } else if (max < Math.max(1, min)) {
      found.add("Max instances: at least " + Math.max(1, min) + " (the min instances).");
    } else if (count != null && (count < Math.max(1, min) || count > max)) {
      found.add("Instances: " + count + " is outside min to max instances (" + min + " to " + max + ").");
    }
    if (oldMin == null) {
      diff.add("Autoscaling: none → " + min + " to " + max + " instances, on invocations per instance");
    } else {
      if (min.intValue() != oldMin) {
        diff.add("Min instances: " + oldMin + " → " + min);
      }
      if (oldMax != null && max.intValue() != oldMax) {
        diff.add("Max instances: " + oldMax + " → " + max);
      }
    }
    if (idleApplies() && (oldIdle != null || !blank(idleMinutes.get()))) {
      Integer idle = number("Idle minutes", idleMinutes.get(), found);
      if (idle != null && idle < 1) {
        found.add("Idle minutes: at least 1.");
      } else if (idle != null && !idle.equals(oldIdle)) {
        diff.add("Idle minutes: " + (oldIdle == null ? "none" : oldIdle) + " → " + idle);
      }
    }
  }

  /** The changed values only; every other one stays null (kept). Call when {@link #canApplyProperty()} holds. */
  public EndpointUpdate request() {
    if (!canApply.get()) {
      throw new IllegalStateException("nothing to apply: " + (problems.isEmpty() ? "no change" : problems.get(0)));
    }
    EndpointUpdate.Builder b = EndpointUpdate.builder();
    if (instancesApply()) {
      String type = instanceType.get().trim();
      if (!type.equals(oldType)) {
        b.instance(type);
      }
      int n = Integer.parseInt(instances.get().trim());
      if (n != oldInstances) {
        b.instances(n);
      }
      if (!blank(minInstances.get())) {
        int min = Integer.parseInt(minInstances.get().trim());
        int max = Integer.parseInt(maxInstances.get().trim());
        if (oldMin == null || min != oldMin) {
          b.minInstances(min);
        }
        if (oldMax == null || max != oldMax) {
          b.maxInstances(max);
        }
      }
      if (idleApplies() && !blank(idleMinutes.get())) {
        int idle = Integer.parseInt(idleMinutes.get().trim());
        if (oldIdle == null || idle != oldIdle) {
          b.idleMinutes(idle);
        }
      }
    }
    if (dataCapture.get()) {
      int p = Integer.parseInt(capturePercent.get().trim());
      if (!oldCapture || p != oldPercent) {
        b.dataCapture(true, p);
      }
    } else if (oldCapture) {
      b.dataCapture(false);
    }
    return b.build();
  }

  private static @Nullable Integer number(String field, @Nullable String text, List<String> found) {
    String t = text == null ? "" : text.trim();
    if (!t.matches("-?\\d{1,6}")) {
      found.add(field + ": a whole number" + (t.isEmpty() ? "." : ", not '" + t + "'."));
      return null;
    }
    return Integer.parseInt(t);
  }

  private static boolean blank(@Nullable String s) {
    return s == null || s.isBlank();
  }

  private static String text(@Nullable Integer i) {
    return i == null ? "" : String.valueOf(i);
  }
}
