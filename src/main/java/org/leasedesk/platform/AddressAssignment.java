package org.leasedesk.platform;

import java.util.Objects;
import java.util.Optional;
import org.leasedesk.lease.Ipv4Address;

/**
 * What a lease puts on an interface, and nothing more: the address with its prefix (option 1),
 * the broadcast address (option 28, else computed from the prefix) and the default route through
 * the first router of option 3 when there is one. DNS and other options are not ours to touch.
 */
public record AddressAssignment(InterfaceName interfaceName, Ipv4Address address, int prefixLength, Ipv4Address broadcast,
        Optional<Ipv4Address> router) {

    public AddressAssignment {
        Objects.requireNonNull(interfaceName, "interfaceName");
        Objects.requireNonNull(address, "address");
        if (prefixLength < 1 || prefixLength > 32) {
            throw new IllegalArgumentException("an IPv4 prefix length is 1 to 32, got " + prefixLength);
        }
        Objects.requireNonNull(broadcast, "broadcast");
        Objects.requireNonNull(router, "router");
    }

    /** An assignment whose broadcast address is the subnet's last address, as when option 28 is absent. */
    public static AddressAssignment of(InterfaceName interfaceName, Ipv4Address address, int prefixLength,
            Optional<Ipv4Address> broadcast, Optional<Ipv4Address> router) {
        return new AddressAssignment(interfaceName, address, prefixLength,
                broadcast.orElseGet(() -> computedBroadcast(address, prefixLength)), router);
    }

    static Ipv4Address computedBroadcast(Ipv4Address address, int prefixLength) {
        int hostBits = prefixLength == 32 ? 0 : -1 >>> prefixLength;
        return new Ipv4Address(address.bits() | hostBits);
    }

    /** The address as ip(8) writes it, such as {@code 192.0.2.10/24}. */
    public String addressWithPrefix() {
        return address + "/" + prefixLength;
    }
}
