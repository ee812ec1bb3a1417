package dev.workbench.local;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** local-cloud is a server speaking AWS wire protocols: it never depends on the client side of the project. */
@AnalyzeClasses(packages = "dev.workbench.local", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule noProjectModules = noClasses().that().resideInAPackage("dev.workbench.local..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.workbench.core..", "dev.workbench.api..",
                    "dev.workbench.dsl..", "dev.workbench.cli..", "dev.workbench.console..");
}
