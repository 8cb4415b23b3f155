package org.leasedesk.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leasedesk.lease.HardwareAddress;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.lease.Lease;
import org.leasedesk.lease.LeaseEvent;
import org.leasedesk.lease.LeaseEventType;
import org.leasedesk.lease.LeaseState;
import org.leasedesk.lease.Octets;
import org.leasedesk.lease.RelayInfo;
import org.leasedesk.protocol.OptionRegistry;
import org.leasedesk.server.config.ServerConfigLoader;
import org.leasedesk.store.EventRepository;
import org.leasedesk.store.LeaseDatabase;
import org.leasedesk.store.LeaseRepository;
import org.leasedesk.store.LeaseWriter;
import org.leasedesk.store.PageRequest;
import org.leasedesk.store.StoredEvent;
import org.leasedesk.store.TimeRange;
import org.leasedesk.testing.LoopbackClients;

/**
 * A cut-over into a running server on loopback: the leases of the server it replaces go through the
 * server itself, and their clients keep their addresses when they next ask.
 */
class ImportIntoRunningServerTest {

    private static final String CONFIG = """
            { "Dhcp4": {
                "valid-lifetime": 600,
                "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.2.10 - 192.0.2.19" } ] } ] } }
            """;
    private static final String NAS_MAC = "00:00:5e:00:53:31";
    /** Not the first free address: the allocator would hand out 192.0.2.10 first. */
    private static final Ipv4Address NAS_ADDRESS = Ipv4Address.parse("192.0.2.17");

    @TempDir
    Path directory;

    private LoopbackClients clients;
    private LeaseDatabase database;
    private DhcpServer server;

    @BeforeEach
    void start() throws Exception {
        clients = LoopbackClients.open();
        database = LeaseDatabase.open(directory.resolve("leases"));
        InetAddress loopback = InetAddress.getLoopbackAddress();
        ServerOptions options = new ServerOptions(new InetSocketAddress(loopback, 0), clients.address().getPort(),
                Ipv4Address.of(LoopbackClients.SERVER_ID), Optional.empty(), loopback, Optional.of(clients.address()),
                Duration.ofSeconds(10), 256, Duration.ofMinutes(1));
        server = DhcpServer.start(new ServerConfigLoader(OptionRegistry.standard()).load(CONFIG, "test.conf").config(), options,
                database, LeaseWriter.Settings.DEFAULTS, Clock.systemUTC(), ServerListener.NONE);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        database.close();
        clients.close();
    }

    /** The NAS's lease as Kea's file had it: granted 20 minutes ago for an hour, in Kea's subnet 5. */
    private static Lease fromKea(String mac, Ipv4Address address) {
        return Lease.granted(address, HardwareAddress.parseMac(mac), Octets.EMPTY, "nas", 5, 0,
                Instant.now().minus(Duration.ofMinutes(20)), Duration.ofHours(1), RelayInfo.NONE);
    }

    private static ImportRequest request(Lease... leases) {
        return new ImportRequest(List.of(leases), "/var/lib/kea/kea-leases4.csv", true, false);
    }

    private List<StoredEvent> storedEvents() {
        return new EventRepository(database).between(TimeRange.ALL, PageRequest.first(100)).events();
    }

    @Test
    void anImportedClientGetsItsAddressBackFromTheServer() throws Exception {
        ImportResult result = server.importLeases(request(fromKea(NAS_MAC, NAS_ADDRESS)), false).get(10, TimeUnit.SECONDS);

        assertThat(result.imported()).singleElement().satisfies(lease -> {
            assertThat(lease.subnetId()).isEqualTo(1);
            assertThat(lease.poolId()).isEqualTo(1);
        });
        assertThat(new LeaseRepository(database).find(NAS_ADDRESS)).as("committed before the future completed")
                .hasValueSatisfying(lease -> assertThat(lease.hardwareAddress()).isEqualTo(HardwareAddress.parseMac(NAS_MAC)));

        assertThat(clients.obtain(server.localAddress(), "00:00:5e:00:53:40", "laptop")).as("another client")
                .isNotEqualTo(NAS_ADDRESS);
        assertThat(clients.obtain(server.localAddress(), NAS_MAC, "nas")).isEqualTo(NAS_ADDRESS);

        assertThat(storedEvents()).extracting(StoredEvent::event).filteredOn(event -> event.address().equals(NAS_ADDRESS))
                .extracting(LeaseEvent::type, LeaseEvent::detail).startsWith(
                        org.assertj.core.groups.Tuple.tuple(LeaseEventType.IMPORTED, "imported from /var/lib/kea/kea-leases4.csv"));
        assertThat(server.leasesAt(List.of(NAS_ADDRESS)).get(5, TimeUnit.SECONDS)).singleElement()
                .satisfies(lease -> assertThat(lease.state()).isEqualTo(LeaseState.ACTIVE));
    }

    @Test
    void aDryRunPlansTheImportButTheServerAndItsStoreStayAsTheyWere() throws Exception {
        ImportResult preview = server.importLeases(request(fromKea(NAS_MAC, NAS_ADDRESS)), true).get(10, TimeUnit.SECONDS);

        assertThat(preview.imported()).hasSize(1);
        assertThat(server.leases().get(5, TimeUnit.SECONDS)).isEmpty();
        assertThat(new LeaseRepository(database).count()).isZero();
        assertThat(storedEvents()).isEmpty();
    }

    @Test
    void anAddressTheServerGaveAnotherClientIsAConflictAndStaysWithThatClient() throws Exception {
        Ipv4Address laptops = clients.obtain(server.localAddress(), "00:00:5e:00:53:40", "laptop");

        ImportResult result = server.importLeases(request(fromKea(NAS_MAC, laptops)), false).get(10, TimeUnit.SECONDS);

        assertThat(result.conflicts()).singleElement()
                .satisfies(conflict -> assertThat(conflict.kind()).isEqualTo(ImportResult.ConflictKind.ADDRESS_HELD));
        assertThat(result.changes()).isEmpty();
        assertThat(server.leasesAt(List.of(laptops)).get(5, TimeUnit.SECONDS)).singleElement()
                .satisfies(lease -> assertThat(lease.hostname()).isEqualTo("laptop"));
        assertThat(clients.obtain(server.localAddress(), NAS_MAC, "nas")).isNotEqualTo(laptops);
    }
}
