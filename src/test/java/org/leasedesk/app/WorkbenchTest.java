package org.leasedesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.lease.LeaseEventType;
import org.leasedesk.store.EventRepository;
import org.leasedesk.store.LeaseRepository;
import org.leasedesk.store.PageRequest;
import org.leasedesk.store.TimeRange;

class WorkbenchTest {

    private static final String CONFIG =
            "{ \"Dhcp4\": { \"subnet4\": [ { \"id\": 1, \"subnet\": \"192.0.2.0/24\", \"pools\": [ { \"pool\": \"192.0.2.10 - 192.0.2.20\" } ] } ] } }";

    @TempDir
    Path directory;

    private ServerLauncher.Request loopback(Path config) {
        return new ServerLauncher.Request(config, Optional.empty(), InetAddress.getLoopbackAddress(), 0, 10068,
                Optional.of(Ipv4Address.parse("192.0.2.1")), Optional.empty(), false, Optional.empty(), Optional.empty());
    }

    @Test
    void startsAndStopsServersOnOneDatabaseThatStaysOpen() throws Exception {
        Path config = Files.writeString(directory.resolve("kea-dhcp4.conf"), CONFIG);
        List<Workbench.ServerState> seen = new CopyOnWriteArrayList<>();
        try (Workbench workbench = Workbench.open(directory.resolve("leases"), Clock.systemUTC())) {
            workbench.addListener(new Workbench.Listener() {
                @Override
                public void serverStateChanged(Workbench.ServerState state) {
                    seen.add(state);
                }
            });

            workbench.thresholdsFrom(() -> new Thresholds(50, 60));
            Workbench.ServerState serving = workbench.start(loopback(config), true).join();
            assertThat(serving).isInstanceOfSatisfying(Workbench.Serving.class, s -> {
                assertThat(s.lab()).isTrue();
                assertThat(s.summary()).startsWith("Lab server on 127.0.0.1:");
                assertThat(s.running().alerts().settings().defaults()).as("the desktop's thresholds").isEqualTo(new Thresholds(50, 60));
            });
            assertThat(workbench.server()).isPresent();
            assertThat(workbench.leases().join()).isEmpty();
            assertThat(workbench.statistics()).isPresent();

            // A second start replaces the first server rather than failing on a held database.
            assertThat(workbench.start(loopback(config), false).join()).isInstanceOf(Workbench.Serving.class);

            assertThat(workbench.stop().join()).isInstanceOf(Workbench.Stopped.class);
            assertThat(workbench.server()).isEmpty();
            assertThat(new LeaseRepository(workbench.database()).loadAll().leases()).isEmpty();
        }
        assertThat(seen).extracting(state -> state.getClass().getSimpleName())
                .containsExactly("Starting", "Serving", "Stopped", "Starting", "Serving", "Stopped");
    }

    @Test
    void thresholdsChangedWhileServingApplyToTheRunningServerAndItsAlertsReachTheListeners() throws Exception {
        // One reservation inside an 11-address pool: 9.1 % unavailable, below 50 % but past 5 %.
        Path config = Files.writeString(directory.resolve("kea-dhcp4.conf"), """
                { "Dhcp4": { "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24",
                    "pools": [ { "pool": "192.0.2.10 - 192.0.2.20" } ],
                    "reservations": [ { "hw-address": "00:00:5e:00:53:01", "ip-address": "192.0.2.12" } ] } ] } }""");
        BlockingQueue<AlertMonitor.Alert> heard = new LinkedBlockingQueue<>();
        AtomicReference<Thresholds> settings = new AtomicReference<>(new Thresholds(50, 60));
        try (Workbench workbench = Workbench.open(directory.resolve("leases"), Clock.systemUTC())) {
            workbench.addListener(new Workbench.Listener() {
                @Override
                public void alert(AlertMonitor.Alert alert) {
                    heard.add(alert);
                }
            });
            workbench.thresholdsFrom(settings::get);
            workbench.start(loopback(config), false).join();
            assertThat(heard.poll(3 * Workbench.ALERT_CHECK_INTERVAL.toMillis(), TimeUnit.MILLISECONDS)).as("9.1 % is below 50 %").isNull();

            settings.set(new Thresholds(5, 50));
            workbench.applyThresholds().join();

            AlertMonitor.Alert alert = heard.poll(30, TimeUnit.SECONDS);
            assertThat(alert).isNotNull();
            assertThat(alert.event().type()).isEqualTo(LeaseEventType.THRESHOLD_RAISED);
            assertThat(alert.level()).isEqualTo(AlertMonitor.Level.WARNING);
            assertThat(alert.describe()).startsWith("Warning: pool 1/1").contains("warning threshold of 5 %");
            assertThat(new EventRepository(workbench.database()).between(TimeRange.ALL, PageRequest.first(10)).events())
                    .extracting(found -> found.event().detail()).containsExactly(alert.event().detail());
        }
    }

    @Test
    void aBadConfigurationFailsWithTheFieldNamedAndLeavesTheSessionUsable() throws Exception {
        Path config = Files.writeString(directory.resolve("kea-dhcp4.conf"),
                "{ \"Dhcp4\": { \"subnet4\": [ { \"id\": 1, \"subnet\": \"192.0.2.0/24\", \"pools\": [ { \"pool\": \"10.0.0.1 - 10.0.0.5\" } ] } ] } }");
        try (Workbench workbench = Workbench.open(directory.resolve("leases"), Clock.systemUTC())) {
            Workbench.ServerState state = workbench.start(loopback(config), false).join();

            assertThat(state).isInstanceOfSatisfying(Workbench.Failed.class,
                    failed -> assertThat(failed.reason()).contains("Dhcp4/subnet4[0]/pools[0]"));
            assertThat(workbench.server()).isEmpty();
            assertThat(workbench.leases().join()).isEmpty();
        }
    }
}
