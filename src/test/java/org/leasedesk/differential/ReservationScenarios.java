package org.leasedesk.differential;

import static org.leasedesk.differential.Scenario.scenario;
import static org.leasedesk.differential.ScenarioGroup.group;

import java.util.List;

/**
 * Host reservations: looked up by each identifier in {@code host-reservation-identifiers} order
 * (Kea's default: hw-address, duid, circuit-id, client-id), in and out of the pool, global or per
 * subnet, with their own options and boot fields.
 */
final class ReservationScenarios {

    private ReservationScenarios() {}

    static final String BY_HW_ADDRESS_AND_CLIENT_ID = """
            {
              "Dhcp4": {
                "valid-lifetime": 4000,
                "subnet4": [ {
                  "id": 1, "subnet": "192.0.2.0/24",
                  "pools": [ { "pool": "192.0.2.100 - 192.0.2.199" } ],
                  "option-data": [ { "name": "routers", "data": "192.0.2.1" } ],
                  "reservations": [
                    { "hw-address": "02:00:00:08:01:01", "ip-address": "192.0.2.11" },
                    { "hw-address": "02:00:00:08:02:01", "ip-address": "192.0.2.12" },
                    { "hw-address": "02:00:00:08:03:01", "ip-address": "192.0.2.13" },
                    { "client-id": "01:02:00:00:08:04:01", "ip-address": "192.0.2.14" },
                    { "client-id": "01:02:00:00:08:05:01", "ip-address": "192.0.2.15" },
                    { "hw-address": "02:00:00:08:06:01", "ip-address": "192.0.2.150" },
                    { "hw-address": "02:00:00:08:07:09", "ip-address": "192.0.2.151" },
                    { "hw-address": "02:00:00:08:08:09", "ip-address": "192.0.2.152" },
                    { "hw-address": "02:00:00:08:09:01", "ip-address": "192.0.2.19" },
                    { "hw-address": "02:00:00:08:10:01", "ip-address": "192.0.2.20" },
                    { "client-id": "01:02:00:00:08:10:01", "ip-address": "192.0.2.21" },
                    { "hw-address": "02:00:00:08:12:01", "ip-address": "192.0.2.23", "hostname": "scanner-3" },
                    { "hw-address": "02:00:00:08:11:01", "ip-address": "192.0.2.22", "hostname": "printer-7",
                      "next-server": "192.0.2.9", "boot-file-name": "reserved.efi",
                      "option-data": [ { "name": "routers", "data": "192.0.2.254" } ] }
                  ]
                } ]
              }
            }
            """;

    static final String CLIENT_ID_FIRST = """
            {
              "Dhcp4": {
                "valid-lifetime": 4000,
                "host-reservation-identifiers": [ "client-id", "hw-address" ],
                "subnet4": [ {
                  "id": 1, "subnet": "192.0.2.0/24",
                  "pools": [ { "pool": "192.0.2.100 - 192.0.2.199" } ],
                  "reservations": [
                    { "hw-address": "02:00:00:09:01:01", "ip-address": "192.0.2.20" },
                    { "client-id": "01:02:00:00:09:01:01", "ip-address": "192.0.2.21" },
                    { "hw-address": "02:00:00:09:02:01", "ip-address": "192.0.2.22" },
                    { "client-id": "01:02:00:00:09:02:01", "ip-address": "192.0.2.23" }
                  ]
                } ]
              }
            }
            """;

    static final String BY_DUID = """
            {
              "Dhcp4": {
                "valid-lifetime": 4000,
                "subnet4": [ {
                  "id": 1, "subnet": "192.0.2.0/24",
                  "pools": [ { "pool": "192.0.2.100 - 192.0.2.199" } ],
                  "reservations": [
                    { "duid": "00:03:00:01:02:00:00:0a:01:01", "ip-address": "192.0.2.31" },
                    { "duid": "00:03:00:01:02:00:00:0a:02:01", "ip-address": "192.0.2.32" }
                  ]
                } ]
              }
            }
            """;

    static final String BY_CIRCUIT_ID = """
            {
              "Dhcp4": {
                "valid-lifetime": 4000,
                "subnet4": [ {
                  "id": 1, "subnet": "203.0.113.0/24",
                  "pools": [ { "pool": "203.0.113.10 - 203.0.113.50" } ],
                  "reservations": [
                    { "circuit-id": "'port-7'", "ip-address": "203.0.113.77" },
                    { "circuit-id": "'port-9'", "ip-address": "203.0.113.79" }
                  ]
                } ]
              }
            }
            """;

    static final String GLOBAL = """
            {
              "Dhcp4": {
                "valid-lifetime": 4000,
                "reservations-global": true, "reservations-in-subnet": false,
                "reservations": [ { "hw-address": "02:00:00:0c:01:01", "ip-address": "192.0.2.41" } ],
                "subnet4": [ {
                  "id": 1, "subnet": "192.0.2.0/24",
                  "pools": [ { "pool": "192.0.2.100 - 192.0.2.199" } ],
                  "reservations": [ { "hw-address": "02:00:00:0c:02:01", "ip-address": "192.0.2.42" } ]
                } ]
              }
            }
            """;

    static final String OUT_OF_POOL = """
            {
              "Dhcp4": {
                "valid-lifetime": 4000,
                "subnet4": [ {
                  "id": 1, "subnet": "192.0.2.0/24", "reservations-out-of-pool": true,
                  "pools": [ { "pool": "192.0.2.100 - 192.0.2.100" } ],
                  "reservations": [ { "hw-address": "02:00:00:0d:01:02", "ip-address": "192.0.2.100" } ]
                } ]
              }
            }
            """;

    private static final String IDENTIFIERS = "Kea 2.2 dhcp4_srv.cc setHostIdentifiers and alloc_engine.cc findReservation: each"
            + " identifier in host-reservation-identifiers order (default hw-address, duid, circuit-id, client-id)";

    static List<ScenarioGroup> groups() {
        return List.of(
                group("reservations by hw-address and client-id", BY_HW_ADDRESS_AND_CLIENT_ID,
                        scenario("hw-address reservation, no option 61: the reserved address, also when renewing")
                                .as(Client.direct("02:00:00:08:01:01")).see(IDENTIFIERS)
                                .discover().expectOffer("192.0.2.11")
                                .request("192.0.2.11").expectAck("192.0.2.11")
                                .renew("192.0.2.11").expectAck("192.0.2.11"),
                        scenario("hw-address reservation, the client sends option 61 = 01 + its MAC: the reserved address")
                                .as(Client.direct("02:00:00:08:02:01").withClientIdFromMac()).see(IDENTIFIERS)
                                .discover().expectOffer("192.0.2.12")
                                .request("192.0.2.12").expectAck("192.0.2.12"),
                        scenario("hw-address reservation, the client sends an unrelated option 61: the reserved address")
                                .as(Client.direct("02:00:00:08:03:01").withClientId("01:0a:0b:0c:0d:0e:0f")).see(IDENTIFIERS)
                                .discover().expectOffer("192.0.2.13")
                                .request("192.0.2.13").expectAck("192.0.2.13"),
                        scenario("client-id reservation matched by option 61")
                                .as(Client.direct("02:00:00:08:04:01").withClientIdFromMac()).see(IDENTIFIERS)
                                .discover().expectOffer("192.0.2.14")
                                .request("192.0.2.14").expectAck("192.0.2.14"),
                        scenario("client-id reservation, the client sends no option 61: a pool address")
                                .as(Client.direct("02:00:00:08:05:01")).see(IDENTIFIERS)
                                .discover().expectOffer("A").fromPool("192.0.2.100 - 192.0.2.199"),
                        scenario("reservation inside the pool: the reserved address")
                                .as(Client.direct("02:00:00:08:06:01"))
                                .dora("192.0.2.150"),
                        scenario("another client asking for an address reserved to someone else in the pool is offered another")
                                .as(Client.direct("02:00:00:08:07:01"))
                                .see("Kea 2.2 alloc_engine.cc discoverLease4: a hint reserved for another client is skipped")
                                .discover().requesting("192.0.2.151").expectOffer("A").fromPool("192.0.2.100 - 192.0.2.199"),
                        scenario("another client REQUESTing an address reserved to someone else: NAK")
                                .as(Client.direct("02:00:00:08:08:01"))
                                .see("Kea 2.2 alloc_engine.cc requestLease4: addressReserved -> no lease -> NAK")
                                .request("192.0.2.152").expectNak(),
                        scenario("a client with a reservation REQUESTing another address: NAK (it should take its reserved one)")
                                .as(Client.direct("02:00:00:08:09:01"))
                                .see("Kea 2.2 alloc_engine.cc requestLease4: reserved address free and another requested -> NAK")
                                .request("192.0.2.160").expectNak(),
                        scenario("hw-address and client-id reservations both match: hw-address wins by default")
                                .as(Client.direct("02:00:00:08:10:01").withClientIdFromMac()).see(IDENTIFIERS)
                                .dora("192.0.2.20"),
                        scenario("a reservation's own options, next-server, boot file and hostname")
                                .as(Client.direct("02:00:00:08:11:01").requesting(1, 3, 12))
                                .see("Kea 2.2 dhcp4_srv.cc buildCfgOptionList (host options first) and setFixedFields (reservation last)")
                                .discover().expectOffer("192.0.2.22").expect("option 3 routers", "192.0.2.254")
                                .expect("siaddr", "192.0.2.9").expect("file", "\"reserved.efi\"")
                                .request("192.0.2.22").expectAck("192.0.2.22"),
                        scenario("a reservation's hostname is sent even when the client neither asks for it nor sends one")
                                .as(Client.direct("02:00:00:08:12:01"))
                                .see("Kea 2.2 dhcp4_srv.cc processHostnameOption: a reserved hostname goes into every reply")
                                .discover().expectOffer("192.0.2.23").expect("option 12 host-name", "scanner-3")
                                .request("192.0.2.23").expectAck("192.0.2.23")),
                group("reservations, client-id first", CLIENT_ID_FIRST,
                        scenario("host-reservation-identifiers client-id first: the client-id reservation wins")
                                .as(Client.direct("02:00:00:09:01:01").withClientIdFromMac()).see(IDENTIFIERS)
                                .dora("192.0.2.21"),
                        scenario("host-reservation-identifiers client-id first, no option 61: the hw-address reservation")
                                .as(Client.direct("02:00:00:09:02:01")).see(IDENTIFIERS)
                                .dora("192.0.2.22")),
                group("reservations by duid", BY_DUID,
                        scenario("duid reservation matched by an RFC 4361 client identifier (type 255, IAID, DUID)")
                                .as(Client.direct("02:00:00:0a:01:01").withDuid(1, "00:03:00:01:02:00:00:0a:01:01"))
                                .see(IDENTIFIERS).see("Kea 2.2 dhcp4_srv.cc setHostIdentifiers: duid = option 61 after type 255 and the IAID")
                                .dora("192.0.2.31"),
                        scenario("duid reservation, the client sends no option 61: a pool address")
                                .as(Client.direct("02:00:00:0a:02:01"))
                                .discover().expectOffer("A").fromPool("192.0.2.100 - 192.0.2.199")),
                group("reservations by circuit-id", BY_CIRCUIT_ID,
                        scenario("circuit-id reservation matched by the relay's option 82.1")
                                .as(Client.relayed("02:00:00:0b:01:01", "203.0.113.1").withCircuitId("port-7")).see(IDENTIFIERS)
                                .dora("203.0.113.77"),
                        scenario("circuit-id reservation, the client also sends option 61: the reserved address")
                                .as(Client.relayed("02:00:00:0b:02:01", "203.0.113.1").withCircuitId("port-9").withClientIdFromMac())
                                .see(IDENTIFIERS)
                                .dora("203.0.113.79"),
                        scenario("another circuit-id: a pool address")
                                .as(Client.relayed("02:00:00:0b:03:01", "203.0.113.1").withCircuitId("port-8"))
                                .discover().expectOffer("A").fromPool("203.0.113.10 - 203.0.113.50")),
                group("global reservations", GLOBAL,
                        scenario("reservations-global: a global reservation gives its address")
                                .as(Client.direct("02:00:00:0c:01:01"))
                                .see("Kea 2.2 alloc_engine.cc findReservation: global reservations when reservations-global is true")
                                .dora("192.0.2.41"),
                        scenario("reservations-in-subnet false: the subnet's own reservation is ignored")
                                .as(Client.direct("02:00:00:0c:02:01"))
                                .discover().expectOffer("A").fromPool("192.0.2.100 - 192.0.2.199")),
                group("reservations out of pool", OUT_OF_POOL,
                        scenario("reservations-out-of-pool: an in-pool reserved address goes to whoever asks first, the reservation is ignored")
                                .as(Client.direct("02:00:00:0d:01:01"))
                                .see("Kea 2.2 alloc_engine.cc addressReserved and hasAddressReservation skip in-pool reservations"
                                        + " when reservations-out-of-pool is true")
                                .dora("192.0.2.100")
                                .as(Client.direct("02:00:00:0d:01:02"))
                                .discover().expectNoReply()));
    }
}
