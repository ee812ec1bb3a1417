package dev.workbench.core.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The module boundaries of DESIGN.md for core's main classes. */
@AnalyzeClasses(packages = {"dev.workbench.api", "dev.workbench.core"}, importOptions = CoreArchitectureTest.MainClassesOnly.class)
class CoreArchitectureTest {

  /** Main classes only, whatever the build directory is called (builds run with -Dwb.target=target-<name>). */
  static final class MainClassesOnly implements ImportOption {
    @Override
    public boolean includes(Location location) {
      return !location.contains("/test-classes/");
    }
  }

  @ArchTest
  static final ArchRule noJavaFx = noClasses().that().resideInAnyPackage("dev.workbench.api..", "dev.workbench.core..")
      .should().dependOnClassesThat().resideInAnyPackage("javafx..", "java.awt..", "javax.swing..", "org.controlsfx..", "atlantafx..")
      .because("core never imports JavaFX");

  @ArchTest
  static final ArchRule noUpperModules = noClasses().that().resideInAnyPackage("dev.workbench.api..", "dev.workbench.core..")
      .should().dependOnClassesThat().resideInAnyPackage("dev.workbench.local..", "dev.workbench.dsl..",
          "dev.workbench.cli..", "dev.workbench.console..")
      .because("core depends on no other project module: local and AWS differ only in the endpoint URL");

  @ArchTest
  static final ArchRule packagesPerDesign = classes().that().resideInAnyPackage("dev.workbench.api..", "dev.workbench.core..")
      .should().resideInAnyPackage("dev.workbench.api", "dev.workbench.core.aws", "dev.workbench.core.endpoint",
          "dev.workbench.core.async", "dev.workbench.core.sync", "dev.workbench.core.deploy",
          "dev.workbench.core.metrics", "dev.workbench.core.capture", "dev.workbench.core.cache",
          "dev.workbench.core.csv", "dev.workbench.core.journal", "dev.workbench.core.job")
      .because("DESIGN.md names core's packages");

  @ArchTest
  static final ArchRule sdkClientsBuiltInOnePlace = noClasses().that().resideInAnyPackage("dev.workbench.api..", "dev.workbench.core..")
      .and().resideOutsideOfPackage("dev.workbench.core.aws")
      .should().callMethod(software.amazon.awssdk.services.s3.S3Client.class, "builder")
      .orShould().callMethod(software.amazon.awssdk.services.sagemaker.SageMakerClient.class, "builder")
      .orShould().callMethod(software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient.class, "builder")
      .orShould().callMethod(software.amazon.awssdk.services.cloudwatch.CloudWatchClient.class, "builder")
      .orShould().callMethod(software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient.class, "builder")
      .because("the SDK clients are built in one place (AwsClients)");
}
