package org.leasedesk.differential;

import static org.leasedesk.differential.Scenario.scenario;
import static org.leasedesk.differential.ScenarioGroup.group;

import java.time.Duration;
import java.util.List;

/**
 * What happens to an address after it was handed out: declined, released, expired, taken. Each
 * scenario has a subnet of its own behind its own relay address, most with a pool of one address,
 * so what a second client gets is determined by the scenario alone.
 */
final class LeaseLifecycleScenarios {

    private LeaseLifecycleScenarios() {}

    static final String ONE_ADDRESS_POOLS = """
            {
              "Dhcp4": {
                "valid-lifetime": 4000,
                "subnet4": [
                  { "id": 1, "subnet": "203.0.113.0/26", "pools": [ { "pool": "203.0.113.10 - 203.0.113.10" } ] },
                  { "id": 2, "subnet": "203.0.113.64/26", "pools": [ { "pool": "203.0.113.70 - 203.0.113.70" } ] },
                  { "id": 3, "subnet": "203.0.113.128/26", "pools": [ { "pool": "203.0.113.140 - 203.0.113.140" } ] },
                  { "id": 4, "subnet": "203.0.113.192/26", "pools": [ { "pool": "203.0.113.200 - 203.0.113.200" } ] },
                  { "id": 5, "subnet": "198.18.1.0/24", "pools": [ { "pool": "198.18.1.10 - 198.18.1.10" } ] },
                  { "id": 6, "subnet": "198.18.2.0/24", "pools": [ { "pool": "198.18.2.10 - 198.18.2.10" } ] },
                  { "id": 7, "subnet": "198.18.3.0/24", "pools": [ { "pool": "198.18.3.10 - 198.18.3.10" } ] },
                  { "id": 8, "subnet": "198.18.4.0/24", "pools": [ { "pool": "198.18.4.10 - 198.18.4.10" } ] },
                  { "id": 9, "subnet": "198.18.5.0/24", "pools": [ { "pool": "198.18.5.10 - 198.18.5.11" } ] },
                  { "id": 10, "subnet": "198.18.6.0/24", "pools": [ { "pool": "198.18.6.10 - 198.18.6.10" } ] }
                ]
              }
            }
            """;

    /**
     * Leases of 2 s and a decline probation of 2 s, both over by the second phase 3 s later; expired
     * leases are reclaimed only every 10 s (Kea's default).
     */
    static final String SHORT_LEASES = """
            {
              "Dhcp4": {
                "valid-lifetime": 2, "decline-probation-period": 2,
                "subnet4": [
                  { "id": 1, "subnet": "203.0.113.0/26", "pools": [ { "pool": "203.0.113.10 - 203.0.113.10" } ] },
                  { "id": 2, "subnet": "203.0.113.64/26", "pools": [ { "pool": "203.0.113.70 - 203.0.113.70" } ] },
                  { "id": 3, "subnet": "203.0.113.128/26", "pools": [ { "pool": "203.0.113.140 - 203.0.113.140" } ] },
                  { "id": 4, "subnet": "198.18.1.0/24", "pools": [ { "pool": "198.18.1.10 - 198.18.1.10" } ] },
                  { "id": 5, "subnet": "198.18.2.0/24", "pools": [ { "pool": "198.18.2.10 - 198.18.2.10" } ] }
                ]
              }
            }
            """;

    private static final Duration PAST_EXPIRY = Duration.ofSeconds(3);
    static final String RFC2131_RELAYED_NAK = "RFC 2131 4.3.2: a DHCPNAK through a relay has the broadcast bit set so the"
            + " relay broadcasts it to a client that may have no usable address; Kea 2.2 copies the client's flags";
    static final String RELEASE_AFFINITY = "ARCHITECTURE.md: the allocation engine offers the client's current or previous"
            + " address first (lease affinity, FACTS.md), a released one too; Kea 2.2 deletes a released lease"
            + " (dhcp4_srv.cc processRelease) and its allocator moves on";
    private static final String OFFER_HOLD = "ARCHITECTURE.md: an offered address is held for its client briefly (10 s) so two"
            + " clients are never offered the same address; Kea 2.2 keeps no offers";

    static List<ScenarioGroup> groups() {
        return List.of(
                group("lease lifecycle", ONE_ADDRESS_POOLS,
                        scenario("a declined address is not offered to the next client")
                                .as(Client.relayed("02:00:00:10:01:01", "203.0.113.1"))
                                .see("Kea 2.2 dhcp4_srv.cc declineLease: the address is in probation for decline-probation-period")
                                .dora("203.0.113.10")
                                .decline("203.0.113.10").expectNoReply()
                                .as(Client.relayed("02:00:00:10:01:02", "203.0.113.1"))
                                .discover().expectNoReply(),
                        scenario("the client that declined an address is not offered it again")
                                .as(Client.relayed("02:00:00:10:02:01", "203.0.113.65"))
                                .see("Kea 2.2 Lease4::decline forgets the client")
                                .dora("203.0.113.70")
                                .decline("203.0.113.70").expectNoReply()
                                .discover().expectNoReply(),
                        scenario("a released address goes to the next client at once")
                                .as(Client.relayed("02:00:00:10:03:01", "203.0.113.129"))
                                .see("Kea 2.2 dhcp4_srv.cc processRelease deletes the lease")
                                .dora("203.0.113.140")
                                .release("203.0.113.140").expectNoReply()
                                .as(Client.relayed("02:00:00:10:03:02", "203.0.113.129"))
                                .dora("203.0.113.140"),
                        scenario("the last free address, leased: no OFFER to a second client, NAK to its REQUEST")
                                .as(Client.relayed("02:00:00:10:04:01", "203.0.113.193"))
                                .dora("203.0.113.200")
                                .as(Client.relayed("02:00:00:10:04:02", "203.0.113.193"))
                                .discover().expectNoReply()
                                .request("203.0.113.200").expectNak().expect("flags", "0")
                                .differsOnPurpose(RFC2131_RELAYED_NAK, "flags", "broadcast"),
                        scenario("two clients DISCOVER the last free address: both are offered it, the first to REQUEST gets it")
                                .as(Client.relayed("02:00:00:10:05:01", "198.18.1.1"))
                                .see("Kea 2.2: an OFFER creates no lease")
                                .discover().expectOffer("198.18.1.10")
                                .as(Client.relayed("02:00:00:10:05:02", "198.18.1.1"))
                                .discover().expectOffer("198.18.1.10")
                                .differsOnPurpose(OFFER_HOLD, "reply", "none")
                                .as(Client.relayed("02:00:00:10:05:01", "198.18.1.1"))
                                .request("198.18.1.10").expectAck("198.18.1.10"),
                        scenario("a DECLINE from a client that does not hold the lease is ignored: the owner renews")
                                .as(Client.relayed("02:00:00:10:06:01", "198.18.2.1"))
                                .see("Kea 2.2 dhcp4_srv.cc processDecline: belongsToClient")
                                .dora("198.18.2.10")
                                .as(Client.relayed("02:00:00:10:06:02", "198.18.2.1"))
                                .decline("198.18.2.10").expectNoReply()
                                .as(Client.relayed("02:00:00:10:06:01", "198.18.2.1"))
                                .rebind("198.18.2.10").expectAck("198.18.2.10"),
                        scenario("a RELEASE from a client that does not hold the lease is ignored: the owner renews")
                                .as(Client.relayed("02:00:00:10:07:01", "198.18.3.1"))
                                .see("Kea 2.2 dhcp4_srv.cc processRelease: belongsToClient")
                                .dora("198.18.3.10")
                                .as(Client.relayed("02:00:00:10:07:02", "198.18.3.1"))
                                .release("198.18.3.10").expectNoReply()
                                .as(Client.relayed("02:00:00:10:07:01", "198.18.3.1"))
                                .rebind("198.18.3.10").expectAck("198.18.3.10"),
                        scenario("the client that released its address gets it back from a pool of one")
                                .as(Client.relayed("02:00:00:10:08:01", "198.18.4.1"))
                                .dora("198.18.4.10")
                                .release("198.18.4.10").expectNoReply()
                                .dora("198.18.4.10"),
                        scenario("the client that released its address is offered the pool's next address (Kea 2.2 forgets it)")
                                .as(Client.relayed("02:00:00:10:09:01", "198.18.5.1"))
                                .see("Kea 2.2 dhcp4_srv.cc processRelease deletes the lease; the iterative allocator moves on")
                                .dora("A")
                                .release("A").expectNoReply()
                                .discover().expectOffer("B")
                                .differsOnPurpose(RELEASE_AFFINITY, "yiaddr", "A"),
                        scenario("after a RELEASE the server no longer knows the client: its INIT-REBOOT is ignored (not authoritative)")
                                .as(Client.relayed("02:00:00:10:10:01", "198.18.6.1"))
                                .see("Kea 2.2 dhcp4_srv.cc processRelease deletes the lease; assignLease drops an INIT-REBOOT from an"
                                        + " unknown client when not authoritative")
                                .dora("198.18.6.10")
                                .release("198.18.6.10").expectNoReply()
                                .initReboot("198.18.6.10").expectNoReply()),
                group("lease expiry", SHORT_LEASES,
                        scenario("an expired address goes to the next client")
                                .as(Client.relayed("02:00:00:11:01:01", "203.0.113.1"))
                                .see("Kea 2.2 alloc_engine.cc allocateOrReuseLease4: an expired lease is reused")
                                .dora("203.0.113.10")
                                .after(PAST_EXPIRY)
                                .as(Client.relayed("02:00:00:11:01:02", "203.0.113.1"))
                                .dora("203.0.113.10"),
                        scenario("a client back after its lease expired is offered the same address")
                                .as(Client.relayed("02:00:00:11:02:01", "203.0.113.65"))
                                .dora("203.0.113.70")
                                .after(PAST_EXPIRY)
                                .dora("203.0.113.70"),
                        scenario("a client rebinding after its lease expired: ACK")
                                .as(Client.relayed("02:00:00:11:03:01", "203.0.113.129"))
                                .see("Kea 2.2 alloc_engine.cc requestLease4: the client's own expired lease is renewed")
                                .dora("203.0.113.140")
                                .after(PAST_EXPIRY)
                                .rebind("203.0.113.140").expectAck("203.0.113.140"),
                        scenario("another client REQUESTing an expired address: ACK")
                                .as(Client.relayed("02:00:00:11:04:01", "198.18.1.1"))
                                .dora("198.18.1.10")
                                .after(PAST_EXPIRY)
                                .as(Client.relayed("02:00:00:11:04:02", "198.18.1.1"))
                                .request("198.18.1.10").expectAck("198.18.1.10"),
                        scenario("a declined address is offered again once decline-probation-period is over")
                                .as(Client.relayed("02:00:00:11:05:01", "198.18.2.1"))
                                .see("Kea 2.2 Lease4::decline: the declined lease lasts decline-probation-period, then is reused")
                                .dora("198.18.2.10")
                                .decline("198.18.2.10").expectNoReply()
                                .as(Client.relayed("02:00:00:11:05:02", "198.18.2.1"))
                                .discover().expectNoReply()
                                .after(PAST_EXPIRY)
                                .dora("198.18.2.10")));
    }
}
