package dev.workbench.dsl;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

/** The DSL and the CLI reach the local cloud only through EmbeddedCloud, and never touch JavaFX. */
class ArchitectureTest {
  static final JavaClasses MAIN = new ClassFileImporter()
      // Builds use target-<name> directories (-Dwb.target), which the predefined "no tests" option does not know.
      .withImportOption(location -> !location.contains("/test-classes/"))
      .importPackages("dev.workbench.dsl", "dev.workbench.cli");

  @Test
  void onlyEmbeddedCloudUsesTheLocalCloud() {
    classes().that().resideInAnyPackage("dev.workbench.dsl..", "dev.workbench.cli..")
        .and().doNotHaveFullyQualifiedName(EmbeddedCloud.class.getName())
        .should(new ArchCondition<JavaClass>("not depend on dev.workbench.local (except Workbench.local's config type)") {
          @Override
          public void check(JavaClass item, ConditionEvents events) {
            for (Dependency d : item.getDirectDependenciesFromSelf()) {
              String target = d.getTargetClass().getPackageName();
              boolean local = target.equals("dev.workbench.local") || target.startsWith("dev.workbench.local.");
              // Workbench.local(Consumer<LocalCloudConfig.Builder>) names the type; only EmbeddedCloud uses it.
              boolean signatureOnly = item.isEquivalentTo(Workbench.class)
                  && d.getTargetClass().getName().startsWith("dev.workbench.local.LocalCloudConfig");
              if (local && !signatureOnly) {
                events.add(SimpleConditionEvent.violated(d, d.getDescription()));
              }
            }
          }
        }).check(MAIN);
  }

  @Test
  void noJavaFx() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..").check(MAIN);
  }
}
