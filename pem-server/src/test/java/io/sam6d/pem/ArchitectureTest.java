package io.sam6d.pem;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.sam6d.support.architecture.SuiteArchitecture;

/** The suite's arrows, as {@link SuiteArchitecture} states them, on pem-server's own classes. */
@AnalyzeClasses(packages = "io.sam6d.pem", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule usesNoOtherServer = SuiteArchitecture.usesNoOtherServer("io.sam6d.pem");
}
