package org.leasedesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.store.LeaseRepository;

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
