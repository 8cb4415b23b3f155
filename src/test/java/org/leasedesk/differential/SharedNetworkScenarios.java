package org.leasedesk.differential;

import static org.leasedesk.differential.Scenario.scenario;
import static org.leasedesk.differential.ScenarioGroup.group;

import java.util.List;

/**
 * Kea's shared networks: several subnets on one link, each with its pools; a client is served from
 * another subnet of the network when its own is full, renews there, and inherits the network's
 * options and lifetimes where its subnet sets none.
 */
final class SharedNetworkScenarios {

    private SharedNetworkScenarios() {}

    /**
     * floor1: a relay at 203.0.113.1 selects the first subnet, whose pool has one address; the
     * second subnet overflows. floor2 names its relay at network level; its subnet names none.
     */
    static final String SHARED_NETWORKS = """
            {
              "Dhcp4": {
                "valid-lifetime": 4000,
                "shared-networks": [
                  { "name": "floor1", "valid-lifetime": 900,
                    "option-data": [ { "name": "domain-name", "data": "floor1.example" },
                                     { "name": "routers", "data": "203.0.113.1" } ],
                    "subnet4": [
                      { "id": 1, "subnet": "203.0.113.0/26", "pools": [ { "pool": "203.0.113.10 - 203.0.113.10" } ] },
                      { "id": 2, "subnet": "203.0.113.64/26", "pools": [ { "pool": "203.0.113.70 - 203.0.113.72" } ],
                        "option-data": [ { "name": "routers", "data": "203.0.113.65" } ] } ] },
                  { "name": "floor2", "relay": { "ip-addresses": [ "198.18.60.1" ] },
                    "subnet4": [
                      { "id": 3, "subnet": "198.19.60.0/24", "pools": [ { "pool": "198.19.60.10 - 198.19.60.20" } ] } ] }
                ]
              }
            }
            """;

    static List<ScenarioGroup> groups() {
        return List.of(group("shared networks", SHARED_NETWORKS,
                scenario("the first client of a shared network is served from the subnet its relay is in")
                        .as(Client.relayed("02:00:00:40:01:01", "203.0.113.1").requesting(1, 3, 15, 51))
                        .see("Kea 2.2 cfg_subnets4.cc selectSubnet by giaddr")
                        .dora("203.0.113.10")
                        .expect("option 15 domain-name", "floor1.example"),
                scenario("when that subnet is full, the next client is served from the network's other subnet")
                        .as(Client.relayed("02:00:00:40:02:01", "203.0.113.1").requesting(1, 3, 15, 51))
                        .see("Kea 2.2 alloc_engine.cc allocateUnreservedLease4 walks the shared network's subnets")
                        .dora("203.0.113.70")
                        .expect("option 3 routers", "203.0.113.65").expect("option 15 domain-name", "floor1.example")
                        .expect("option 51 dhcp-lease-time", "900"),
                scenario("a client of the overflow subnet renews there through the relay of the first subnet")
                        .as(Client.relayed("02:00:00:40:03:01", "203.0.113.1"))
                        .dora("203.0.113.71")
                        .rebind("203.0.113.71").expectAck("203.0.113.71"),
                scenario("a client of the overflow subnet INIT-REBOOTs through the relay of the first subnet")
                        .as(Client.relayed("02:00:00:40:04:01", "203.0.113.1"))
                        .dora("203.0.113.72")
                        .initReboot("203.0.113.72").expectAck("203.0.113.72"),
                scenario("the network full: no OFFER")
                        .as(Client.relayed("02:00:00:40:05:01", "203.0.113.1"))
                        .discover().expectNoReply(),
                scenario("a relay named at network level selects the network's subnet")
                        .as(Client.relayed("02:00:00:40:06:01", "198.18.60.1"))
                        .see("Kea 2.2 cfg_subnets4.cc: a subnet without relays matches its shared network's")
                        .discover().expectOffer("A").fromPool("198.19.60.10 - 198.19.60.20")
                        .request("A").expectAck("A")));
    }
}
