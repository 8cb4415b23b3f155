package org.leasedesk.server.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.leasedesk.lease.ClientKey;
import org.leasedesk.lease.HardwareAddress;
import org.leasedesk.lease.HostIdentifier;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.lease.Lease;
import org.leasedesk.lease.Octets;
import org.leasedesk.lease.PoolUsage;
import org.leasedesk.lease.RelayInfo;
import org.leasedesk.protocol.OptionRegistry;
import org.leasedesk.server.allocation.Allocation.Source;
import org.leasedesk.server.config.ServerConfig;
import org.leasedesk.server.config.ServerConfig.Reservation;
import org.leasedesk.server.config.ServerConfigLoader;
import org.leasedesk.testing.MutableClock;

class AllocationEngineTest {

    private static final Duration OFFER_HOLD = Duration.ofSeconds(30);
    private static final long SUBNET = 1;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));

    /** 192.0.2.10-.13 is the pool; .12 is reserved for the printer; .50 (outside the pool) for the camera. */
    private static ServerConfig config() throws Exception {
        return new ServerConfigLoader(OptionRegistry.standard()).load("""
                { "Dhcp4": {
                    "valid-lifetime": 3600,
                    "expired-leases-processing": { "hold-reclaimed-time": 600 },
                    "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24",
                        "pools": [ { "pool": "192.0.2.10 - 192.0.2.13" } ],
                        "reservations": [
                          { "hw-address": "00:00:5e:00:53:99", "ip-address": "192.0.2.12", "hostname": "printer" },
                          { "hw-address": "00:00:5e:00:53:98", "ip-address": "192.0.2.50", "hostname": "camera" } ] } ] } }
                """, "test.conf").config();
    }

    private AllocationEngine engine(Lease... current) throws Exception {
        return new AllocationEngine(config(), List.of(current), OFFER_HOLD, clock);
    }

    private static HardwareAddress mac(int last) {
        return HardwareAddress.parseMac(String.format("00:00:5e:00:53:%02x", last));
    }

    private static ClientKey client(int last) {
        return new ClientKey.ByHardware(mac(last));
    }

    /** The reservation the server would find for the client: these clients send no client-id, so only their MAC. */
    private static Optional<Reservation> reservationOf(int last) throws Exception {
        HostIdentifier byMac = new HostIdentifier(HostIdentifier.Type.HW_ADDRESS, mac(last).address());
        return config().subnets().getFirst().reservations().stream().filter(r -> r.identifier().equals(byMac)).findFirst();
    }

    private static Ipv4Address ip(String text) {
        return Ipv4Address.parse(text);
    }

    @Test
    void anExpiredLeaseNoLongerKeepsItsAddressFromOthersBeforeReclamationHasRun() throws Exception {
        AllocationEngine engine = engine(granted(1, "192.0.2.10"), granted(2, "192.0.2.11"), granted(3, "192.0.2.13"));
        clock.advance(Duration.ofHours(2));

        assertThat(engine.check(SUBNET, client(4), reservationOf(4), ip("192.0.2.10"))).isEqualTo(new RequestCheck.Acceptable(1));
        assertThat(addressOf(engine.offer(SUBNET, client(4), reservationOf(4), Optional.empty())))
                .as("the pool has nothing else: the address whose lease ran out longest ago").isEqualTo(ip("192.0.2.10"));
    }

    private Lease granted(int client, String address) {
        return Lease.granted(ip(address), mac(client), Octets.EMPTY, "", SUBNET, 1, clock.instant(), Duration.ofHours(1), RelayInfo.NONE);
    }

    private static Ipv4Address addressOf(Allocation allocation) {
        assertThat(allocation).isInstanceOf(Allocation.Offered.class);
        return ((Allocation.Offered) allocation).address();
    }

    private static Source sourceOf(Allocation allocation) {
        return ((Allocation.Offered) allocation).source();
    }

    @Test
    void twoClientsAreNeverOfferedTheSameAddress() throws Exception {
        AllocationEngine engine = engine();

        Ipv4Address first = addressOf(engine.offer(SUBNET, client(1), reservationOf(1), Optional.empty()));
        Ipv4Address second = addressOf(engine.offer(SUBNET, client(2), reservationOf(2), Optional.empty()));

        assertThat(first).isEqualTo(ip("192.0.2.10"));
        assertThat(second).isEqualTo(ip("192.0.2.11"));
    }

    @Test
    void aClientAskingAgainGetsItsPendingOffer() throws Exception {
        AllocationEngine engine = engine();
        Ipv4Address first = addressOf(engine.offer(SUBNET, client(1), reservationOf(1), Optional.empty()));

        Allocation again = engine.offer(SUBNET, client(1), reservationOf(1), Optional.of(ip("192.0.2.13")));

        assertThat(addressOf(again)).isEqualTo(first);
        assertThat(sourceOf(again)).isEqualTo(Source.PENDING_OFFER);
    }

    @Test
    void aReservationWinsAndItsAddressIsNeverOfferedToAnother() throws Exception {
        AllocationEngine engine = engine();

        assertThat(addressOf(engine.offer(SUBNET, client(0x99), reservationOf(0x99), Optional.empty()))).isEqualTo(ip("192.0.2.12"));
        assertThat(addressOf(engine.offer(SUBNET, client(0x98), reservationOf(0x98), Optional.empty()))).as("outside the pool").isEqualTo(ip("192.0.2.50"));
        List<Ipv4Address> others = List.of(
                addressOf(engine.offer(SUBNET, client(1), reservationOf(1), Optional.of(ip("192.0.2.12")))),
                addressOf(engine.offer(SUBNET, client(2), reservationOf(2), Optional.empty())),
                addressOf(engine.offer(SUBNET, client(3), reservationOf(3), Optional.empty())));
        assertThat(others).containsExactly(ip("192.0.2.10"), ip("192.0.2.11"), ip("192.0.2.13"));
        assertThat(engine.offer(SUBNET, client(4), reservationOf(4), Optional.empty())).isEqualTo(new Allocation.Exhausted(SUBNET));
    }

    @Test
    void theRequestedAddressIsOfferedWhenFree() throws Exception {
        AllocationEngine engine = engine(granted(1, "192.0.2.10"));

        Allocation taken = engine.offer(SUBNET, client(2), reservationOf(2), Optional.of(ip("192.0.2.10")));
        Allocation free = engine.offer(SUBNET, client(3), reservationOf(3), Optional.of(ip("192.0.2.13")));

        assertThat(addressOf(taken)).isEqualTo(ip("192.0.2.11"));
        assertThat(addressOf(free)).isEqualTo(ip("192.0.2.13"));
        assertThat(sourceOf(free)).isEqualTo(Source.REQUESTED);
    }

    @Test
    void aReleasedAddressWaitsForItsClientWhileOthersAreFree() throws Exception {
        AllocationEngine engine = engine(granted(1, "192.0.2.10"));
        engine.record(engine.leaseAt(ip("192.0.2.10")).orElseThrow().released(clock.instant()));

        assertThat(addressOf(engine.offer(SUBNET, client(2), reservationOf(2), Optional.of(ip("192.0.2.10"))))).isEqualTo(ip("192.0.2.11"));
        Allocation back = engine.offer(SUBNET, client(1), reservationOf(1), Optional.empty());
        assertThat(addressOf(back)).isEqualTo(ip("192.0.2.10"));
        assertThat(sourceOf(back)).isEqualTo(Source.CLIENT_HISTORY);
    }

    @Test
    void affinityIsGivenUpOnlyWhenThePoolHasNothingElse() throws Exception {
        AllocationEngine engine = engine(granted(1, "192.0.2.10"), granted(2, "192.0.2.11"), granted(3, "192.0.2.13"));
        engine.record(engine.leaseAt(ip("192.0.2.11")).orElseThrow().released(clock.instant()));

        Allocation last = engine.offer(SUBNET, client(4), reservationOf(4), Optional.empty());

        assertThat(addressOf(last)).isEqualTo(ip("192.0.2.11"));
        assertThat(sourceOf(last)).isEqualTo(Source.AFFINITY_BROKEN);
    }

    @Test
    void afterTheAffinityPeriodAReleasedAddressIsSimplyFree() throws Exception {
        AllocationEngine engine = engine(granted(1, "192.0.2.10"));
        engine.record(engine.leaseAt(ip("192.0.2.10")).orElseThrow().released(clock.instant()));
        assertThat(addressOf(engine.offer(SUBNET, client(2), reservationOf(2), Optional.of(ip("192.0.2.10"))))).isEqualTo(ip("192.0.2.11"));

        clock.advance(Duration.ofSeconds(601));
        engine.tick();

        Allocation asked = engine.offer(SUBNET, client(3), reservationOf(3), Optional.of(ip("192.0.2.10")));
        assertThat(addressOf(asked)).isEqualTo(ip("192.0.2.10"));
        assertThat(sourceOf(asked)).isEqualTo(Source.REQUESTED);
    }

    @Test
    void aDeclinedAddressIsNeitherOfferedNorAcknowledged() throws Exception {
        AllocationEngine engine = engine(granted(1, "192.0.2.10"));
        engine.record(engine.leaseAt(ip("192.0.2.10")).orElseThrow().declined(clock.instant(), Duration.ofDays(1)));

        assertThat(addressOf(engine.offer(SUBNET, client(1), reservationOf(1), Optional.of(ip("192.0.2.10"))))).isEqualTo(ip("192.0.2.11"));
        assertThat(engine.check(SUBNET, client(2), reservationOf(2), ip("192.0.2.10")))
                .isEqualTo(new RequestCheck.Refused("192.0.2.10 was declined and is in probation"));
    }

    @Test
    void anOfferNobodyTakesLapsesAfterTheHoldTime() throws Exception {
        AllocationEngine engine = engine();
        engine.offer(SUBNET, client(1), reservationOf(1), Optional.empty());
        assertThat(engine.check(SUBNET, client(2), reservationOf(2), ip("192.0.2.10"))).isInstanceOf(RequestCheck.Refused.class);

        clock.advance(OFFER_HOLD);
        engine.tick();

        assertThat(engine.check(SUBNET, client(2), reservationOf(2), ip("192.0.2.10"))).isEqualTo(new RequestCheck.Acceptable(1));
        assertThat(addressOf(engine.offer(SUBNET, client(3), reservationOf(3), Optional.empty()))).isEqualTo(ip("192.0.2.11"));
    }

    @Test
    void requestsAreCheckedAgainstSubnetPoolsReservationsAndOtherClients() throws Exception {
        AllocationEngine engine = engine(granted(1, "192.0.2.10"));

        assertThat(engine.check(SUBNET, client(1), reservationOf(1), ip("192.0.2.10"))).isEqualTo(new RequestCheck.Acceptable(1));
        assertThat(engine.check(SUBNET, client(2), reservationOf(2), ip("192.0.2.10"))).isEqualTo(new RequestCheck.Refused("192.0.2.10 is held by another client"));
        assertThat(engine.check(SUBNET, client(2), reservationOf(2), ip("198.51.100.5")))
                .isEqualTo(new RequestCheck.NotOurs("198.51.100.5 is not in subnet 192.0.2.0/24"));
        assertThat(engine.check(SUBNET, client(2), reservationOf(2), ip("192.0.2.12")))
                .isEqualTo(new RequestCheck.Refused("192.0.2.12 is reserved for hw-address=00:00:5e:00:53:99"));
        assertThat(engine.check(SUBNET, client(2), reservationOf(2), ip("192.0.2.77"))).as("in no pool: not this server's to give")
                .isInstanceOf(RequestCheck.NotOurs.class);
        assertThat(engine.check(SUBNET, client(0x98), reservationOf(0x98), ip("192.0.2.50"))).as("reserved outside the pool").isEqualTo(new RequestCheck.Acceptable(0));
    }

    @Test
    void committingALeaseEndsTheClientsOffer() throws Exception {
        AllocationEngine engine = engine();
        Ipv4Address offered = addressOf(engine.offer(SUBNET, client(1), reservationOf(1), Optional.empty()));

        engine.record(granted(1, offered.toString()));

        assertThat(engine.leaseOf(SUBNET, client(1))).map(Lease::address).contains(offered);
        assertThat(engine.usage(SUBNET, 0)).isEqualTo(new PoolUsage(4, 1, 1, 1, 0, 0));
    }

    @Test
    void aFailedCommitIsUndoneSoTheAddressIsFreeAgain() throws Exception {
        AllocationEngine engine = engine();
        Lease pending = granted(1, "192.0.2.10");
        engine.record(pending);

        engine.restore(pending.address(), Optional.empty());

        assertThat(engine.leaseAt(ip("192.0.2.10"))).isEmpty();
        assertThat(engine.leaseOf(SUBNET, client(1))).isEmpty();
        assertThat(addressOf(engine.offer(SUBNET, client(2), reservationOf(2), Optional.empty()))).isEqualTo(ip("192.0.2.10"));
    }

    @Test
    void usageKeepsItsPartsApart() throws Exception {
        AllocationEngine engine = engine(granted(1, "192.0.2.10"), granted(2, "192.0.2.11"));
        engine.record(engine.leaseAt(ip("192.0.2.11")).orElseThrow().declined(clock.instant(), Duration.ofDays(1)));
        engine.offer(SUBNET, client(3), reservationOf(3), Optional.empty());

        assertThat(engine.usage(SUBNET, 0)).isEqualTo(new PoolUsage(4, 1, 1, 1, 1, 1));
    }

    @Test
    void expiredLeasesAreListedOldestFirst() throws Exception {
        AllocationEngine engine = engine(granted(1, "192.0.2.10"));
        clock.advance(Duration.ofMinutes(10));
        engine.record(granted(2, "192.0.2.11"));
        clock.advance(Duration.ofHours(2));

        assertThat(engine.expired(10)).extracting(Lease::address).containsExactly(ip("192.0.2.10"), ip("192.0.2.11"));
        assertThat(engine.expired(1)).hasSize(1);
    }
}
