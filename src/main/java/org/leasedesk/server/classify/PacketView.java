package org.leasedesk.server.classify;

import java.util.Objects;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.protocol.DhcpMessage;

/**
 * What an expression can see of a received packet: the decoded message and how it arrived.
 *
 * <ul>
 *   <li>{@code pkt.iface} is {@link #interfaceName()} (the empty string when unknown);</li>
 *   <li>{@code pkt.src} is {@link #source()}, the IP source address (a relay's or the client's);</li>
 *   <li>{@code pkt.dst} is {@link #destination()}, the address it was sent to (255.255.255.255 for
 *       a broadcast);</li>
 *   <li>{@code pkt.len} is computed from the message as Kea computes it (the fixed header plus each
 *       option as Kea would re-encode it), not taken from the datagram.</li>
 * </ul>
 */
public interface PacketView {

    DhcpMessage message();

    String interfaceName();

    Ipv4Address source();

    Ipv4Address destination();

    /** A view of a message that arrived on an interface from {@code source} to {@code destination}. */
    static PacketView of(DhcpMessage message, String interfaceName, Ipv4Address source, Ipv4Address destination) {
        return new Received(message, interfaceName, source, destination);
    }

    /** The plain value behind {@link #of}. */
    record Received(DhcpMessage message, String interfaceName, Ipv4Address source, Ipv4Address destination)
            implements PacketView {

        public Received {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(interfaceName, "interfaceName");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(destination, "destination");
        }
    }
}
