package org.leasedesk.differential;

import static org.leasedesk.differential.Scenario.scenario;
import static org.leasedesk.differential.ScenarioGroup.group;

import java.util.List;

/**
 * Clients behind a relay agent: subnet selection (giaddr, a subnet's relay addresses, option 118,
 * 82.5 link selection, a subnet's interface), option 82, renewing and informing from afar.
 */
final class RelayScenarios {

    private RelayScenarios() {}

    static final String RELAYED_SUBNETS = """
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

    static final String RELAY_ADDRESSES = """
            {
              "Dhcp4": {
                "valid-lifetime": 4000,
                "subnet4": [
                  { "id": 1, "subnet": "203.0.113.0/24", "pools": [ { "pool": "203.0.113.10 - 203.0.113.50" } ] },
                  { "id": 2, "subnet": "198.18.20.0/24", "pools": [ { "pool": "198.18.20.10 - 198.18.20.50" } ],
                    "relay": { "ip-addresses": [ "203.0.113.1" ] } }
                ]
              }
            }
            """;

    static final String SUBNET_ON_INTERFACE = """
            {
              "Dhcp4": {
                "valid-lifetime": 4000,
                "subnet4": [
                  { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.2.100 - 192.0.2.199" } ] },
                  { "id": 2, "subnet": "198.51.100.0/24", "pools": [ { "pool": "198.51.100.10 - 198.51.100.50" } ],
                    "interface": "br0" }
                ]
              }
            }
            """;

    private static final String SELECT_SUBNET = "Kea 2.2 cfg_subnets4.cc selectSubnet: option 118 or 82.5 first, then relay"
            + " ip-addresses, then giaddr; giaddr 0 and a unicast query -> ciaddr; a broadcast -> the interface";
    private static final String INFORM = "Kea 2.2 dhcp4_srv.cc adjustRemoteAddr and processInform: an INFORM with ciaddr is"
            + " answered at ciaddr:68, giaddr and option 82 removed; without ciaddr through the relay, broadcast bit set";

    static List<ScenarioGroup> groups() {
        return List.of(
                group("relayed subnets", RELAYED_SUBNETS,
                        scenario("relayed DORA: the subnet is the one giaddr is in, replies go to giaddr:67")
                                .as(Client.relayed("02:00:00:05:01:01", "203.0.113.1"))
                                .discover().expectOffer("A").expect("destination", "203.0.113.1:67").expect("giaddr", "203.0.113.1")
                                .request("A").expectAck("A").expect("destination", "203.0.113.1:67"),
                        scenario("relayed client renewing by unicast from its own address: ACK to ciaddr, the subnet chosen by ciaddr")
                                .as(Client.relayed("02:00:00:05:02:01", "198.18.0.1")).see(SELECT_SUBNET)
                                .dora("A")
                                .renew("A").expectAck("A").expect("destination", "A:68").expect("option 3 routers", "198.18.0.1"),
                        scenario("relayed client rebinding through the relay: ACK to giaddr")
                                .as(Client.relayed("02:00:00:05:03:01", "203.0.113.1"))
                                .dora("A")
                                .rebind("A").expectAck("A").expect("destination", "203.0.113.1:67"),
                        scenario("relayed INIT-REBOOT with the client's own address: ACK to giaddr")
                                .as(Client.relayed("02:00:00:05:04:01", "203.0.113.1"))
                                .dora("A")
                                .initReboot("A").expectAck("A").expect("destination", "203.0.113.1:67"),
                        scenario("relayed INIT-REBOOT from a known client with an address of another network: NAK to giaddr")
                                .as(Client.relayed("02:00:00:05:05:01", "203.0.113.1"))
                                .dora("A")
                                .initReboot("198.18.0.20").expectNak().expect("destination", "203.0.113.1:67").expect("flags", "0")
                                .differsOnPurpose(LeaseLifecycleScenarios.RFC2131_RELAYED_NAK, "flags", "broadcast"),
                        scenario("option 82 (circuit-id, remote-id) is echoed to the relay in OFFER and ACK")
                                .as(Client.relayed("02:00:00:05:06:01", "203.0.113.1").withCircuitId("eth0/7").withRemoteId("cpe-42"))
                                .see("Kea 2.2 dhcp4_srv.cc copyDefaultOptions (RFC 3046)")
                                .dora("A"),
                        scenario("option 118 from a relayed client selects its subnet over giaddr, and is echoed")
                                .as(Client.relayed("02:00:00:05:07:01", "203.0.113.1").withSubnetSelection("198.18.0.0"))
                                .see(SELECT_SUBNET).see("RFC 3011: the server returns option 118 in OFFER and ACK")
                                .discover().expectOffer("A").fromPool("198.18.0.10 - 198.18.0.50")
                                .request("A").expectAck("A"),
                        scenario("option 118 from a client on the link selects a relayed subnet")
                                .as(Client.direct("02:00:00:05:08:01").withSubnetSelection("203.0.113.0"))
                                .see(SELECT_SUBNET)
                                .discover().expectOffer("A").fromPool("203.0.113.10 - 203.0.113.50")
                                .expect("destination", "255.255.255.255:68")
                                .request("A").expectAck("A"),
                        scenario("82.5 link selection selects the subnet over giaddr")
                                .as(Client.relayed("02:00:00:05:09:01", "203.0.113.1").withLinkSelection("198.18.0.0"))
                                .see(SELECT_SUBNET).see("RFC 3527")
                                .discover().expectOffer("A").fromPool("198.18.0.10 - 198.18.0.50")
                                .request("A").expectAck("A").expect("destination", "203.0.113.1:67"),
                        scenario("82.5 link selection wins over option 118")
                                .as(Client.relayed("02:00:00:05:10:01", "203.0.113.1").withLinkSelection("198.18.0.0")
                                        .withSubnetSelection("203.0.113.0"))
                                .see("Kea 2.2 cfg_subnets4.cc initSelector: the RAI link-selection sub-option is read first")
                                .discover().expectOffer("A").fromPool("198.18.0.10 - 198.18.0.50"),
                        scenario("giaddr in no configured subnet: no OFFER")
                                .as(Client.relayed("02:00:00:05:11:01", "198.18.9.1"))
                                .discover().expectNoReply(),
                        scenario("REQUEST through a relay from no configured subnet: NAK to giaddr")
                                .as(Client.relayed("02:00:00:05:12:01", "198.18.9.1"))
                                .see("Kea 2.2 dhcp4_srv.cc assignLease: no subnet for a REQUEST -> NAK")
                                .request("198.18.9.20").expectNak().expect("destination", "198.18.9.1:67")
                                .differsOnPurpose(LeaseLifecycleScenarios.RFC2131_RELAYED_NAK, "flags", "broadcast"),
                        scenario("relayed client rebinding with an address of another network: no reply (not NAK)")
                                .as(Client.relayed("02:00:00:05:13:01", "203.0.113.1"))
                                .see("Kea 2.2 alloc_engine.cc requestLease4: an address in no pool of the subnet -> unknown_requested_addr_,"
                                        + " and dhcp4_srv.cc assignLease drops instead of NAKing")
                                .dora("A")
                                .rebind("198.18.0.30").expectNoReply(),
                        scenario("relayed INFORM with ciaddr: the ACK goes straight to the client, without giaddr and option 82")
                                .as(Client.relayed("02:00:00:05:14:01", "203.0.113.1").withCircuitId("eth0/9"))
                                .see(INFORM)
                                .inform("203.0.113.60").expectAck().expect("destination", "203.0.113.60:68")
                                .expect("giaddr", "0.0.0.0").expect("hops", "0").expect("option 3 routers", "203.0.113.1"),
                        scenario("relayed INFORM without ciaddr: the ACK goes to giaddr with the broadcast bit set")
                                .as(Client.relayed("02:00:00:05:15:01", "203.0.113.1"))
                                .see(INFORM)
                                .inform("0.0.0.0").expectAck().expect("destination", "203.0.113.1:67").expect("flags", "broadcast"),
                        scenario("INFORM unicast from a relayed client's own address: ACK to ciaddr, the subnet chosen by ciaddr")
                                .as(Client.relayed("02:00:00:05:16:01", "198.18.0.1"))
                                .see(INFORM).see(SELECT_SUBNET)
                                .inform("198.18.0.60").route(Step.Route.ROUTED_UNICAST).expectAck()
                                .expect("destination", "198.18.0.60:68").expect("option 3 routers", "198.18.0.1")),
                group("relay ip-addresses", RELAY_ADDRESSES,
                        scenario("a giaddr listed in a subnet's relay ip-addresses selects that subnet, not the one it is in")
                                .as(Client.relayed("02:00:00:06:01:01", "203.0.113.1")).see(SELECT_SUBNET)
                                .discover().expectOffer("A").fromPool("198.18.20.10 - 198.18.20.50")
                                .request("A").expectAck("A"),
                        scenario("another relay of the same network falls back to the subnet giaddr is in")
                                .as(Client.relayed("02:00:00:06:02:01", "203.0.113.2")).see(SELECT_SUBNET)
                                .discover().expectOffer("A").fromPool("203.0.113.10 - 203.0.113.50"),
                        scenario("a client of the relay-addressed subnet renews by unicast: ACK, the subnet chosen by ciaddr")
                                .as(Client.relayed("02:00:00:06:03:01", "203.0.113.1")).see(SELECT_SUBNET)
                                .dora("A")
                                .renew("A").expectAck("A").expect("destination", "A:68"),
                        scenario("a client of the relay-addressed subnet rebinds through the listed relay: ACK")
                                .as(Client.relayed("02:00:00:06:04:01", "203.0.113.1"))
                                .dora("A")
                                .rebind("A").expectAck("A")),
                group("subnet interface", SUBNET_ON_INTERFACE,
                        scenario("a direct client gets an address of the subnet naming the interface, not of the interface's own network")
                                .as(Client.direct("02:00:00:07:01:01"))
                                .see("Kea 2.2 cfg_subnets4.cc selectSubnet(iface): a subnet's interface is matched before the"
                                        + " interface's address")
                                .discover().expectOffer("A").fromPool("198.51.100.10 - 198.51.100.50")
                                .expect("option 54 dhcp-server-identifier", "192.0.2.1")
                                .request("A").expectAck("A"),
                        scenario("INIT-REBOOT with that address: ACK")
                                .as(Client.direct("02:00:00:07:02:01"))
                                .dora("A")
                                .initReboot("A").expectAck("A")));
    }
}
