package dev.workbench.core.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.api.Cloud;
import dev.workbench.api.DeployException;
import dev.workbench.api.Endpoint;
import dev.workbench.api.Model;
import dev.workbench.local.junit.LocalCloudExtension;
import dev.workbench.local.spi.Timing;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** An autoscaling max above the account's Service Quotas quota for the instance type is refused before any change. */
class QuotaCheckTest {
  @RegisterExtension
  static LocalCloudExtension local = LocalCloudExtension.with(c -> c.timing(Timing.fast())
      .quotas(Map.of("ml.t2.medium for endpoint usage", 2.0)));

  @TempDir
  static Path data;

  static Cloud cloud;

  @BeforeAll
  static void connect() {
    cloud = Cloud.at(local.cloud().endpoint(), s -> s.dataDir(data));
  }

  @AfterAll
  static void close() {
    cloud.close();
  }

  @Test
  void aMaxAboveTheQuotaIsRefusedNamingIt() {
    Model model = cloud.registerModel("quota-model", r -> r.image("local/latency"));
    DeployException e = assertThrows(DeployException.class, () -> model.toEndpoint(d -> d.endpointName("quota-over")
        .minInstances(1).maxInstances(3).autoscaleOnInvocations(100)));
    assertTrue(e.getMessage().contains("maxInstances 3") && e.getMessage().contains("quota of 2")
        && e.getMessage().contains("ml.t2.medium for endpoint usage"), e.getMessage());
    assertTrue(cloud.sageMaker().listEndpoints(b -> b.nameContains("quota-over")).endpoints().isEmpty());

    Endpoint ok = model.toEndpoint(d -> d.endpointName("quota-ok").minInstances(1).maxInstances(2).autoscaleOnInvocations(100));
    DeployException update = assertThrows(DeployException.class, () -> ok.update(u -> u.maxInstances(5)));
    assertTrue(update.getMessage().contains("quota of 2"), update.getMessage());
    assertEquals(2, RealtimeAutoscalingTest.targetOf(cloud, "quota-ok").maxCapacity(), "nothing changed");

    // A type without a readable quota is not checked.
    model.toEndpoint(d -> d.endpointName("quota-other").instance("ml.m5.large").minInstances(1).maxInstances(6)
        .autoscaleOnInvocations(100));
    assertEquals(6, RealtimeAutoscalingTest.targetOf(cloud, "quota-other").maxCapacity());
  }
}
