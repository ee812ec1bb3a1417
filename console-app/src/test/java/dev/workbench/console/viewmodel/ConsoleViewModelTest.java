package dev.workbench.console.viewmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.workbench.api.EndpointDescription;
import dev.workbench.console.service.ConsoleServices;
import dev.workbench.console.task.ImmediateTaskExecutor;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The screens' view-models wired together, without a JavaFX thread. */
class ConsoleViewModelTest {
  @Test
  void theMetricsTabFollowsTheEndpointSelectedOnTheEndpointsTab() {
    ConsoleViewModel vm = new ConsoleViewModel(ConsoleServices.create(), new ImmediateTaskExecutor(), true, null);
    vm.endpoints().update(List.of(endpoint("a"), endpoint("b")));
    vm.endpoints().selectedProperty().set(vm.endpoints().shown().get(1));
    assertEquals("b", vm.metrics().endpointProperty().get());
    vm.endpoints().selectedProperty().set(null); // filtered out of sight: the metrics stay where they were
    assertEquals("b", vm.metrics().endpointProperty().get());
  }

  private static EndpointDescription endpoint(String name) {
    return new EndpointDescription(name, "arn:" + name, "InService", null, false, "ml.m5.large", 1, 1, "AllTraffic",
        name, null, Instant.EPOCH, Instant.EPOCH);
  }
}
