package dev.workbench.console.viewmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.console.service.ConnectionService;
import dev.workbench.console.service.EndpointService;
import dev.workbench.console.task.ImmediateTaskExecutor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The deploy form's validation and request, without a JavaFX thread. */
class DeployViewModelTest {
  private final LogViewModel log = new LogViewModel();
  private final DeployViewModel vm = new DeployViewModel(new EndpointService(new ConnectionService()),
      new ImmediateTaskExecutor(), log);

  @Test
  void anEmptyFormCannotBeSubmitted() {
    assertTrue(vm.problems().containsAll(List.of("Pick a model.", "Enter an endpoint name.")), vm.problems()::toString);
    assertFalse(vm.canDeployProperty().get());
  }

  @Test
  void pickingAModelNamesTheEndpointAfterIt() {
    vm.modelProperty().set("latency");
    assertEquals("latency", vm.endpointNameProperty().get());
    assertTrue(vm.problems().isEmpty(), vm.problems()::toString);
    assertTrue(vm.canDeployProperty().get());
  }

  @Test
  void badEndpointNamesAreRejected() {
    vm.modelProperty().set("latency");
    vm.endpointNameProperty().set("my_endpoint!");
    assertTrue(vm.problems().stream().anyMatch(p -> p.startsWith("Endpoint name:")), vm.problems()::toString);
    vm.endpointNameProperty().set("my-endpoint");
    assertTrue(vm.problems().isEmpty(), vm.problems()::toString);
  }

  @Test
  void asyncSettingsAreCheckedOnlyWhenAsync() {
    vm.modelProperty().set("latency");
    vm.maxConcurrentProperty().set(0);
    assertTrue(vm.problems().isEmpty());
    vm.asyncProperty().set(true);
    assertTrue(vm.problems().contains("Max concurrent invocations per instance: 1 to 1000."), vm.problems()::toString);
    assertEquals("ml.c7i.xlarge", vm.instanceTypeProperty().get());
    vm.maxConcurrentProperty().set(2);
    assertTrue(vm.problems().isEmpty());
  }

  @Test
  void theRequestCarriesTheAsyncSettingsAndTags() {
    vm.modelProperty().set("latency");
    vm.endpointNameProperty().set("lat-async");
    vm.asyncProperty().set(true);
    vm.maxConcurrentProperty().set(3);
    vm.scaleToZeroProperty().set(true);
    vm.idleMinutesProperty().set(7);
    vm.maxInstancesProperty().set(5);
    vm.tagsProperty().set(" team:chem ,, demo ");
    var r = vm.request();
    assertTrue(r.async());
    assertEquals(3, r.maxConcurrent());
    assertEquals(7, r.idleMinutes());
    assertEquals(5, r.maxInstances());
    assertTrue(r.scaleToZero());
    assertEquals(List.of("team:chem", "demo"), r.tags());
  }

  @Test
  void theDefaultModelIsARealOneNotTheTestModel() {
    assertEquals("descriptors", DeployViewModel.defaultModel(List.of("descriptors", "latency", "smiles-to-3d")));
    assertEquals("smiles-to-3d", DeployViewModel.defaultModel(List.of("latency", "smiles-to-3d")));
    assertEquals("latency", DeployViewModel.defaultModel(List.of("latency")), "the only model there is");
  }

  @Test
  void theAsyncSwitchSaysWhichInstanceTypeItWillUse() {
    vm.asyncProperty().set(true);
    assertEquals("ml.c7i.xlarge", vm.instanceTypeProperty().get());
    assertEquals("Will use ml.c7i.xlarge, the async default (was ml.t2.medium).", vm.instanceNoteProperty().get());
    vm.instanceTypeProperty().set("ml.g4dn.xlarge");
    vm.asyncProperty().set(false);
    assertEquals("ml.g4dn.xlarge", vm.instanceTypeProperty().get(), "a type the user chose stays");
    assertEquals("Will use ml.g4dn.xlarge, as chosen.", vm.instanceNoteProperty().get());
  }

  @Test
  void dataCaptureIsOffUnlessSwitchedOnWithItsSamplingPercent() {
    vm.modelProperty().set("descriptors");
    assertFalse(vm.request().dataCapture());
    vm.dataCaptureProperty().set(true);
    vm.capturePercentProperty().set(25);
    assertTrue(vm.request().dataCapture());
    assertEquals(25, vm.request().captureSamplePercent());
    vm.capturePercentProperty().set(0);
    assertTrue(vm.problems().contains("Capture sampling: 1 to 100 percent."), vm.problems()::toString);
  }

  @Test
  void anExistingEndpointNameIsRefusedBeforeDeploy() {
    javafx.collections.ObservableList<String> existing = javafx.collections.FXCollections.observableArrayList("other");
    DeployViewModel form = new DeployViewModel(new EndpointService(new ConnectionService()),
        new ImmediateTaskExecutor(), log, existing);
    form.modelProperty().set("descriptors");
    assertTrue(form.canDeployProperty().get());
    existing.add("descriptors"); // the list refreshes while the dialog is open
    assertEquals(List.of("An endpoint named descriptors already exists: pick another name or delete it first."),
        List.copyOf(form.problems()));
    assertFalse(form.canDeployProperty().get());
    form.endpointNameProperty().set("descriptors-2");
    assertTrue(form.canDeployProperty().get());
  }

  @Test
  void deployingWithoutAConnectionIsReportedNotSwallowed() {
    vm.modelProperty().set("latency");
    vm.deploy(() -> { });
    assertTrue(vm.progressProperty().get().startsWith("failed: not connected"), vm.progressProperty()::get);
    assertNotNull(log.lastErrorProperty().get());
    assertTrue(log.lastErrorProperty().get().message().contains("deploying latency failed"));
    assertFalse(vm.deployingProperty().get());
  }
}
