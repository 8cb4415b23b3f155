package org.leasedesk.differential;

import static org.leasedesk.differential.Scenario.scenario;
import static org.leasedesk.differential.ScenarioGroup.group;

import java.util.List;

/**
 * Clients on the server's own segment: DORA, where replies go, renewing, rebinding, INIT-REBOOT,
 * requests the server cannot grant, INFORM, and what is sent unasked.
 */
final class DirectLinkScenarios {

    private DirectLinkScenarios() {}

    /** Kea's default: not authoritative. */
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

    static final String ONE_SUBNET_AUTHORITATIVE = ONE_SUBNET.replace("\"valid-lifetime\": 4000,",
            "\"authoritative\": true, \"valid-lifetime\": 4000,");

    static final String ONE_SUBNET_NO_ECHO = ONE_SUBNET.replace("\"valid-lifetime\": 4000,",
            "\"echo-client-id\": false, \"valid-lifetime\": 4000,");

    static final String ONE_SUBNET_NO_CLIENT_ID_MATCH = ONE_SUBNET.replace("\"valid-lifetime\": 4000,",
            "\"match-client-id\": false, \"valid-lifetime\": 4000,");

    private static final String RFC2131_NAK_BROADCAST = "RFC 2131 4.1: when giaddr is zero the server broadcasts any DHCPNAK"
            + " (the client may have no usable address); Kea 2.2 unicasts it to ciaddr when the client set one"
            + " (dhcp4_srv.cc adjustRemoteAddr checks ciaddr before the NAK case)";
    private static final String OFFER_HOLD = "ARCHITECTURE.md: an offered address is held for its client briefly (10 s)"
            + " and offered to it again; Kea 2.2 keeps no offers";
    private static final String ADJUST_REMOTE = "Kea 2.2 dhcp4_srv.cc adjustRemoteAddr";
    private static final String INIT_REBOOT = "Kea 2.2 dhcp4_srv.cc assignLease, INIT-REBOOT: unknown client and not authoritative ->"
            + " drop; known client with another address, or unknown and authoritative -> NAK";
    private static final String UNKNOWN_ADDRESS = "Kea 2.2 alloc_engine.cc requestLease4 sets unknown_requested_addr_ for an address"
            + " outside every pool, and assignLease then drops instead of NAKing";

    static List<ScenarioGroup> groups() {
        return List.of(
                group("direct link", ONE_SUBNET,
                        scenario("DORA with the broadcast flag set: OFFER and ACK broadcast, lease and timers as configured")
                                .as(Client.direct("02:00:00:01:01:01"))
                                .discover().expectOffer("A").expect("destination", "255.255.255.255:68")
                                .expect("option 51 dhcp-lease-time", "4000").expect("option 58 dhcp-renewal-time", "1000")
                                .request("A").expectAck("A").expect("destination", "255.255.255.255:68"),
                        scenario("DORA with the broadcast flag clear: OFFER and ACK unicast to yiaddr at chaddr (RFC 2131 4.1)")
                                .as(Client.direct("02:00:00:01:02:01").withoutBroadcastFlag())
                                .see(ADJUST_REMOTE + ": yiaddr when the broadcast bit is clear and direct responses are supported (raw sockets)")
                                .discover().expectOffer("A").expect("destination", "A:68").expect("L2 destination", "chaddr")
                                .request("A").expectAck("A").expect("destination", "A:68").expect("L2 destination", "chaddr"),
                        scenario("renewing: a unicast REQUEST from the leased address is ACKed by unicast to ciaddr")
                                .as(Client.direct("02:00:00:01:03:01"))
                                .dora("A")
                                .renew("A").expectAck("A").expect("destination", "A:68").expect("L2 destination", "chaddr")
                                .expect("ciaddr", "A"),
                        scenario("rebinding: a broadcast REQUEST with ciaddr is ACKed by unicast to ciaddr")
                                .as(Client.direct("02:00:00:01:04:01"))
                                .dora("A")
                                .rebind("A").expectAck("A").expect("destination", "A:68"),
                        scenario("INIT-REBOOT with the client's own address: ACK")
                                .as(Client.direct("02:00:00:01:05:01"))
                                .dora("A")
                                .initReboot("A").expectAck("A").expect("destination", "255.255.255.255:68"),
                        scenario("INIT-REBOOT from a known client with an address of another network: NAK, broadcast")
                                .as(Client.direct("02:00:00:01:06:01")).see(INIT_REBOOT)
                                .dora("A")
                                .initReboot("203.0.113.77").expectNak().expect("destination", "255.255.255.255:68"),
                        scenario("INIT-REBOOT from a known client with another address of its own subnet: NAK")
                                .as(Client.direct("02:00:00:01:07:01")).see(INIT_REBOOT)
                                .dora("A")
                                .initReboot("192.0.2.190").expectNak(),
                        scenario("INIT-REBOOT from an unknown client, not authoritative: no reply")
                                .as(Client.direct("02:00:00:01:08:01")).see(INIT_REBOOT)
                                .initReboot("192.0.2.150").expectNoReply(),
                        scenario("INIT-REBOOT from an unknown client with an address of another network, not authoritative: no reply")
                                .as(Client.direct("02:00:00:01:09:01")).see(INIT_REBOOT)
                                .initReboot("198.51.100.20").expectNoReply(),
                        scenario("REQUEST naming another server's identifier: no reply")
                                .as(Client.direct("02:00:00:01:10:01")).see("Kea 2.2 dhcp4_srv.cc acceptServerId")
                                .discover().expectOffer("A")
                                .request("A").serverId("192.0.2.99").expectNoReply(),
                        scenario("the client asks only for the subnet mask: routers, name servers and domain name come anyway")
                                .as(Client.direct("02:00:00:01:11:01").requesting(1))
                                .see("Kea 2.2 dhcp4_srv.cc appendBasicOptions: routers, domain-name-servers, domain-name, server id")
                                .discover().expectOffer("A").expect("option 3 routers", "192.0.2.1")
                                .expect("option 15 domain-name", "example.org")
                                .request("A").expectAck("A").expect("option 6 domain-name-servers", "192.0.2.53"),
                        scenario("no parameter request list at all: the same basic options")
                                .as(Client.direct("02:00:00:01:12:01").requesting())
                                .discover().expectOffer("A").expect("option 3 routers", "192.0.2.1"),
                        scenario("a lease time asked for is not granted when the subnet sets no bounds")
                                .as(Client.direct("02:00:00:01:13:01"))
                                .see("Kea 2.2 alloc_engine.cc getValidLft: the asked value bounded by min/max, both default to valid-lifetime")
                                .discover().leaseTime(600).expectOffer("A").expect("option 51 dhcp-lease-time", "4000")
                                .request("A").leaseTime(600).expectAck("A").expect("option 51 dhcp-lease-time", "4000"),
                        scenario("DISCOVER asking for a free pool address: that address is offered")
                                .as(Client.direct("02:00:00:01:14:01"))
                                .discover().requesting("192.0.2.150").expectOffer("192.0.2.150"),
                        scenario("DISCOVER asking for an address outside the pool: a pool address is offered instead")
                                .as(Client.direct("02:00:00:01:15:01"))
                                .discover().requesting("192.0.2.20").expectOffer("A"),
                        scenario("REQUEST naming the server but no address at all: Kea picks one and ACKs")
                                .as(Client.direct("02:00:00:01:30:01"))
                                .see("Kea 2.2 alloc_engine.cc requestLease4: 'we try to be liberal and allow the clients to not"
                                        + " specify an address'")
                                .discover().expectOffer("A")
                                .requestWithoutAddress().expectAck("B")
                                .differsOnPurpose(OFFER_HOLD, "yiaddr", "A"),
                        scenario("the client's host name (option 12) is sent back, in lower case")
                                .as(Client.direct("02:00:00:01:31:01").withHostName("Laptop-7"))
                                .see("Kea 2.2 dhcp4_srv.cc processHostnameOption")
                                .discover().expectOffer("A").expect("option 12 host-name", "laptop-7")
                                .request("A").expectAck("A").expect("option 12 host-name", "laptop-7"),
                        scenario("REQUEST for a free pool address never offered: ACK")
                                .as(Client.direct("02:00:00:01:16:01"))
                                .request("192.0.2.180").expectAck("192.0.2.180"),
                        scenario("REQUEST for an address of the subnet outside its pool: no reply")
                                .as(Client.direct("02:00:00:01:17:01")).see(UNKNOWN_ADDRESS)
                                .request("192.0.2.20").expectNoReply(),
                        scenario("REQUEST for another client's address: NAK")
                                .as(Client.direct("02:00:00:01:18:01"))
                                .dora("A")
                                .as(Client.direct("02:00:00:01:18:02"))
                                .request("A").expectNak(),
                        scenario("renewing another client's address: NAK")
                                .as(Client.direct("02:00:00:01:19:01"))
                                .dora("A")
                                .as(Client.direct("02:00:00:01:19:02"))
                                .renew("A").expectNak().expect("destination", "A:68")
                                .differsOnPurpose(RFC2131_NAK_BROADCAST, "destination", "255.255.255.255:68",
                                        "L2 destination", "(any, IP broadcast)"),
                        scenario("renewing from an address in no configured subnet: NAK")
                                .as(Client.direct("02:00:00:01:20:01"))
                                .see("Kea 2.2 dhcp4_srv.cc assignLease: no subnet for a REQUEST -> NAK")
                                .renew("198.51.100.7").expectNak().expect("destination", "198.51.100.7:68")
                                .differsOnPurpose(RFC2131_NAK_BROADCAST, "destination", "255.255.255.255:68",
                                        "L2 destination", "(any, IP broadcast)"),
                        scenario("renewing a free pool address the server has no lease for (a lost lease file): ACK")
                                .as(Client.direct("02:00:00:01:21:01"))
                                .see("Kea 2.2 alloc_engine.cc requestLease4 allocates a free requested (ciaddr) address")
                                .renew("192.0.2.171").expectAck("192.0.2.171"),
                        scenario("option 61 is echoed in OFFER and ACK (RFC 6842)")
                                .as(Client.direct("02:00:00:01:22:01").withClientIdFromMac())
                                .dora("A"),
                        scenario("the same MAC with another client identifier is another client")
                                .as(Client.direct("02:00:00:01:23:01").withClientId("01:0a:0b:0c:0d:0e:01"))
                                .see("Kea 2.2 alloc_engine.cc findClientLease: by client-id, then by MAC only where the lease's client-id matches")
                                .dora("A")
                                .as(Client.direct("02:00:00:01:23:01").withClientId("01:0a:0b:0c:0d:0e:02"))
                                .discover().expectOffer("B"),
                        scenario("a client that DISCOVERs twice is offered the next address the second time (Kea keeps no offers)")
                                .as(Client.direct("02:00:00:01:24:01"))
                                .see("Kea 2.2: an OFFER creates no lease; the iterative allocator moves on at every DISCOVER")
                                .discover().expectOffer("A")
                                .discover().expectOffer("B")
                                .differsOnPurpose(OFFER_HOLD, "yiaddr", "A"),
                        scenario("INFORM by unicast from a configured address: ACK to ciaddr:68, options, no lease")
                                .as(Client.direct("02:00:00:01:25:01"))
                                .see(ADJUST_REMOTE + ": INFORM goes to ciaddr")
                                .inform("192.0.2.60").expectAck().expect("destination", "192.0.2.60:68").expect("yiaddr", "0.0.0.0")
                                .expect("ciaddr", "192.0.2.60"),
                        scenario("INFORM broadcast with ciaddr: the ACK still goes to ciaddr")
                                .as(Client.direct("02:00:00:01:26:01"))
                                .inform("192.0.2.61").route(Step.Route.LINK_BROADCAST).expectAck().expect("destination", "192.0.2.61:68"),
                        scenario("INFORM without ciaddr from 0.0.0.0: no reply (nowhere to send it)")
                                .as(Client.direct("02:00:00:01:27:01"))
                                .see("Kea 2.2 dhcp4_srv.cc acceptDirectRequest")
                                .inform("0.0.0.0").route(Step.Route.LINK_BROADCAST).expectNoReply(),
                        scenario("INIT-REBOOT with the broadcast flag clear: the ACK is unicast to yiaddr")
                                .as(Client.direct("02:00:00:01:28:01"))
                                .see(ADJUST_REMOTE)
                                .dora("A")
                                .initReboot("A").broadcastFlag(false).expectAck("A").expect("destination", "A:68")
                                .expect("L2 destination", "chaddr"),
                        scenario("a NAK to a client with the broadcast flag clear is broadcast")
                                .as(Client.direct("02:00:00:01:29:01"))
                                .see(ADJUST_REMOTE)
                                .dora("A")
                                .initReboot("203.0.113.78").broadcastFlag(false).expectNak().expect("destination", "255.255.255.255:68")),
                group("direct link, authoritative", ONE_SUBNET_AUTHORITATIVE,
                        scenario("INIT-REBOOT from an unknown client, authoritative: NAK")
                                .as(Client.direct("02:00:00:02:01:01")).see(INIT_REBOOT)
                                .initReboot("192.0.2.150").expectNak(),
                        scenario("INIT-REBOOT from an unknown client with an address of another network, authoritative: NAK")
                                .as(Client.direct("02:00:00:02:02:01")).see(INIT_REBOOT)
                                .initReboot("198.51.100.20").expectNak().expect("destination", "255.255.255.255:68"),
                        scenario("REQUEST for an address of the subnet outside its pool, authoritative: still no reply")
                                .as(Client.direct("02:00:00:02:03:01")).see(UNKNOWN_ADDRESS)
                                .request("192.0.2.20").expectNoReply(),
                        scenario("renewing a free pool address the server has no lease for, authoritative: ACK")
                                .as(Client.direct("02:00:00:02:04:01"))
                                .renew("192.0.2.172").expectAck("192.0.2.172")),
                group("direct link, echo-client-id false", ONE_SUBNET_NO_ECHO,
                        scenario("echo-client-id false: option 61 is not echoed")
                                .as(Client.direct("02:00:00:03:01:01").withClientIdFromMac())
                                .see("Kea 2.2 dhcp4_srv.cc copyDefaultOptions")
                                .dora("A")),
                group("direct link, match-client-id false", ONE_SUBNET_NO_CLIENT_ID_MATCH,
                        scenario("match-client-id false: the same MAC with another client identifier keeps its address")
                                .as(Client.direct("02:00:00:04:01:01").withClientId("01:0a:0b:0c:0d:0e:03"))
                                .see("Kea 2.2 alloc_engine.cc findClientLease: a subnet that does not match client-ids looks leases up by MAC")
                                .dora("A")
                                .as(Client.direct("02:00:00:04:01:01").withClientId("01:0a:0b:0c:0d:0e:04"))
                                .discover().expectOffer("A")));
    }
}
