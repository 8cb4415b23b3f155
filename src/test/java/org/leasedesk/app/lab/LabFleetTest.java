package org.leasedesk.app.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leasedesk.app.HistorySearch;
import org.leasedesk.app.Workbench;
import org.leasedesk.lease.Lease;
import org.leasedesk.lease.LeaseEvent;
import org.leasedesk.lease.LeaseEventType;
import org.leasedesk.lease.LeaseState;
import org.leasedesk.lease.PoolUsage;
import org.leasedesk.server.DhcpServer;

/** The lab on loopback: a real server, a real H2 file, and the simulated fleet on one UDP socket. */
class LabFleetTest {

    @TempDir
    Path directory;

    private static LabSettings quiet(int clients, int poolSize) {
        return new LabSettings(clients, poolSize, 500, 0, 0, Duration.ofSeconds(4), Duration.ofMillis(300));
    }

    private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("within 20 s: " + what);
            }
            Thread.sleep(20);
        }
    }

    private static PoolUsage usage(DhcpServer server) {
        return server.usage().join().get(0).usage();
    }

    @Test
    void theFleetObtainsLeasesThatTheServerHoldsAndRenewsThemAtT1() throws Exception {
        try (Workbench workbench = Workbench.open(directory.resolve("leases"), Clock.systemUTC())) {
            Workbench.ServerState state = workbench.startLab(quiet(20, 30)).join();

            assertThat(state).isInstanceOfSatisfying(Workbench.Serving.class, serving -> assertThat(serving.lab()).isTrue());
            LabFleet fleet = workbench.lab().orElseThrow();
            DhcpServer server = workbench.server().orElseThrow();
            eventually("20 clients bound", () -> fleet.counters().bound() == 20);

            List<Lease> leases = server.leases().join();
            assertThat(leases).filteredOn(lease -> lease.state() == LeaseState.ACTIVE).hasSize(20);
            assertThat(leases).extracting(lease -> lease.hardwareAddress().toString()).doesNotHaveDuplicates();
            assertThat(leases).extracting(Lease::hostname).contains("lab-00001", "lab-00003");
            assertThat(leases).filteredOn(lease -> !lease.clientId().isEmpty()).isNotEmpty();
            PoolUsage usage = usage(server);
            assertThat(usage.total()).isEqualTo(30);
            assertThat(usage.dynamicLeased()).isEqualTo(20);
            assertThat(fleet.counters().doraCompleted()).isEqualTo(20);

            // Four-second leases renew at two seconds.
            eventually("renewals acknowledged", () -> fleet.counters().renewals() >= 20);
            assertThat(fleet.counters().timeouts()).isZero();
            assertThat(usage(server).dynamicLeased()).isEqualTo(20);

            // The lab's events are history like any other: a host name finds its grant.
            HistorySearch.Page page = new HistorySearch(workbench).search(new HistorySearch.Criteria(Optional.empty(),
                    Optional.empty(), "LAB-00001", Optional.of(LeaseEventType.GRANTED), Instant.EPOCH, Instant.now().plusSeconds(1)),
                    Optional.empty(), 10);
            assertThat(page.events()).extracting(LeaseEvent::hostname).containsOnly("lab-00001");
        }
    }

    @Test
    void declinedAddressesGoIntoProbation() throws Exception {
        LabSettings declining = new LabSettings(5, 50, 500, 0, 1.0, Duration.ofSeconds(60), Duration.ofSeconds(1));
        try (Workbench workbench = Workbench.open(directory.resolve("leases"), Clock.systemUTC())) {
            workbench.startLab(declining).join();
            LabFleet fleet = workbench.lab().orElseThrow();
            DhcpServer server = workbench.server().orElseThrow();

            eventually("five addresses declined", () -> usage(server).declined() >= 5);
            // The fleet publishes its counters every 200 ms.
            eventually("the fleet counts its declines", () -> fleet.counters().declines() >= 5);

            assertThat(fleet.counters().doraCompleted()).isZero();
            assertThat(server.leases().join()).filteredOn(lease -> lease.state() == LeaseState.DECLINED)
                    .hasSizeGreaterThanOrEqualTo(5);
        }
    }

    @Test
    void aFleetLargerThanThePoolTimesOutOnTheRest() throws Exception {
        try (Workbench workbench = Workbench.open(directory.resolve("leases"), Clock.systemUTC())) {
            workbench.startLab(new LabSettings(12, 8, 500, 0, 0, Duration.ofSeconds(60), Duration.ofSeconds(1))).join();
            LabFleet fleet = workbench.lab().orElseThrow();

            eventually("the other four time out", () -> fleet.counters().bound() == 8 && fleet.counters().timeouts() >= 4);
            assertThat(usage(workbench.server().orElseThrow()).free()).isZero();
        }
    }

    @Test
    void stoppingLeavesNothingRunning() throws Exception {
        try (Workbench workbench = Workbench.open(directory.resolve("leases"), Clock.systemUTC())) {
            workbench.startLab(quiet(5, 10)).join();
            LabFleet fleet = workbench.lab().orElseThrow();
            eventually("five bound", () -> fleet.counters().bound() == 5);

            assertThat(workbench.stop().join()).isInstanceOf(Workbench.Stopped.class);

            assertThat(workbench.lab()).isEmpty();
            assertThat(workbench.server()).isEmpty();
            assertThat(fleet.isRunning()).isFalse();
            eventually("no lab or server thread left", () -> liveThreadNames().stream()
                    .noneMatch(name -> name.equals("lab-fleet") || name.equals("dhcp-packets") || name.equals("dhcp-receive")));
        }
    }

    @Test
    void theRateCanChangeWhileTheFleetRuns() throws Exception {
        try (Workbench workbench = Workbench.open(directory.resolve("leases"), Clock.systemUTC())) {
            workbench.startLab(new LabSettings(30, 40, 1, 0, 0, Duration.ofSeconds(60), Duration.ofSeconds(1))).join();
            LabFleet fleet = workbench.lab().orElseThrow();
            Thread.sleep(500);
            assertThat(fleet.counters().doraCompleted()).isLessThan(5);

            fleet.setRate(1000);

            eventually("all 30 bound once the rate rose", () -> fleet.counters().bound() == 30);
            assertThat(fleet.settings().rate()).isEqualTo(1000);
        }
    }

    private static Set<String> liveThreadNames() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .collect(Collectors.toSet());
    }
}
