package org.leasedesk.server.classify;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The classification package sits on the wire format and the lease domain only, so the server and tools can both use it. */
@AnalyzeClasses(packages = "org.leasedesk.server.classify", importOptions = ImportOption.DoNotIncludeTests.class)
class ClassifyDependenciesTest {

    @ArchTest
    static final ArchRule dependsOnTheJdkProtocolAndLeaseOnly = noClasses()
            .that().resideInAPackage("org.leasedesk.server.classify..")
            .should().dependOnClassesThat().resideOutsideOfPackages(
                    "java..", "org.leasedesk.protocol..", "org.leasedesk.lease..", "org.leasedesk.server.classify..")
            .because("expressions are evaluated for every packet and loaded from configurations, without JavaFX or the store");

    @ArchTest
    static final ArchRule usesNoRegularExpressions = noClasses()
            .that().resideInAPackage("org.leasedesk.server.classify..")
            .should().dependOnClassesThat().resideInAPackage("java.util.regex..")
            .because("evaluation runs on every packet");
}
