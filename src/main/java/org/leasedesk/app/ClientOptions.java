package org.leasedesk.app;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import org.leasedesk.client.DhcpTransport;
import org.leasedesk.client.UdpTransport;
import org.leasedesk.protocol.HardwareAddress;

/**
 * How LeaseDesk's own client runs for one operation. The defaults are those of a real interface;
 * the rest exists for loopback tests and diagnosis.
 *
 * @param clientPort the UDP port the client binds (68)
 * @param serverPort where broadcasts go (67)
 * @param server send everything to this one server instead of broadcasting (a server on loopback)
 * @param timeout how long an operation may wait for a server
 * @param applyAddress put the lease on the interface (Linux); off, the lease is only obtained and shown
 * @param hardwareAddress the chaddr to use instead of the interface's MAC
 * @param threads makes the client's threads; tests make them inside a network namespace
 */
public record ClientOptions(int clientPort, int serverPort, Optional<InetSocketAddress> server, Duration timeout, boolean applyAddress,
        Optional<HardwareAddress> hardwareAddress, ThreadFactory threads) {

    public ClientOptions {
        requirePort(clientPort);
        requirePort(serverPort);
        Objects.requireNonNull(server, "server");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the timeout must be positive, was " + timeout);
        }
        Objects.requireNonNull(hardwareAddress, "hardwareAddress");
        Objects.requireNonNull(threads, "threads");
    }

    private static void requirePort(int port) {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("a UDP port is 1-65535, got " + port);
        }
    }

    /** Ports 68 and 67, broadcast, 30 s, addresses applied, the interface's own MAC. */
    public static ClientOptions defaults() {
        return new ClientOptions(68, 67, Optional.empty(), Duration.ofSeconds(30), true, Optional.empty(),
                Thread.ofPlatform().name("dhcp-client-", 1).daemon(true).factory());
    }

    /** The client's socket: broadcasting on the server port, or everything to the one server. */
    DhcpTransport openTransport() throws IOException {
        return server.isPresent()
                ? UdpTransport.openTowards(clientPort, server.get(), threads)
                : UdpTransport.open(clientPort, serverPort, threads);
    }

    /** Privileged when it binds a port below 1024 or changes the interface. */
    boolean needsPrivileges() {
        return clientPort < 1024 || applyAddress;
    }
}
