package org.leasedesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leasedesk.lease.AddressMap;
import org.leasedesk.lease.HardwareAddress;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.lease.Lease;
import org.leasedesk.lease.LeaseState;
import org.leasedesk.store.TimeRange;
import org.leasedesk.testing.LoopbackClients;

/** The administrator's lease actions through the workbench, against a loopback server fed with real DHCP packets. */
class LeaseAdministrationTest {

    static final String CONFIG = """
            { "Dhcp4": {
                // a comment, as Kea allows
                "valid-lifetime": 600,
                "server-tag": "kept as it was",
                "subnet4": [ { "id": 7, "subnet": "192.0.2.0/24", "user-context": { "site": "lab" },
                               "pools": [ { "pool": "192.0.2.10 - 192.0.2.19" } ] } ] } }
            """;

    @TempDir
    Path directory;

    private Workbench workbench;
    private LoopbackClients clients;
    private InetSocketAddress server;
    private LeaseAdministration administration;
    private Path config;

    @BeforeEach
    void start() throws Exception {
        config = Files.writeString(directory.resolve("kea-dhcp4.conf"), CONFIG);
        clients = LoopbackClients.open();
        workbench = Workbench.open(directory.resolve("leases"), Clock.systemUTC());
        assertThat(workbench.start(clients.labRequest(config), true).get(10, TimeUnit.SECONDS)).isInstanceOf(Workbench.Serving.class);
        server = workbench.server().orElseThrow().localAddress();
        administration = new LeaseAdministration(workbench);
    }

    @AfterEach
    void stop() throws Exception {
        workbench.close();
        clients.close();
    }

    @Test
    void releaseIsJournaledAsTheAdministratorsAndFreesTheAddress() throws Exception {
        Ipv4Address address = clients.obtain(server, "00:00:5e:00:53:01", "laptop");

        Lease released = administration.release(address).get(5, TimeUnit.SECONDS);

        assertThat(released.state()).isEqualTo(LeaseState.RELEASED);
        assertThat(new LeaseHistory(workbench.database()).ofAddress(address, TimeRange.ALL))
                .extracting(event -> event.type() + ": " + event.detail()).last()
                .isEqualTo("RELEASED: released by the administrator");
        AddressMap map = administration.addressMap(7, 0).get(5, TimeUnit.SECONDS);
        assertThat(map.count(AddressMap.State.LEASED)).isZero();
    }

    @Test
    void quarantineReleasesAndDeniesTheMac() throws Exception {
        Ipv4Address address = clients.obtain(server, "00:00:5e:00:53:02", "intruder");

        administration.quarantine(address, "unknown device").get(5, TimeUnit.SECONDS);

        assertThat(administration.denied()).extracting(d -> d.hardwareAddress().toString()).containsExactly("00:00:5e:00:53:02");
        assertThat(clients.send(server, org.leasedesk.protocol.DhcpMessage.discover(
                org.leasedesk.protocol.HardwareAddress.parse("00:00:5e:00:53:02"), 0))).as("reply to the denied MAC").isEmpty();
        assertThat(administration.allow(HardwareAddress.parseMac("00:00:5e:00:53:02")).get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(administration.denied()).isEmpty();
    }

    @Test
    void bulkReleaseReportsWhatItCouldNotRelease() throws Exception {
        Ipv4Address first = clients.obtain(server, "00:00:5e:00:53:03", "a");
        Ipv4Address second = clients.obtain(server, "00:00:5e:00:53:04", "b");

        LeaseAdministration.BulkOutcome outcome = administration.releaseAll(List.of(first, second, Ipv4Address.parse("192.0.2.19")))
                .get(5, TimeUnit.SECONDS);

        assertThat(outcome.released()).extracting(Lease::address).containsExactlyInAnyOrder(first, second);
        assertThat(outcome.skipped()).containsOnlyKeys(Ipv4Address.parse("192.0.2.19"));
    }

    @Test
    void aReservationFromALeaseIsSavedToTheFileAndServedAfterTheReload() throws Exception {
        Ipv4Address address = clients.obtain(server, "00:00:5e:00:53:05", "printer");
        Lease lease = workbench.leases().get(5, TimeUnit.SECONDS).stream().filter(l -> l.address().equals(address)).findFirst().orElseThrow();

        LeaseAdministration.Reserved reserved = administration.reserve(lease).get(10, TimeUnit.SECONDS);

        ConfigDocument.Applied applied = reserved.applied();
        assertThat(reserved.match().identifier()).hasValueSatisfying(identifier -> assertThat(identifier.toString())
                .isEqualTo("hw-address=00:00:5e:00:53:05"));
        assertThat(applied.saved()).isTrue();
        assertThat(applied.reloaded()).isTrue();
        String saved = Files.readString(config);
        assertThat(saved).contains("\"hw-address\" : \"00:00:5e:00:53:05\"", "\"ip-address\" : \"" + address + "\"",
                "\"server-tag\" : \"kept as it was\"", "\"site\" : \"lab\"");
        AddressMap map = administration.addressMap(7, 0).get(5, TimeUnit.SECONDS);
        assertThat(map.stateAt((int) (address.toLong() - map.range().first().toLong()))).isEqualTo(AddressMap.State.RESERVED);
    }

    @Test
    void theCurrentClientsOfASubnetAreThoseHoldingAnActiveLeaseThere() throws Exception {
        Ipv4Address kept = clients.obtain(server, "00:00:5e:00:53:06", "desk");
        Ipv4Address released = clients.obtain(server, "00:00:5e:00:53:07", "phone");
        administration.release(released).get(5, TimeUnit.SECONDS);

        assertThat(administration.currentClients(7).get(5, TimeUnit.SECONDS)).extracting(Lease::address).containsExactly(kept);
        assertThat(administration.currentClients(8).get(5, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void withoutAServerTheActionsFailWithASentenceToShow() throws Exception {
        workbench.stop().get(10, TimeUnit.SECONDS);

        assertThat(administration.release(Ipv4Address.parse("192.0.2.10"))).failsWithin(Duration.ofSeconds(1))
                .withThrowableThat().withMessageContaining("No server is running");
    }
}
