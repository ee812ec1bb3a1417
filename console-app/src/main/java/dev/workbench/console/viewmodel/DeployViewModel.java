package dev.workbench.console.viewmodel;

import dev.workbench.console.service.DeployRequest;
import dev.workbench.console.service.EndpointService;
import dev.workbench.console.task.BackgroundTask;
import dev.workbench.console.task.TaskExecutor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The deploy dialog: model, instance type, the async toggle and its settings, tags, validation, progress. */
public final class DeployViewModel {
  /** SageMaker's rule for endpoint names. */
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}");
  static final String SYNC_DEFAULT = "ml.t2.medium";
  static final String ASYNC_DEFAULT = "ml.c7i.xlarge";
  /** Models that exist for tests and demos of the machinery: picked only when there is nothing else. */
  private static final List<String> TEST_MODELS = List.of("latency");
  public static final List<String> INSTANCE_TYPES = List.of("ml.t2.medium", "ml.m5.large", "ml.m5.xlarge",
      "ml.c5.xlarge", "ml.c7i.xlarge", "ml.g4dn.xlarge");

  private final EndpointService service;
  private final TaskExecutor executor;
  private final LogViewModel log;
  private final ObservableList<String> models = FXCollections.observableArrayList();
  private final StringProperty model = new SimpleStringProperty("");
  private final StringProperty endpointName = new SimpleStringProperty("");
  private final StringProperty instanceType = new SimpleStringProperty(SYNC_DEFAULT);
  private final BooleanProperty async = new SimpleBooleanProperty();
  private final IntegerProperty maxConcurrent = new SimpleIntegerProperty(4);
  private final BooleanProperty scaleToZero = new SimpleBooleanProperty(true);
  private final IntegerProperty idleMinutes = new SimpleIntegerProperty(10);
  private final IntegerProperty maxInstances = new SimpleIntegerProperty(4);
  private final StringProperty tags = new SimpleStringProperty("");
  private final ObservableList<String> problems = FXCollections.observableArrayList();
  private final BooleanProperty deploying = new SimpleBooleanProperty();
  private final StringProperty progress = new SimpleStringProperty("");
  private final BooleanProperty done = new SimpleBooleanProperty();
  private final BooleanBinding canDeploy;
  private final BooleanProperty dataCapture = new SimpleBooleanProperty(false);
  private final IntegerProperty capturePercent = new SimpleIntegerProperty(20);
  private final StringProperty instanceNote = new SimpleStringProperty("");
  private final ObservableList<String> existing;

  public DeployViewModel(EndpointService service, TaskExecutor executor, LogViewModel log) {
    this(service, executor, log, FXCollections.observableArrayList());
  }

  /** @param existing the names of the endpoints there are: a new one must not take one of them */
  public DeployViewModel(EndpointService service, TaskExecutor executor, LogViewModel log,
      ObservableList<String> existing) {
    this.service = service;
    this.executor = executor;
    this.log = log;
    this.existing = existing;
    existing.addListener((javafx.collections.ListChangeListener<String>) c -> validate());
    capturePercent.addListener((o, a, b) -> validate());
    dataCapture.addListener((o, a, b) -> validate());
    for (var p : List.of(model, endpointName, instanceType, tags)) {
      p.addListener((o, a, b) -> validate());
    }
    for (var p : List.of(maxConcurrent, idleMinutes, maxInstances)) {
      p.addListener((o, a, b) -> validate());
    }
    async.addListener((o, a, b) -> {
      // the default of one kind becomes the other's; a type the user chose stays, and the note says which is used
      String from = instanceType.get();
      String to = b ? ASYNC_DEFAULT : SYNC_DEFAULT;
      if (from == null || from.isBlank() || from.equals(b ? SYNC_DEFAULT : ASYNC_DEFAULT)) {
        instanceType.set(to);
        instanceNote.set("Will use " + to + ", the " + (b ? "async" : "sync") + " default"
            + (from == null || from.isBlank() ? "" : " (was " + from + ")") + ".");
      } else {
        instanceNote.set("Will use " + from + ", as chosen.");
      }
      validate();
    });
    model.addListener((o, a, b) -> {
      if (b != null && (endpointName.get().isBlank() || endpointName.get().equals(a))) {
        endpointName.set(b);
      }
    });
    canDeploy = Bindings.isEmpty(problems).and(deploying.not()).and(done.not());
    validate();
  }

  public ObservableList<String> models() { return models; }

  /** Capture requests and responses to S3; off unless asked (on AWS it costs money and stores payloads). */
  public BooleanProperty dataCaptureProperty() { return dataCapture; }

  /** The share of requests captured, 1 to 100. */
  public IntegerProperty capturePercentProperty() { return capturePercent; }

  /** Which instance type the endpoint will use, said when the async switch changed it. */
  public StringProperty instanceNoteProperty() { return instanceNote; }

  public StringProperty modelProperty() { return model; }

  public StringProperty endpointNameProperty() { return endpointName; }

  public StringProperty instanceTypeProperty() { return instanceType; }

  public BooleanProperty asyncProperty() { return async; }

  public IntegerProperty maxConcurrentProperty() { return maxConcurrent; }

  public BooleanProperty scaleToZeroProperty() { return scaleToZero; }

  public IntegerProperty idleMinutesProperty() { return idleMinutes; }

  public IntegerProperty maxInstancesProperty() { return maxInstances; }

  /** Comma-separated tags. */
  public StringProperty tagsProperty() { return tags; }

  /** What is wrong with the form now; empty when it can be submitted. */
  public ObservableList<String> problems() { return problems; }

  public BooleanBinding canDeployProperty() { return canDeploy; }

  public BooleanProperty deployingProperty() { return deploying; }

  /** The latest deploy step, e.g. "Creating (3s)". */
  public StringProperty progressProperty() { return progress; }

  /** True once the endpoint is InService. */
  public BooleanProperty doneProperty() { return done; }

  public void loadModels() {
    executor.execute(BackgroundTask.of("list models", p -> service.models())
        .onSuccess(list -> {
          models.setAll(list);
          if (model.get().isBlank() && !list.isEmpty()) {
            model.set(defaultModel(list));
          }
        })
        .onFailure(e -> log.error("listing models", e)));
  }

  /** The first real model; a test model only when there is nothing else. */
  static String defaultModel(List<String> models) {
    return models.stream().filter(m -> !TEST_MODELS.contains(m)).findFirst().orElse(models.get(0));
  }

  private void validate() {
    List<String> found = new ArrayList<>();
    if (model.get() == null || model.get().isBlank()) {
      found.add("Pick a model.");
    }
    String name = endpointName.get() == null ? "" : endpointName.get().trim();
    if (name.isEmpty()) {
      found.add("Enter an endpoint name.");
    } else if (!NAME.matcher(name).matches()) {
      found.add("Endpoint name: letters, digits and hyphens, at most 63, starting with a letter or digit.");
    } else if (!done.get() && !deploying.get() && existing.contains(name)) {
      found.add("An endpoint named " + name + " already exists: pick another name or delete it first.");
    }
    if (dataCapture.get() && (capturePercent.get() < 1 || capturePercent.get() > 100)) {
      found.add("Capture sampling: 1 to 100 percent.");
    }
    if (instanceType.get() == null || !instanceType.get().startsWith("ml.")) {
      found.add("Instance type must look like ml.m5.large.");
    }
    if (async.get()) {
      if (maxConcurrent.get() < 1 || maxConcurrent.get() > 1000) {
        found.add("Max concurrent invocations per instance: 1 to 1000.");
      }
      if (maxInstances.get() < 1) {
        found.add("Max instances must be at least 1.");
      }
      if (idleMinutes.get() < 1) {
        found.add("Idle minutes must be at least 1.");
      }
    }
    for (String tag : tagList()) {
      if (tag.length() > 128) {
        found.add("Tag too long (128 characters at most): " + tag.substring(0, 20) + "...");
      }
    }
    if (!found.equals(List.copyOf(problems))) {
      problems.setAll(found);
    }
  }

  private List<String> tagList() {
    String t = tags.get() == null ? "" : tags.get();
    return Arrays.stream(t.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  public DeployRequest request() {
    return new DeployRequest(model.get(), endpointName.get().trim(), instanceType.get(), async.get(),
        maxConcurrent.get(), scaleToZero.get(), idleMinutes.get(), maxInstances.get(), tagList(), dataCapture.get(),
        dataCapture.get() ? capturePercent.get() : 100);
  }

  /** Submits the deployment and follows it until InService; calls {@code onDeployed} on success. */
  public void deploy(Runnable onDeployed) {
    validate();
    if (!problems.isEmpty()) {
      return;
    }
    DeployRequest request = request();
    deploying.set(true);
    progress.set("submitting " + request.endpointName() + "...");
    log.info("deploying " + request.model() + " as " + (request.async() ? "async" : "sync") + " endpoint "
        + request.endpointName());
    executor.execute(BackgroundTask.of("deploy " + request.endpointName(), p -> service.deploy(request,
            step -> p.message(step.stage() + ": " + step.message() + " (" + step.elapsed().toSeconds() + "s)")))
        .onMessage(progress::set)
        .onSuccess(d -> {
          progress.set(d.name() + " is " + d.status());
          done.set(true);
          log.info("endpoint " + d.name() + " is " + d.status());
          onDeployed.run();
        })
        .onFailure(e -> {
          progress.set("failed: " + e.getMessage());
          log.error("deploying " + request.endpointName(), e);
        })
        .onFinished(() -> deploying.set(false)));
  }
}
