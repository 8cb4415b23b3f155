package org.leasedesk.server.transport;

import java.util.Objects;
import java.util.Optional;
import org.leasedesk.lease.Ipv4Address;

/**
 * How a request reached the server, as far as choosing its subnet and answering it need
 * (Kea's subnet selector): the address it was sent to (the broadcast address, or one of the
 * server's own), the address it came from, the link it arrived on when known, and the server's own
 * address on that link (its identifier there, option 54).
 *
 * @param interfaceIndex the kernel's index of the link, 0 when unknown
 */
public record Arrival(Ipv4Address localAddress, Ipv4Address remoteAddress, Optional<String> interfaceName, int interfaceIndex,
                      Ipv4Address serverAddress) {

    public Arrival {
        Objects.requireNonNull(localAddress, "localAddress");
        Objects.requireNonNull(remoteAddress, "remoteAddress");
        Objects.requireNonNull(interfaceName, "interfaceName");
        Objects.requireNonNull(serverAddress, "serverAddress");
    }

    /** A broadcast on a served link: the subnet follows the link, whatever the packet says of itself. */
    public static Arrival broadcastOn(Optional<String> interfaceName, Ipv4Address serverAddress) {
        return new Arrival(Ipv4Address.BROADCAST, Ipv4Address.ANY, interfaceName, 0, serverAddress);
    }

    public boolean broadcast() {
        return localAddress.equals(Ipv4Address.BROADCAST);
    }
}
