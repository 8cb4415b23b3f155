package org.leasedesk.app;

import java.io.IOException;
import java.net.Inet4Address;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.leasedesk.client.AddressConflictCheck;
import org.leasedesk.client.ArpingConflictCheck;
import org.leasedesk.client.ClientLease;
import org.leasedesk.client.ClientNotice;
import org.leasedesk.client.ClientSettings;
import org.leasedesk.client.DhcpClient;
import org.leasedesk.client.DhcpTransport;
import org.leasedesk.client.ExchangeEntry;
import org.leasedesk.client.ExchangeListener;
import org.leasedesk.client.ExecutorClientScheduler;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.platform.AddressAssignment;
import org.leasedesk.platform.BackendLease;
import org.leasedesk.platform.DhcpBackend;
import org.leasedesk.platform.InterfaceName;
import org.leasedesk.platform.LinuxAddressConfigurator;
import org.leasedesk.platform.OperationOutcome;
import org.leasedesk.platform.PlatformException;
import org.leasedesk.protocol.HardwareAddress;
import org.leasedesk.protocol.MessageType;
import org.leasedesk.store.ClientHistoryRepository;
import org.leasedesk.store.StoredClientLease;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LeaseDesk's own client as a {@link DhcpBackend}, for interfaces nobody else manages. Each
 * operation runs the client for as long as the exchange takes: the state machine's notices put
 * the lease on the interface and take it off again, every packet goes to the listener and into
 * client history, and the lease is remembered in the database so a later operation (another
 * command, the desktop after a restart) can confirm it with INIT-REBOOT or release it.
 */
final class EmbeddedClientBackend implements DhcpBackend {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedClientBackend.class);

    private final ClientOptions options;
    private final ClientHistoryRepository history;
    private final LinuxAddressConfigurator configurator;
    private final HardwareAddress hardwareAddress;
    private final ExchangeListener listener;
    private final Clock clock;

    /** @param hardwareAddress the interface's MAC, or the options' override */
    EmbeddedClientBackend(ClientOptions options, ClientHistoryRepository history, LinuxAddressConfigurator configurator,
            HardwareAddress hardwareAddress, ExchangeListener listener, Clock clock) {
        this.options = Objects.requireNonNull(options, "options");
        this.history = Objects.requireNonNull(history, "history");
        this.configurator = Objects.requireNonNull(configurator, "configurator");
        this.hardwareAddress = Objects.requireNonNull(hardwareAddress, "hardwareAddress");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    static final String NAME = "LeaseDesk's own client";
    static final String RELEASE = "LeaseDesk's own client sends a DHCPRELEASE for the lease it holds and removes the address and"
            + " its default route.";
    static final String RENEW = "LeaseDesk's own client renews the lease it holds (or obtains one) and puts the address, broadcast"
            + " address and default route on the interface for the lease's lifetime; it does not stay running, so renew again"
            + " before the lease ends.";

    @Override
    public String name() {
        return NAME;
    }

    /** Without applying (the lab, {@code --no-apply}) the client only talks DHCP; saying otherwise would mislead. */
    static final String RELEASE_ONLY = "LeaseDesk's own client sends a DHCPRELEASE for the lease it holds; the interface is left"
            + " as it is.";
    static final String RENEW_ONLY = "LeaseDesk's own client renews the lease it holds (or obtains one) without putting it on the"
            + " interface.";

    @Override
    public String releaseDescription() {
        return options.applyAddress() ? RELEASE : RELEASE_ONLY;
    }

    @Override
    public String renewDescription() {
        return options.applyAddress() ? RENEW : RENEW_ONLY;
    }

    @Override
    public OperationOutcome renew(InterfaceName interfaceName) {
        CompletableFuture<ClientLease> acquired = new CompletableFuture<>();
        try (Session session = new Session(interfaceName)) {
            session.client.addListener(notice -> {
                switch (notice) {
                    case ClientNotice.LeaseAcquired won -> acquired.complete(won.lease());
                    case ClientNotice.GaveUp gaveUp -> acquired.completeExceptionally(new PlatformException(
                            "No DHCP server answered on " + interfaceName + ": " + gaveUp.reason() + "."));
                    default -> {
                        // Other notices are the timeline's business.
                    }
                }
            });
            session.client.renew();
            ClientLease lease = await(acquired, interfaceName);
            PlatformException applyFailure = session.applyFailure.get();
            if (applyFailure != null) {
                throw new PlatformException("The server granted " + lease.address().getHostAddress() + " but it could not be put on "
                        + interfaceName + ": " + applyFailure.getMessage(), applyFailure);
            }
            return new OperationOutcome(renewDescription(), List.of(), Optional.of(backendLease(lease)));
        }
    }

    @Override
    public OperationOutcome release(InterfaceName interfaceName) {
        if (history.lease(interfaceName.value()).isEmpty()) {
            throw new PlatformException("LeaseDesk's own client holds no lease on " + interfaceName + ", so there is nothing to release.");
        }
        CompletableFuture<ClientLease> removed = new CompletableFuture<>();
        try (Session session = new Session(interfaceName)) {
            session.client.addListener(notice -> {
                if (notice instanceof ClientNotice.LeaseLost lost) {
                    removed.complete(lost.lease());
                }
            });
            session.client.release();
            await(removed, interfaceName);
            return new OperationOutcome(releaseDescription(), List.of(), Optional.empty());
        }
    }

    @Override
    public Optional<BackendLease> currentLease(InterfaceName interfaceName) {
        return history.lease(interfaceName.value()).filter(lease -> clock.instant().isBefore(lease.expires()))
                .map(lease -> new BackendLease(lease.address(), Optional.of(lease.server()), Optional.of(lease.leaseTime()),
                        Optional.of(lease.renewalTime()), Optional.of(lease.rebindingTime()), Optional.of(lease.obtained()),
                        Optional.of(lease.expires())));
    }

    private ClientLease await(CompletableFuture<ClientLease> outcome, InterfaceName interfaceName) {
        try {
            return outcome.get(options.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof PlatformException platform) {
                throw platform;
            }
            throw new PlatformException("The client on " + interfaceName + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new PlatformException("No DHCP server completed the exchange on " + interfaceName + " within "
                    + options.timeout().toSeconds() + " s.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException("Interrupted while the client on " + interfaceName + " waited for a server.", e);
        }
    }

    private static BackendLease backendLease(ClientLease lease) {
        return new BackendLease(Ipv4Address.of(lease.address()), Optional.of(Ipv4Address.of(lease.server())), Optional.of(lease.leaseTime()),
                Optional.of(lease.renewalTime()), Optional.of(lease.rebindingTime()), Optional.of(lease.obtained()),
                lease.infinite() ? Optional.empty() : Optional.of(lease.expires()));
    }

    /** The stored form of a lease, with the broadcast address of the ACK's option 28 when it had one. */
    static StoredClientLease stored(InterfaceName interfaceName, ClientLease lease, Optional<Inet4Address> broadcast) {
        Ipv4Address address = Ipv4Address.of(lease.address());
        AddressAssignment assignment = assignment(interfaceName, lease, broadcast.map(Ipv4Address::of), Optional.empty());
        return new StoredClientLease(interfaceName.value(), address, lease.prefixLength(), assignment.broadcast(), assignment.router(),
                Ipv4Address.of(lease.server()), lease.leaseTime(), lease.renewalTime(), lease.rebindingTime(), lease.obtained());
    }

    static ClientLease clientLease(StoredClientLease stored) {
        int mask = stored.prefixLength() == 0 ? 0 : -1 << (32 - stored.prefixLength());
        return new ClientLease(stored.address().toInetAddress(), Optional.of(new Ipv4Address(mask).toInetAddress()),
                stored.router().map(router -> List.of(router.toInetAddress())).orElse(List.of()), List.of(), Optional.empty(),
                stored.server().toInetAddress(), stored.leaseTime(), stored.renewalTime(), stored.rebindingTime(), stored.obtained());
    }

    static AddressAssignment assignment(InterfaceName interfaceName, ClientLease lease, Optional<Ipv4Address> broadcast,
            Optional<Duration> validLifetime) {
        return AddressAssignment.of(interfaceName, Ipv4Address.of(lease.address()), lease.prefixLength(), broadcast,
                lease.routers().stream().findFirst().map(Ipv4Address::of), validLifetime);
    }

    /** What is left of the lease now, at least a second; empty for an infinite lease. */
    private Optional<Duration> remaining(ClientLease lease) {
        if (lease.infinite()) {
            return Optional.empty();
        }
        Duration left = Duration.between(clock.instant(), lease.expires());
        return Optional.of(left.toSeconds() < 1 ? Duration.ofSeconds(1) : left);
    }

    /**
     * One run of the client on the interface: socket, thread, and the listeners that apply, remember
     * and record. Closing stops the client (a held lease stays remembered) and removes the
     * temporary broadcast route.
     */
    private final class Session implements AutoCloseable {

        final DhcpClient client;
        private final InterfaceName interfaceName;
        private final ExecutorClientScheduler scheduler;
        /** Option 28 of the latest ACK: ClientLease keeps only what the state machine needs. */
        private final AtomicReference<Optional<Inet4Address>> broadcast = new AtomicReference<>(Optional.empty());
        /** Why the lease could not be put on the interface, when it could not. */
        final AtomicReference<PlatformException> applyFailure = new AtomicReference<>();
        /** Whether the lease being lost was removed through RemoveAddress; notices arrive on the client's one thread. */
        private boolean removed;

        Session(InterfaceName interfaceName) {
            this.interfaceName = interfaceName;
            DhcpTransport transport = openTransport();
            if (options.applyAddress()) {
                try {
                    configurator.addBroadcastRoute(interfaceName);
                } catch (PlatformException e) {
                    transport.close();
                    throw e;
                }
            }
            this.scheduler = new ExecutorClientScheduler(options.threads(), "client " + interfaceName);
            ClientSettings settings = ClientSettings.forInterface(interfaceName.value(), hardwareAddress);
            AddressConflictCheck conflictCheck = options.applyAddress() ? ArpingConflictCheck.installedOrUnavailable()
                    : AddressConflictCheck.unavailable("the lease is not applied to the interface, so there is nothing to check");
            this.client = new DhcpClient(settings, transport, scheduler, clock, new SplittableRandom(), conflictCheck,
                    history.lease(interfaceName.value()).map(EmbeddedClientBackend::clientLease));
            client.exchangeLog().addListener(this::recorded);
            client.addListener(this::act);
        }

        private DhcpTransport openTransport() {
            try {
                return options.openTransport();
            } catch (IOException e) {
                throw new PlatformException(e.getMessage(), e);
            }
        }

        private void recorded(org.leasedesk.client.Exchange exchange, ExchangeEntry entry) {
            if (entry instanceof ExchangeEntry.Packet packet) {
                if (packet.messageType().filter(MessageType.ACK::equals).isPresent()) {
                    broadcast.set(packet.message().broadcastAddress());
                }
                history.record(ClientHistory.record(interfaceName.value(), packet));
            }
            listener.entryRecorded(exchange, entry);
        }

        private void act(ClientNotice notice) {
            switch (notice) {
                case ClientNotice.ApplyAddress apply -> {
                    if (options.applyAddress()) {
                        try {
                            configurator.apply(assignment(interfaceName, apply.lease(), broadcast.get().map(Ipv4Address::of),
                                    remaining(apply.lease())));
                        } catch (PlatformException e) {
                            // The lease is held but not usable: the operation must say so rather than report success.
                            applyFailure.set(e);
                            client.exchangeLog().note("could not put the lease on " + interfaceName + ": " + e.getMessage());
                        }
                    }
                }
                case ClientNotice.LeaseAcquired won -> history.saveLease(stored(interfaceName, won.lease(), broadcast.get()));
                case ClientNotice.RemoveAddress remove -> {
                    removed = true;
                    if (options.applyAddress()) {
                        removeQuietly(remove.lease());
                    }
                }
                case ClientNotice.LeaseLost lost -> {
                    history.forgetLease(interfaceName.value());
                    // A lease remembered from an earlier run was applied by that run: the state machine,
                    // which did not apply it, asks for no removal, so it is removed here.
                    if (!removed && options.applyAddress()) {
                        removeQuietly(lost.lease());
                    }
                    removed = false;
                }
                default -> {
                    // State changes and the rest only inform.
                }
            }
        }

        /** The address may not be there (applied before a reboot, or removed by hand): that is not a failed release. */
        private void removeQuietly(ClientLease lease) {
            try {
                configurator.remove(assignment(interfaceName, lease, Optional.empty(), Optional.empty()));
            } catch (PlatformException e) {
                client.exchangeLog().note("the address was not on the interface to remove: " + e.getMessage());
                LOG.info("{}: {}", interfaceName, e.getMessage());
            }
        }

        @Override
        public void close() {
            client.close();
            scheduler.close();
            if (options.applyAddress()) {
                configurator.removeBroadcastRoute(interfaceName);
            }
        }
    }
}
