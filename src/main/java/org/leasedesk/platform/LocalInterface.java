package org.leasedesk.platform;

import java.net.Inet4Address;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A network interface of this machine as an admin sees it: name, index, MAC, IPv4 addresses with
 * their prefix, whether it is up, and who manages DHCP on it.
 */
public record LocalInterface(
        String name,
        int index,
        Optional<String> macAddress,
        List<Address> addresses,
        boolean up,
        boolean loopback,
        DhcpOwnership dhcp) {

    /** An IPv4 address with its prefix length, as {@code ip addr} shows it. */
    public record Address(Inet4Address address, int prefixLength) {
        public Address {
            Objects.requireNonNull(address, "address");
            if (prefixLength < 0 || prefixLength > 32) {
                throw new IllegalArgumentException("IPv4 prefix length must be 0 to 32, was " + prefixLength);
            }
        }

        @Override
        public String toString() {
            return address.getHostAddress() + "/" + prefixLength;
        }
    }

    public LocalInterface {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(macAddress, "macAddress");
        addresses = List.copyOf(addresses);
        Objects.requireNonNull(dhcp, "dhcp");
    }
}
