package dev.workbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.api.Cloud;
import dev.workbench.local.junit.LocalCloudExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;

/** `workbench deploy` with sync autoscaling and `workbench update`, against a local cloud. */
class UpdateCliTest {
  @RegisterExtension
  static LocalCloudExtension local = LocalCloudExtension.fast();

  @TempDir
  static Path dir;

  static Cli cli;

  @BeforeAll
  static void connect() {
    cli = new Cli(local.cloud().endpoint(), dir.resolve("client"));
    assertEquals(0, cli.run("register-model", "echo", "--image", "local/latency", "--env", "LATENCY_MS_PER_ROW=0").exit());
  }

  @Test
  void helpListsUpdateWithItsOptions() {
    assertTrue(Cli.raw("--help").out().contains("update"));
    Cli.Result update = Cli.raw("update", "--help");
    assertEquals(0, update.exit());
    for (String option : new String[] {"--instance-type", "--instances", "--min", "--max", "--idle-minutes", "--capture",
        "--capture-percent", "Examples:"}) {
      assertTrue(update.out().contains(option), option + " in " + update.out());
    }
    Cli.Result deploy = Cli.raw("deploy", "--help");
    assertTrue(deploy.out().contains("--min-instances") && deploy.out().contains("--target-invocations")
        && deploy.out().contains("--target-cpu"), deploy.out());
  }

  @Test
  void deployAutoscalesThenUpdateChangesTheFleetWithProgress() {
    Cli.Result deploy = cli.run("deploy", "echo", "--name", "cli-upd", "--min-instances", "1", "--max-instances", "3",
        "--target-invocations", "200");
    assertEquals(0, deploy.exit(), deploy.err());
    assertTrue(deploy.err().contains("InvocationsPerInstance 200"), deploy.err());

    Cli.Result update = cli.run("update", "cli-upd", "--instance-type", "ml.m5.large", "--instances", "2", "--max", "4",
        "--capture", "on", "--capture-percent", "25");
    assertEquals(0, update.exit(), update.err());
    assertTrue(update.err().contains("Updating") && update.err().contains("InService"), update.err());
    assertTrue(update.out().contains("updated cli-upd (SYNC) InService, instances 2/2 on ml.m5.large"), update.out());
    try (Cloud cloud = Cloud.at(local.cloud().endpoint(), s -> s.dataDir(dir.resolve("sdk")))) {
      var target = cloud.autoScaling().describeScalableTargets(b -> b.serviceNamespace(ServiceNamespace.SAGEMAKER)
          .resourceIds("endpoint/cli-upd/variant/AllTraffic")).scalableTargets().get(0);
      assertEquals(1, target.minCapacity());
      assertEquals(4, target.maxCapacity());
      var capture = cloud.sageMaker().describeEndpoint(b -> b.endpointName("cli-upd")).dataCaptureConfig();
      assertTrue(capture.enableCapture());
      assertEquals(25, capture.currentSamplingPercentage());
    }
    Cli.Result off = cli.run("update", "cli-upd", "--capture", "off");
    assertEquals(0, off.exit(), off.err());
  }

  @Test
  void badFlagsAreRefusedNamingThem() {
    Cli.Result capture = cli.run("update", "cli-nothing", "--capture", "maybe");
    assertTrue(capture.exit() != 0);
    assertTrue(capture.err().contains("--capture takes on or off"), capture.err());
    Cli.Result nothing = cli.run("update", "cli-nothing");
    assertTrue(nothing.err().contains("nothing to update"), nothing.err());
    Cli.Result both = cli.run("deploy", "echo", "--target-cpu", "50", "--target-invocations", "10");
    assertTrue(both.err().contains("not both"), both.err());
  }
}
