package org.leasedesk;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layering of ARCHITECTURE.md, enforced: protocol at the bottom, the lease domain on it; server, client,
 * platform, store and report above them; app above those; ui and cli on top. Rules allow empty
 * packages so they already guard packages that later work will fill.
 */
@AnalyzeClasses(packages = "org.leasedesk", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String[] CORE = {
        "org.leasedesk.protocol..", "org.leasedesk.lease..", "org.leasedesk.server..", "org.leasedesk.client..",
        "org.leasedesk.platform..", "org.leasedesk.store..", "org.leasedesk.report..", "org.leasedesk.app.."
    };

    @ArchTest
    static final ArchRule coreNeverImportsJavaFx = noClasses()
            .that().resideInAnyPackage(CORE)
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "atlantafx..")
            .because("the core runs headless and must not need a toolkit")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule leaseDependsOnTheProtocolAtMost = noClasses()
            .that().resideInAnyPackage("org.leasedesk.lease..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.leasedesk.server..", "org.leasedesk.client..", "org.leasedesk.platform..",
                    "org.leasedesk.store..", "org.leasedesk.report..", "org.leasedesk.app..",
                    "org.leasedesk.ui..", "org.leasedesk.cli..")
            .because("the domain sits on the wire format only (hardware addresses), below every service")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule protocolDependsOnTheJdkOnly = noClasses()
            .that().resideInAPackage("org.leasedesk.protocol..")
            .should().dependOnClassesThat().resideOutsideOfPackages("java..", "org.leasedesk.protocol..")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule servicesDoNotReachUp = noClasses()
            .that().resideInAnyPackage(
                    "org.leasedesk.server..", "org.leasedesk.client..", "org.leasedesk.platform..",
                    "org.leasedesk.store..", "org.leasedesk.report..")
            .should().dependOnClassesThat().resideInAnyPackage("org.leasedesk.app..", "org.leasedesk.ui..", "org.leasedesk.cli..")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule appDoesNotReachUp = noClasses()
            .that().resideInAPackage("org.leasedesk.app..")
            .should().dependOnClassesThat().resideInAnyPackage("org.leasedesk.ui..", "org.leasedesk.cli..")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule uiTalksToAppOnly = noClasses()
            .that().resideInAPackage("org.leasedesk.ui..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.leasedesk.server..", "org.leasedesk.client..", "org.leasedesk.platform..",
                    "org.leasedesk.store..", "org.leasedesk.report..", "org.leasedesk.cli..")
            .because("views reach the core only through app/ services")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule uiOpensNoSocketsAndRunsNoSql = noClasses()
            .that().resideInAPackage("org.leasedesk.ui..")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.h2..")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.DatagramSocket")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.Socket")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.ServerSocket")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.nio.channels.DatagramChannel")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.nio.channels.SocketChannel")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule loggingOnlyThroughSlf4j = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("java.util.logging..", "org.apache.log4j..", "org.apache.logging..")
            .orShould().callMethodWhere(target(name("printStackTrace")))
            .because("logs go through SLF4J with context, never to a stray stream");

    @ArchTest
    static final ArchRule onlyTheCommandLinePrintsToTheConsole = noClasses()
            .that().resideOutsideOfPackage("org.leasedesk.cli..")
            .should().accessField(System.class, "out")
            .orShould().accessField(System.class, "err")
            .because("only the command line writes to the console; everything else logs through SLF4J");
}
