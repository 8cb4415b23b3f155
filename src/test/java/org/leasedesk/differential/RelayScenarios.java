package org.leasedesk.differential;

import static org.leasedesk.differential.Scenario.scenario;
import static org.leasedesk.differential.ScenarioGroup.group;

import java.util.List;

/** Clients behind a relay agent: subnet selection by giaddr, option 82, renewing from afar. */
final class RelayScenarios {

    private RelayScenarios() {}

    static final String TWO_RELAYED_SUBNETS = """
            {
              "Dhcp4": {
                "valid-lifetime": 4000, "renew-timer": 1000, "rebind-timer": 2000,
                "subnet4": [
                  { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.2.100 - 192.0.2.199" } ] },
                  { "id": 2, "subnet": "203.0.113.0/24", "pools": [ { "pool": "203.0.113.10 - 203.0.113.50" } ],
                    "option-data": [ { "name": "routers", "data": "203.0.113.1" } ] },
                  { "id": 3, "subnet": "198.18.0.0/24", "pools": [ { "pool": "198.18.0.10 - 198.18.0.50" } ],
                    "option-data": [ { "name": "routers", "data": "198.18.0.1" } ] }
                ]
              }
            }
            """;

    static List<ScenarioGroup> groups() {
        return List.of(group("relayed subnets", TWO_RELAYED_SUBNETS,
                scenario("relayed DORA: the subnet is the one giaddr is in, replies go to giaddr:67")
                        .as(Client.relayed("02:00:00:00:20:01", "203.0.113.1"))
                        .discover().expectOffer("A").expect("destination", "203.0.113.1:67")
                        .request("A").expectAck("A").expect("destination", "203.0.113.1:67"),
                scenario("relayed client renews by unicast from its own address: ACK, the subnet chosen by ciaddr")
                        .as(Client.relayed("02:00:00:00:20:02", "198.18.0.1"))
                        .see("Kea 2.2 cfg_subnets4.cc selectSubnet: giaddr 0 and a unicast query -> ciaddr")
                        .dora("A")
                        .renew("A").expectAck("A").expect("destination", "A:68")));
    }
}
