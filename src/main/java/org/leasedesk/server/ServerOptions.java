package org.leasedesk.server;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.leasedesk.lease.Ipv4Address;

/**
 * How the server meets the network, as opposed to what it hands out (that is the configuration).
 *
 * @param listen the socket address to receive on; 0.0.0.0:67 to see broadcast DISCOVERs
 * @param clientPort where clients listen (68); tests use an unprivileged port
 * @param serverIdentifier the server's address on the served link: option 54, and the link whose
 *     subnet serves clients that are not relayed
 * @param interfaceName the served interface, matched against a subnet's {@code interface}
 * @param broadcastTarget where "broadcast to the client" goes (255.255.255.255)
 * @param redirectReplies lab and test mode: every reply goes to this one socket instead, so no
 *     traffic can leave the machine whatever the packets say
 * @param offerHold how long an offered address stays held for its client
 * @param receiveQueueCapacity packets waiting for the packet thread; beyond it packets are shed,
 *     because answering fewer clients on time beats answering all of them late
 * @param sampleInterval how often every pool's utilisation is recorded for the history
 * @param interfaces the links served, in Kea's spelling ({@code eth1}, {@code eth1/192.0.2.1},
 *     {@code *}); by default the one named by {@code interfaceName}
 */
public record ServerOptions(
        InetSocketAddress listen,
        int clientPort,
        Ipv4Address serverIdentifier,
        Optional<String> interfaceName,
        InetAddress broadcastTarget,
        Optional<InetSocketAddress> redirectReplies,
        Duration offerHold,
        int receiveQueueCapacity,
        Duration sampleInterval,
        List<String> interfaces) {

    public static final int SERVER_PORT = 67;
    public static final int CLIENT_PORT = 68;
    public static final Duration DEFAULT_SAMPLE_INTERVAL = Duration.ofMinutes(1);

    public ServerOptions {
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(serverIdentifier, "serverIdentifier");
        Objects.requireNonNull(interfaceName, "interfaceName");
        Objects.requireNonNull(broadcastTarget, "broadcastTarget");
        Objects.requireNonNull(redirectReplies, "redirectReplies");
        Objects.requireNonNull(offerHold, "offerHold");
        if (clientPort < 1 || clientPort > 65535) {
            throw new IllegalArgumentException("client port " + clientPort + " is outside 1-65535");
        }
        if (serverIdentifier.isAny()) {
            throw new IllegalArgumentException("the server identifier must be the server's address on the served link, not 0.0.0.0");
        }
        Objects.requireNonNull(sampleInterval, "sampleInterval");
        if (sampleInterval.isNegative() || sampleInterval.isZero()) {
            throw new IllegalArgumentException("the utilisation sample interval must be positive, was " + sampleInterval);
        }
        if (receiveQueueCapacity < 1) {
            throw new IllegalArgumentException("the receive queue needs room for at least one packet");
        }
        interfaces = List.copyOf(interfaces);
    }

    /** Options serving one link, the one named by {@code interfaceName} (if any). */
    public ServerOptions(InetSocketAddress listen, int clientPort, Ipv4Address serverIdentifier, Optional<String> interfaceName,
                         InetAddress broadcastTarget, Optional<InetSocketAddress> redirectReplies, Duration offerHold,
                         int receiveQueueCapacity, Duration sampleInterval) {
        this(listen, clientPort, serverIdentifier, interfaceName, broadcastTarget, redirectReplies, offerHold, receiveQueueCapacity,
                sampleInterval, interfaceName.map(List::of).orElse(List.of()));
    }

    /** A server on the standard ports of one link. */
    public static ServerOptions onLink(Ipv4Address serverIdentifier, Optional<String> interfaceName) {
        return new ServerOptions(new InetSocketAddress(SERVER_PORT), CLIENT_PORT, serverIdentifier, interfaceName,
                Ipv4Address.BROADCAST.toInetAddress(), Optional.empty(), Duration.ofSeconds(10), 1024, DEFAULT_SAMPLE_INTERVAL);
    }

    /** The port replies to relays go to: the one the server listens on. */
    public int serverPort() {
        return listen.getPort();
    }
}
