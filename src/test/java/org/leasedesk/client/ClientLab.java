package org.leasedesk.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.leasedesk.protocol.HardwareAddress;
import org.leasedesk.testing.Eventually;
import org.leasedesk.testing.netns.Namespace;
import org.leasedesk.testing.netns.NetworkLab;
import org.leasedesk.testing.peers.ServedSubnet;

/**
 * Our client running inside a client namespace of a {@link NetworkLab}, on port 68, with the test
 * standing in for the platform: it applies and removes leased addresses with {@code ip} in that
 * namespace. Closing it stops the client; the lab removes the rest.
 */
final class ClientLab implements AutoCloseable {

    /** dnsmasq's shortest lease; tests never wait for T1 or T2 but press Renew. */
    static final ServedSubnet SUBNET = new ServedSubnet("192.0.2.1", 24, "192.0.2.100", "192.0.2.150", 120);
    /** RFC 7042's documentation MAC range. */
    static final String MAC = "00:00:5e:00:53:42";
    static final String INTERFACE = "cli0";
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    final Namespace namespace;
    final DhcpClient client;
    final List<ClientNotice> notices = new CopyOnWriteArrayList<>();
    private final ExecutorClientScheduler scheduler;

    private ClientLab(Namespace namespace, DhcpClient client, ExecutorClientScheduler scheduler) {
        this.namespace = namespace;
        this.client = client;
        this.scheduler = scheduler;
    }

    /**
     * Opens the client's socket inside {@code namespace}, whose {@link #INTERFACE} must already be
     * linked. Without an address on the interface the kernel has no route for 255.255.255.255, so a
     * default route through the interface is added first.
     */
    static ClientLab start(Namespace namespace, Optional<ClientLease> remembered) throws Exception {
        namespace.exec("ip", "route", "replace", "default", "dev", INTERFACE).orThrow();
        ClientSettings settings = ClientSettings.forInterface(INTERFACE, HardwareAddress.parse(MAC)).withHostName("leasedesk")
                .withTimings(ClientTimings.rfc2131().withOfferWindow(Duration.ofMillis(300))
                        .withRetransmission(Duration.ofSeconds(1), Duration.ofSeconds(4), Duration.ofMillis(200)));
        ExecutorClientScheduler scheduler = new ExecutorClientScheduler(namespace.threadFactory(), "client " + INTERFACE);
        UdpTransport transport = namespace.callInside(() -> UdpTransport.open(UdpTransport.CLIENT_PORT, UdpTransport.SERVER_PORT,
                namespace.threadFactory()));
        DhcpClient client = new DhcpClient(settings, transport, scheduler, Clock.systemUTC(), new SplittableRandom(),
                AddressConflictCheck.unavailable("not checked in interop tests"), remembered);
        ClientLab lab = new ClientLab(namespace, client, scheduler);
        client.addListener(lab::actAsPlatform);
        client.addListener(lab.notices::add);
        return lab;
    }

    /** Waits for the n-th notice of a type (1-based) and returns it. */
    <T extends ClientNotice> T await(Class<T> type, int nth) {
        return waitFor(() -> notices.stream().filter(type::isInstance).map(type::cast).skip(nth - 1L).findFirst(),
                () -> "notice " + nth + " of " + type.getSimpleName() + "; notices so far: " + notices);
    }

    /** Polls until {@code probe} finds something, or fails with what was awaited. */
    static <T> T waitFor(Supplier<Optional<T>> probe, String what) {
        return waitFor(probe, () -> what);
    }

    static <T> T waitFor(Supplier<Optional<T>> probe, Supplier<String> what) {
        return Eventually.waitFor(probe, TIMEOUT, what);
    }

    static String readIfExists(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void actAsPlatform(ClientNotice notice) {
        switch (notice) {
            case ClientNotice.ApplyAddress apply -> namespace.exec("ip", "address", "replace", withPrefix(apply.lease()), "dev", INTERFACE).orThrow();
            case ClientNotice.RemoveAddress remove -> namespace.exec("ip", "address", "del", withPrefix(remove.lease()), "dev", INTERFACE).orThrow();
            default -> {
                // Only addresses concern the platform.
            }
        }
    }

    private static String withPrefix(ClientLease lease) {
        return lease.address().getHostAddress() + "/" + lease.prefixLength();
    }

    @Override
    public void close() {
        client.close();
        scheduler.close();
    }
}
