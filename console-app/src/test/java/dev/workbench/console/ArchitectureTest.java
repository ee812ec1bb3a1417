package dev.workbench.console;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The console's layering: views over view-models over services; cloud work only in services. */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void load() {
    // the main classes' own directory: the build dir may be target-<name>, which ArchUnit's test filter misses
    try {
      classes = new ClassFileImporter().importPath(java.nio.file.Path.of(
          ConsoleApp.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void viewModelsHoldNoControlsOrLayouts() {
    noClasses().that().resideInAPackage("..console.viewmodel..")
        .should().dependOnClassesThat().resideInAnyPackage("javafx.scene.control..", "javafx.scene.layout..",
            "javafx.scene", "javafx.application..", "org.controlsfx..", "atlantafx..")
        .check(classes);
  }

  @Test
  void onlyServicesTalkToTheCloud() {
    noClasses().that().resideOutsideOfPackage("..console.service..")
        .should().dependOnClassesThat().haveFullyQualifiedName("dev.workbench.api.Cloud")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.workbench.api.Endpoint")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.workbench.api.Model")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.workbench.api.InferenceCache")
        .orShould().dependOnClassesThat().resideInAPackage("dev.workbench.core..")
        .orShould().dependOnClassesThat().resideInAPackage("software.amazon.awssdk..")
        .check(classes);
  }

  @Test
  void viewModelsCallNoCloudOperations() {
    // InferenceJob is observed (listeners) by the view-model; stopping it goes through the service
    noClasses().that().resideOutsideOfPackage("..console.service..")
        .should().callMethod(dev.workbench.api.InferenceJob.class, "cancel")
        .orShould().callMethod(dev.workbench.api.InferenceJob.class, "join")
        .check(classes);
  }

  @Test
  void theLocalCloudIsReachedOnlyThroughTheDsl() {
    noClasses().should().dependOnClassesThat().resideInAPackage("dev.workbench.local..")
        .check(classes);
  }

  @Test
  void onlyServicesUseTheDsl() {
    noClasses().that().resideOutsideOfPackage("..console.service..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.workbench.dsl..", "dev.workbench.cli..")
        .check(classes);
  }

  @Test
  void onlyTheTaskPackageBridgesToTheFxThread() {
    noClasses().that().resideOutsideOfPackages("..console.task..")
        .and().doNotHaveSimpleName("ScreenshotTour")
        .should().dependOnClassesThat().haveFullyQualifiedName("javafx.concurrent.Task")
        .orShould().callMethod(javafx.application.Platform.class, "runLater", Runnable.class)
        .check(classes);
  }

  @Test
  void noRawThreads() {
    noClasses().that().resideOutsideOfPackages("..console.task..")
        .should().callConstructor(Thread.class, Runnable.class)
        .orShould().callConstructor(Thread.class, Runnable.class, String.class)
        .check(classes);
  }
}
