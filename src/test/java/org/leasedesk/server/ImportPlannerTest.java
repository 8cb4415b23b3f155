package org.leasedesk.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.leasedesk.lease.HardwareAddress;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.lease.Lease;
import org.leasedesk.lease.LeaseEventType;
import org.leasedesk.lease.LeaseState;
import org.leasedesk.lease.Octets;
import org.leasedesk.lease.RelayInfo;
import org.leasedesk.protocol.OptionRegistry;
import org.leasedesk.server.ImportResult.Conflict;
import org.leasedesk.server.ImportResult.ConflictKind;
import org.leasedesk.server.ImportResult.SkipReason;
import org.leasedesk.server.allocation.AllocationEngine;
import org.leasedesk.server.config.ServerConfig;
import org.leasedesk.server.config.ServerConfigLoader;
import org.leasedesk.store.LeaseChange;

/** What an import of another server's leases does, checked against a real allocation engine's view. */
class ImportPlannerTest {

    private static final String CONFIG = """
            { "Dhcp4": {
                "valid-lifetime": 600,
                "reservations": [ { "hw-address": "00:00:5e:00:53:77", "ip-address": "198.51.100.77" } ],
                "subnet4": [
                  { "id": 1, "subnet": "192.0.2.0/24",
                    "pools": [ { "pool": "192.0.2.10 - 192.0.2.49" }, { "pool": "192.0.2.100 - 192.0.2.149" } ],
                    "reservations": [ { "hw-address": "00:00:5e:00:53:99", "ip-address": "192.0.2.99" },
                                      { "client-id": "01:00:00:5e:00:53:98", "ip-address": "192.0.2.98" } ] },
                  { "id": 7, "subnet": "198.51.100.0/24", "reservations-global": true,
                    "pools": [ { "pool": "198.51.100.10 - 198.51.100.99" } ] } ] } }
            """;
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final String SOURCE = "/var/lib/kea/kea-leases4.csv";

    private static ServerConfig config() throws Exception {
        return new ServerConfigLoader(OptionRegistry.standard()).load(CONFIG, "test.conf").config();
    }

    /** A lease as a foreign file gives it: granted ten minutes ago for an hour, in the subnet the file names. */
    private static Lease foreign(String address, int mac, long subnetId) {
        return Lease.granted(Ipv4Address.parse(address), mac(mac), Octets.EMPTY, "host-" + mac, subnetId, 0,
                NOW.minus(Duration.ofMinutes(10)), Duration.ofHours(1), RelayInfo.NONE);
    }

    private static HardwareAddress mac(int last) {
        return HardwareAddress.parseMac(String.format("00:00:5e:00:53:%02x", last));
    }

    /** A lease LeaseDesk already holds, placed as its server placed it. */
    private static Lease held(String address, int mac, long subnetId, long poolId) {
        return Lease.granted(Ipv4Address.parse(address), mac(mac), Octets.EMPTY, "held-" + mac, subnetId, poolId,
                NOW.minus(Duration.ofMinutes(5)), Duration.ofHours(1), RelayInfo.NONE);
    }

    private static ImportResult plan(List<Lease> file, boolean replace, Lease... leaseDesk) throws Exception {
        ServerConfig config = config();
        AllocationEngine engine = new AllocationEngine(config, List.of(leaseDesk), Duration.ofSeconds(10),
                Clock.fixed(NOW, ZoneOffset.UTC));
        return ImportPlanner.plan(new ImportRequest(file, SOURCE, true, replace), config, HeldLeases.inEngine(engine), NOW);
    }

    @Test
    void eachActiveLeaseGoesIntoTheConfiguredSubnetAndPoolThatContainIt() throws Exception {
        ImportResult result = plan(List.of(foreign("192.0.2.120", 1, 1), foreign("192.0.2.60", 2, 1),
                foreign("198.51.100.20", 3, 4)), false);

        assertThat(result.imported()).extracting(Lease::address, Lease::subnetId, Lease::poolId).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Ipv4Address.parse("192.0.2.120"), 1L, 2L),
                org.assertj.core.groups.Tuple.tuple(Ipv4Address.parse("192.0.2.60"), 1L, 0L),
                org.assertj.core.groups.Tuple.tuple(Ipv4Address.parse("198.51.100.20"), 7L, 1L));
        assertThat(result.notes()).containsExactly(
                "192.0.2.60 is in no pool of subnet 1 and reserved for nobody: LeaseDesk will refuse its renewal;"
                        + " add a pool or a reservation for hw:1:00:00:5e:00:53:02 (host-2)",
                "198.51.100.20: the file says subnet 4, the configuration places it in subnet 7 (198.51.100.0/24)");
        assertThat(result.changes()).hasSize(3).allSatisfy(change -> {
            assertThat(change.event().type()).isEqualTo(LeaseEventType.IMPORTED);
            assertThat(change.event().detail()).isEqualTo("imported from " + SOURCE);
            assertThat(change.event().time()).isEqualTo(NOW);
        });
        assertThat(result.imported().getFirst().cltt()).as("the file's times are kept").isEqualTo(NOW.minus(Duration.ofMinutes(10)));
        assertThat(result.conflicts()).isEmpty();
        assertThat(result.complete()).isTrue();
    }

    @Test
    void aFileWithoutSubnetIdsGetsNoNoteAboutThem() throws Exception {
        ServerConfig config = config();
        AllocationEngine engine = new AllocationEngine(config, List.of(), Duration.ofSeconds(10), Clock.fixed(NOW, ZoneOffset.UTC));

        ImportResult result = ImportPlanner.plan(new ImportRequest(List.of(foreign("198.51.100.20", 3, 1)), "dhcpd.leases", false, false),
                config, HeldLeases.inEngine(engine), NOW);

        assertThat(result.imported()).singleElement().satisfies(lease -> assertThat(lease.subnetId()).isEqualTo(7));
        assertThat(result.notes()).isEmpty();
    }

    @Test
    void inactiveAndExpiredLeasesAreSkippedAndLeasesOutsideTheConfigurationRefused() throws Exception {
        Lease released = foreign("192.0.2.11", 1, 1).released(NOW.minus(Duration.ofMinutes(1)));
        Lease expired = Lease.granted(Ipv4Address.parse("192.0.2.12"), mac(2), Octets.EMPTY, "", 1, 0,
                NOW.minus(Duration.ofHours(2)), Duration.ofHours(1), RelayInfo.NONE);
        Lease elsewhere = foreign("203.0.113.5", 3, 1);

        ImportResult result = plan(List.of(released, expired, elsewhere), false);

        assertThat(result.imported()).isEmpty();
        assertThat(result.skipped()).extracting(ImportResult.Skipped::reason, ImportResult.Skipped::detail).containsExactly(
                org.assertj.core.groups.Tuple.tuple(SkipReason.NOT_ACTIVE, "it is released in the file"),
                org.assertj.core.groups.Tuple.tuple(SkipReason.EXPIRED, "it expired at 2026-03-01T11:00:00Z"),
                org.assertj.core.groups.Tuple.tuple(SkipReason.OUTSIDE_CONFIGURATION, "no configured subnet contains 203.0.113.5"));
        assertThat(result.complete()).as("a refused lease makes the cut-over incomplete").isFalse();
        assertThat(plan(List.of(released, expired), false).complete()).as("inactive leases need no cut-over").isTrue();
    }

    @Test
    void anAddressAnotherClientHoldsIsAConflictLeftOutUnlessReplaced() throws Exception {
        Lease theirs = foreign("192.0.2.20", 1, 1);
        Lease ours = held("192.0.2.20", 2, 1, 1);

        ImportResult kept = plan(List.of(theirs), false, ours);
        assertThat(kept.conflicts()).singleElement().satisfies(conflict -> {
            assertThat(conflict.kind()).isEqualTo(ConflictKind.ADDRESS_HELD);
            assertThat(conflict.detail()).isEqualTo("192.0.2.20 is held by hw:1:00:00:5e:00:53:02 (held-2) until 2026-03-01T12:55:00Z");
            assertThat(conflict.resolved()).isFalse();
        });
        assertThat(kept.imported()).isEmpty();
        assertThat(kept.changes()).isEmpty();
        assertThat(kept.complete()).isFalse();

        ImportResult replaced = plan(List.of(theirs), true, ours);
        assertThat(replaced.conflicts()).singleElement().satisfies(conflict -> assertThat(conflict.resolved()).isTrue());
        assertThat(replaced.changes()).singleElement().satisfies(change -> {
            assertThat(change.lease().hardwareAddress()).isEqualTo(mac(1));
            assertThat(change.event().detail()).isEqualTo("imported from " + SOURCE
                    + "; replaces the lease of hw:1:00:00:5e:00:53:02 (held-2) (replace)");
        });
        assertThat(replaced.complete()).isTrue();
    }

    @Test
    void anAddressInDeclineProbationIsHeldButAnExpiredOrReleasedOneIsFree() throws Exception {
        Lease declined = held("192.0.2.21", 2, 1, 1).declined(NOW.minus(Duration.ofMinutes(1)), Duration.ofHours(24));
        Lease releasedByAnother = held("192.0.2.22", 3, 1, 1).released(NOW.minus(Duration.ofMinutes(1)));

        ImportResult result = plan(List.of(foreign("192.0.2.21", 1, 1), foreign("192.0.2.22", 4, 1)), false,
                declined, releasedByAnother);

        assertThat(result.conflicts()).singleElement().satisfies(conflict ->
                assertThat(conflict.detail()).isEqualTo("192.0.2.21 is in decline probation until 2026-03-02T11:59:00Z"));
        assertThat(result.imported()).extracting(Lease::address).containsExactly(Ipv4Address.parse("192.0.2.22"));
    }

    @Test
    void anAddressReservedForAnotherClientIsNeverReplacedButTheReservedClientsOwnLeaseImports() throws Exception {
        Lease intruder = foreign("192.0.2.99", 1, 1);
        Lease intoGlobal = foreign("198.51.100.77", 2, 7);
        // The client-id reservation names the client by option 61, whatever its MAC.
        Lease reservedByClientId = new Lease(Ipv4Address.parse("192.0.2.98"), mac(3), Octets.parseHex("01:00:00:5e:00:53:98"), "",
                1, 0, LeaseState.ACTIVE, NOW.minus(Duration.ofMinutes(10)), NOW.minus(Duration.ofMinutes(10)), Duration.ofHours(1),
                RelayInfo.NONE);
        // A client that sends option 61 still matches its hw-address reservation.
        Lease reservedByMac = new Lease(Ipv4Address.parse("192.0.2.99"), mac(0x99), Octets.parseHex("01:00:00:5e:00:53:99"), "",
                1, 0, LeaseState.ACTIVE, NOW.minus(Duration.ofMinutes(10)), NOW.minus(Duration.ofMinutes(10)), Duration.ofHours(1),
                RelayInfo.NONE);

        ImportResult refused = plan(List.of(intruder, intoGlobal), true);
        assertThat(refused.conflicts()).extracting(Conflict::kind, Conflict::detail, Conflict::resolved).containsExactly(
                org.assertj.core.groups.Tuple.tuple(ConflictKind.RESERVED_FOR_ANOTHER,
                        "192.0.2.99 is reserved for hw-address=00:00:5e:00:53:99 in subnet 1", false),
                org.assertj.core.groups.Tuple.tuple(ConflictKind.RESERVED_FOR_ANOTHER,
                        "198.51.100.77 is reserved for hw-address=00:00:5e:00:53:77 globally", false));
        assertThat(refused.changes()).isEmpty();

        ImportResult own = plan(List.of(reservedByClientId, reservedByMac), false);
        assertThat(own.conflicts()).isEmpty();
        assertThat(own.notes()).as("a reserved address needs no pool").isEmpty();
        assertThat(own.imported()).hasSize(2);
    }

    @Test
    void theSameClientOnTheSameAddressIsAlreadyPresent() throws Exception {
        ImportResult result = plan(List.of(foreign("192.0.2.20", 1, 1)), false, held("192.0.2.20", 1, 1, 1));

        assertThat(result.alreadyPresent()).extracting(Lease::address).containsExactly(Ipv4Address.parse("192.0.2.20"));
        assertThat(result.imported()).isEmpty();
        assertThat(result.changes()).isEmpty();
        assertThat(result.complete()).isTrue();
    }

    @Test
    void aClientHoldingAnotherAddressInTheSubnetConflictsAndWithReplaceThatAddressIsReleased() throws Exception {
        Lease ours = held("192.0.2.30", 1, 1, 1);
        Lease theirs = foreign("192.0.2.31", 1, 1);

        ImportResult kept = plan(List.of(theirs), false, ours);
        assertThat(kept.conflicts()).singleElement().satisfies(conflict -> {
            assertThat(conflict.kind()).isEqualTo(ConflictKind.CLIENT_HOLDS_ANOTHER);
            assertThat(conflict.detail()).isEqualTo("the client already holds 192.0.2.30 until 2026-03-01T12:55:00Z");
        });
        assertThat(kept.changes()).isEmpty();

        ImportResult replaced = plan(List.of(theirs), true, ours);
        assertThat(replaced.changes()).extracting(change -> change.event().type(), change -> change.lease().address(),
                change -> change.lease().state()).containsExactly(
                org.assertj.core.groups.Tuple.tuple(LeaseEventType.RELEASED, Ipv4Address.parse("192.0.2.30"), LeaseState.RELEASED),
                org.assertj.core.groups.Tuple.tuple(LeaseEventType.IMPORTED, Ipv4Address.parse("192.0.2.31"), LeaseState.ACTIVE));
        assertThat(replaced.released()).extracting(Lease::address).containsExactly(Ipv4Address.parse("192.0.2.30"));
        assertThat(replaced.changes().getFirst().event().detail())
                .isEqualTo("released by the import from " + SOURCE + ", which gives the client 192.0.2.31 (replace)");
    }

    @Test
    void aReleasedAddressTakenByALaterLeaseOfTheFileIsWrittenOnceAsTheImport() throws Exception {
        // LeaseDesk: client 1 on .30. The file: client 1 on .31 and client 2 on .30.
        ImportResult result = plan(List.of(foreign("192.0.2.31", 1, 1), foreign("192.0.2.30", 2, 1)), true, held("192.0.2.30", 1, 1, 1));

        assertThat(result.changes()).extracting(LeaseChange::lease).extracting(Lease::address, Lease::hardwareAddress)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(Ipv4Address.parse("192.0.2.30"), mac(2)),
                        org.assertj.core.groups.Tuple.tuple(Ipv4Address.parse("192.0.2.31"), mac(1)));
        assertThat(result.changes()).allMatch(change -> change.event().type() == LeaseEventType.IMPORTED);
        assertThat(result.changes()).filteredOn(change -> change.lease().address().equals(Ipv4Address.parse("192.0.2.30")))
                .singleElement().satisfies(change -> assertThat(change.event().detail()).contains("replaces the lease of hw:1:00:00:5e:00:53:01"));
    }

    @Test
    void twoLeasesOfTheFileForOneAddressOrOneClientAreBothLeftOutUnlessTheNewerWinsByReplace() throws Exception {
        Lease first = foreign("192.0.2.40", 1, 1);
        Lease secondOnSameAddress = Lease.granted(Ipv4Address.parse("192.0.2.40"), mac(2), Octets.EMPTY, "", 1, 0,
                NOW.minus(Duration.ofMinutes(2)), Duration.ofHours(1), RelayInfo.NONE);
        Lease clientAgain = Lease.granted(Ipv4Address.parse("192.0.2.41"), mac(3), Octets.EMPTY, "", 1, 0,
                NOW.minus(Duration.ofMinutes(20)), Duration.ofHours(1), RelayInfo.NONE);
        Lease clientNewer = Lease.granted(Ipv4Address.parse("192.0.2.42"), mac(3), Octets.EMPTY, "", 1, 0,
                NOW.minus(Duration.ofMinutes(3)), Duration.ofHours(1), RelayInfo.NONE);
        List<Lease> file = List.of(first, secondOnSameAddress, clientAgain, clientNewer);

        ImportResult kept = plan(file, false);
        assertThat(kept.imported()).isEmpty();
        assertThat(kept.conflicts()).hasSize(4).allMatch(c -> c.kind() == ConflictKind.DUPLICATE_IN_FILE && !c.resolved());
        assertThat(kept.conflicts().getFirst().detail()).isEqualTo("the file also gives 192.0.2.40 to hw:1:00:00:5e:00:53:02");
        assertThat(kept.conflicts().get(2).detail()).isEqualTo("the file also gives the client 192.0.2.42");

        ImportResult newest = plan(file, true);
        assertThat(newest.imported()).extracting(Lease::address, Lease::hardwareAddress).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Ipv4Address.parse("192.0.2.40"), mac(2)),
                org.assertj.core.groups.Tuple.tuple(Ipv4Address.parse("192.0.2.42"), mac(3)));
        assertThat(newest.conflicts()).extracting(Conflict::detail).containsExactly(
                "superseded by the file's newer lease on 192.0.2.40 for hw:1:00:00:5e:00:53:02",
                "superseded by the file's newer lease of the client on 192.0.2.42");
        assertThat(newest.complete()).isTrue();
    }

    @Test
    void aLastTransactionInTheFutureStartsNowAndKeepsTheExpiry() throws Exception {
        // dnsmasq records only the expiry: a lease with two days left, read with the assumed lifetime of
        // an hour, gets its last transaction 47 hours in the future.
        Lease dnsmasq = Lease.granted(Ipv4Address.parse("192.0.2.15"), mac(1), Octets.EMPTY, "", 1, 0,
                NOW.plus(Duration.ofHours(47)), Duration.ofHours(1), RelayInfo.NONE);

        Lease placed = plan(List.of(dnsmasq), false).imported().getFirst();

        assertThat(placed.cltt()).isEqualTo(NOW);
        assertThat(placed.start()).isEqualTo(NOW);
        assertThat(placed.expiry()).isEqualTo(dnsmasq.expiry());
    }
}
