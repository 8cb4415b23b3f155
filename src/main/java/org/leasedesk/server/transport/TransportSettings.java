package org.leasedesk.server.transport;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import org.leasedesk.lease.Ipv4Address;

/**
 * What the sockets need to know.
 *
 * @param listen the address and port to receive on; 0.0.0.0 on a real network
 * @param serverIdentifier the server's address on its (first) served link
 * @param interfaces the served links in Kea's spelling: {@code eth1}, {@code eth1/192.0.2.1} (that
 *     address as the server's there), {@code *} (every link); empty: whatever arrives
 * @param lab every packet counts as arriving on the one served link (replies are redirected anyway)
 */
public record TransportSettings(InetSocketAddress listen, Ipv4Address serverIdentifier, List<String> interfaces, boolean lab) {

    public TransportSettings {
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(serverIdentifier, "serverIdentifier");
        interfaces = List.copyOf(interfaces);
    }

    /** The kernel's receive buffer asked for: about a second of datagrams at a few thousand a second. */
    static final int RECEIVE_BUFFER_BYTES = 4 * 1024 * 1024;
    static final int MAX_DATAGRAM = 65_535;
}
