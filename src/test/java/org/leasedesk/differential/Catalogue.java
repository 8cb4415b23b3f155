package org.leasedesk.differential;

import java.util.List;
import java.util.stream.Stream;

/** Every group of scenarios the differential test runs; a new group is one more line here. */
final class Catalogue {

    private Catalogue() {}

    static List<ScenarioGroup> groups() {
        return Stream.of(
                        DirectLinkScenarios.groups(),
                        RelayScenarios.groups(),
                        ReservationScenarios.groups(),
                        LeaseParameterScenarios.groups(),
                        LeaseLifecycleScenarios.groups(),
                        SharedNetworkScenarios.groups())
                .flatMap(List::stream)
                .toList();
    }
}
