package org.leasedesk.differential;

import static org.leasedesk.differential.Scenario.scenario;
import static org.leasedesk.differential.ScenarioGroup.group;

import java.util.List;

/** Clients on the server's own segment: DORA, where replies go, renewing and rebinding. */
final class DirectLinkScenarios {

    private DirectLinkScenarios() {}

    static final String ONE_SUBNET = """
            {
              "Dhcp4": {
                "valid-lifetime": 4000, "renew-timer": 1000, "rebind-timer": 2000,
                "subnet4": [ {
                  "id": 1, "subnet": "192.0.2.0/24",
                  "pools": [ { "pool": "192.0.2.100 - 192.0.2.199" } ],
                  "option-data": [
                    { "name": "routers", "data": "192.0.2.1" },
                    { "name": "domain-name-servers", "data": "192.0.2.53" },
                    { "name": "domain-name", "data": "example.org" } ]
                } ]
              }
            }
            """;

    static List<ScenarioGroup> groups() {
        return List.of(group("direct link, one subnet", ONE_SUBNET,
                scenario("DORA with the broadcast flag set: OFFER and ACK broadcast, lease and timers as configured")
                        .as(Client.direct("02:00:00:00:10:01"))
                        .discover().expectOffer("A").expect("destination", "255.255.255.255:68").expect("option 51 dhcp-lease-time", "4000")
                        .request("A").expectAck("A").expect("destination", "255.255.255.255:68")));
    }
}
