package io.sam6d.vision;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * vision-core's shape: packages that depend on each other one way only (the engines share their types through
 * {@code detection}, {@code image} and {@code geometry}), and a plain-Java library that servers, tests and the
 * benchmark call alike, so no web framework and no libtorch.
 */
@AnalyzeClasses(packages = "io.sam6d.vision", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** Every package on its own (io and io.bop apart), so a cycle between any two is caught. */
    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("io.sam6d.vision.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule plainJava = noClasses().that().resideInAPackage("io.sam6d.vision..").should()
            .dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta..", "javax.servlet..",
                    "ai.djl..")
            .because("vision-core is the engine library every server, test and benchmark runs as it is; Spring "
                    + "and HTTP belong to the servers, libtorch to vision-djl");
}
