package org.leasedesk.server;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.leasedesk.lease.HardwareAddress;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.lease.Lease;
import org.leasedesk.lease.LeaseEvent;
import org.leasedesk.lease.LeaseEventType;
import org.leasedesk.protocol.OptionRegistry;
import org.leasedesk.server.config.ServerConfig;
import org.leasedesk.server.config.ServerConfigLoader;
import org.leasedesk.store.EventPage;
import org.leasedesk.store.EventRepository;
import org.leasedesk.store.LeaseDatabase;
import org.leasedesk.store.LeaseRepository;
import org.leasedesk.store.LeaseWriter;
import org.leasedesk.store.PageRequest;
import org.leasedesk.store.StoredEvent;
import org.leasedesk.store.TimeRange;
import org.leasedesk.testing.netns.Namespace;

/**
 * Our server, in this JVM but with its socket in a lab namespace, on 0.0.0.0:67 like a real
 * deployment, with a real H2 file; and the questions interop tests ask its store.
 */
public final class ServerInNamespace implements AutoCloseable {

    private final DhcpServer server;
    private final LeaseDatabase database;

    private ServerInNamespace(DhcpServer server, LeaseDatabase database) {
        this.server = server;
        this.database = database;
    }

    /**
     * Starts serving in {@code namespace} on the standard ports. The identifier is given, not looked
     * up, because {@link java.net.NetworkInterface} does not see the namespace's interfaces.
     */
    public static ServerInNamespace start(Namespace namespace, String keaJson, Path databaseFile, Ipv4Address serverIdentifier,
                                   String interfaceName) throws Exception {
        return start(namespace, keaJson, databaseFile, serverIdentifier, List.of(interfaceName));
    }

    /** Serves every link in {@code interfaces} (Kea's spelling); the first one's address is {@code serverIdentifier}. */
    static ServerInNamespace start(Namespace namespace, String keaJson, Path databaseFile, Ipv4Address serverIdentifier,
                                   List<String> interfaces) throws Exception {
        ServerConfig config = new ServerConfigLoader(OptionRegistry.standard()).load(keaJson, "interop.conf").config();
        ServerOptions onLink = ServerOptions.onLink(serverIdentifier, Optional.of(interfaces.getFirst()));
        ServerOptions options = new ServerOptions(onLink.listen(), onLink.clientPort(), serverIdentifier, onLink.interfaceName(),
                onLink.broadcastTarget(), onLink.redirectReplies(), onLink.offerHold(), onLink.receiveQueueCapacity(),
                onLink.sampleInterval(), interfaces);
        LeaseDatabase database = LeaseDatabase.open(databaseFile);
        try {
            DhcpServer server = namespace.callInside(() -> DhcpServer.start(config, options, database, LeaseWriter.Settings.DEFAULTS,
                    Clock.systemUTC(), ServerListener.NONE));
            return new ServerInNamespace(server, database);
        } catch (Exception | Error e) {
            database.close();
            throw e;
        }
    }

    public DhcpServer server() {
        return server;
    }

    List<Lease> leases() {
        return new LeaseRepository(database).loadAll().leases();
    }

    Optional<Lease> leaseOf(HardwareAddress mac) {
        return leases().stream().filter(lease -> lease.hardwareAddress().equals(mac)).findFirst();
    }

    Optional<Lease> leaseAt(Ipv4Address address) {
        return new LeaseRepository(database).find(address);
    }

    /** The event types stored for an address, oldest first. */
    List<LeaseEventType> historyOf(Ipv4Address address) {
        return eventsOf(address).stream().map(LeaseEvent::type).toList();
    }

    /** The events stored for an address, oldest first: when, what, and through which relay. */
    List<LeaseEvent> eventsOf(Ipv4Address address) {
        return new EventRepository(database).byAddress(address, TimeRange.ALL, PageRequest.first(1000)).events().stream()
                .map(StoredEvent::event)
                .toList();
    }

    /** How many events of a type the store holds, for every address. */
    long eventCount(LeaseEventType type) {
        EventRepository events = new EventRepository(database);
        long count = 0;
        for (Optional<PageRequest> page = Optional.of(PageRequest.first(PageRequest.MAX_SIZE)); page.isPresent(); ) {
            EventPage found = events.byType(type, TimeRange.ALL, page.get());
            count += found.events().size();
            page = found.next();
        }
        return count;
    }

    /** Polls {@code condition} until it holds; fails with {@code what} and the server's statistics otherwise. */
    void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what + "; server " + server.statistics());
            }
            Thread.sleep(100);
        }
    }

    /** Stops the server (flushing every pending commit), then closes the database. */
    @Override
    public void close() {
        try {
            server.close();
        } finally {
            database.close();
        }
    }
}
