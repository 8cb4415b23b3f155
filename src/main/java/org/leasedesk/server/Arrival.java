package org.leasedesk.server;

import java.util.Objects;
import java.util.Optional;
import org.leasedesk.lease.Ipv4Address;

/**
 * How a request reached the server, as far as choosing its subnet needs it (Kea's subnet
 * selector): the address it was sent to (the broadcast address, or one of the server's own), the
 * address it came from, and the interface it arrived on when known.
 */
record Arrival(Ipv4Address localAddress, Ipv4Address remoteAddress, Optional<String> interfaceName) {

    Arrival {
        Objects.requireNonNull(localAddress, "localAddress");
        Objects.requireNonNull(remoteAddress, "remoteAddress");
        Objects.requireNonNull(interfaceName, "interfaceName");
    }

    /** A broadcast on the served link: the subnet follows the interface, whatever the packet says of itself. */
    static Arrival broadcastOn(Optional<String> interfaceName, Ipv4Address remoteAddress) {
        return new Arrival(Ipv4Address.BROADCAST, remoteAddress, interfaceName);
    }

    boolean broadcast() {
        return localAddress.equals(Ipv4Address.BROADCAST);
    }
}
