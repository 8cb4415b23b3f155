package org.leasedesk.differential;

import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.leasedesk.testing.netns.NetnsTest;
import org.leasedesk.testing.netns.NetworkLab;

/**
 * LeaseDesk answers as Kea 2.2 does: every scenario of {@link Catalogue} is sent to Kea and to
 * LeaseDesk on the same configuration, and each is one test that fails with a side-by-side diff of
 * the first step where they differ. The network is built once for the whole class.
 *
 * <pre>
 * ./mvnw -B -ntp -q test -Dtest='KeaDifferentialTest' -Dsurefire.failIfNoSpecifiedTests=false
 * ... -Dleasedesk.diff.only=renew            only groups or scenarios whose name contains "renew"
 * ... -Dleasedesk.diff.keaDebug=true         Kea logs every decision (lab kept with -Dleasedesk.netns.keep=true)
 * </pre>
 *
 * <p>Every verdict, passing or not, is also written in one line each to
 * {@code target/kea-differential/summary.txt}.
 */
@NetnsTest(requires = {"kea-dhcp4"})
class KeaDifferentialTest {

    private static final String ONLY = System.getProperty("leasedesk.diff.only", "").toLowerCase(Locale.ROOT);

    private static DifferentialRunner runner;
    private static final List<ScenarioGroup> RUN = new ArrayList<>();

    /** The network is built once for the class; the lab is closed after {@link #closeRunner()}. */
    @BeforeAll
    static void buildTopology(NetworkLab lab) throws Exception {
        runner = DifferentialRunner.start(Topology.build(lab));
    }

    @TestFactory
    Stream<DynamicNode> leaseDeskAnswersAsKea22Does() {
        List<ScenarioGroup> groups = Catalogue.groups().stream().map(KeaDifferentialTest::selected)
                .filter(group -> !group.scenarios().isEmpty()).toList();
        RUN.addAll(groups);
        return groups.stream().map(group -> dynamicContainer(group.name(), group.scenarios().stream()
                .map(scenario -> dynamicTest(scenario.name(), () -> runner.resultOf(group).verify(scenario)))));
    }

    private static ScenarioGroup selected(ScenarioGroup group) {
        if (ONLY.isEmpty() || group.name().toLowerCase(Locale.ROOT).contains(ONLY)) {
            return group;
        }
        return new ScenarioGroup(group.name(), group.keaJson(), group.scenarios().stream()
                .filter(scenario -> scenario.name().toLowerCase(Locale.ROOT).contains(ONLY)).toList());
    }

    @AfterAll
    static void closeRunner() throws Exception {
        if (runner != null) {
            try {
                writeSummary(runner.results());
            } finally {
                runner.close();
            }
        }
    }

    private static void writeSummary(Map<String, GroupResult> results) throws IOException {
        StringBuilder summary = new StringBuilder();
        for (ScenarioGroup group : RUN) {
            GroupResult result = results.get(group.name());
            if (result == null) {
                continue;
            }
            for (Scenario scenario : group.scenarios()) {
                GroupResult.Verdict verdict = result.verdict(scenario);
                summary.append(String.format("%-26s %s / %s%s%n", verdict.outcome(), group.name(), scenario.name(),
                        verdict.oneLine().isEmpty() ? "" : "\n    " + verdict.oneLine()));
            }
        }
        Path directory = Files.createDirectories(Path.of("target", "kea-differential"));
        Files.writeString(directory.resolve("summary.txt"), summary);
    }
}
