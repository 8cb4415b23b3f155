package org.leasedesk.server.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.leasedesk.lease.Ipv4Address;

/**
 * The server's sockets: datagrams in, each with how it arrived, and replies out through the link
 * they belong to. One implementation serves real links (Linux, IP_PKTINFO: any number of
 * interfaces on one exclusively bound socket); the other uses the JDK's datagram channels, for the
 * lab, tests on loopback and systems without packet information.
 */
public interface ServerTransport extends AutoCloseable {

    /** A datagram of {@code length} bytes, now in the receiver's buffer. */
    record Inbound(int length, InetSocketAddress source, Arrival arrival) {}

    /** One blocking source of datagrams; the server gives each its own thread. */
    interface Receiver {
        /**
         * Waits a while for a datagram and copies it into {@code buffer}.
         *
         * @return what arrived, or empty when nothing did or it came from a link that is not served
         * @throws IOException once the transport is closed
         */
        Optional<Inbound> receive(byte[] buffer) throws IOException;
    }

    List<Receiver> receivers();

    /**
     * Sends {@code length} bytes of {@code datagram}; a broadcast leaves through the link of
     * {@code arrival}, from the server's address there.
     */
    void send(byte[] datagram, int length, InetSocketAddress destination, Arrival arrival) throws IOException;

    /** Whether the address is the server's on a link it serves: a client in SELECTING names one in option 54. */
    boolean isOwnAddress(Ipv4Address address);

    /** The address and port it receives on. */
    InetSocketAddress localAddress();

    @Override
    void close();
}
