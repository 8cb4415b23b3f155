package org.leasedesk.lease;

import java.util.Objects;
import java.util.Optional;

/**
 * A dynamic address pool. Kea writes pools either as a range ("192.0.2.10 - 192.0.2.200") or as a
 * prefix ("192.0.2.64/26", which then includes its network and broadcast address); both parse to
 * the same range.
 */
public record Pool(long id, AddressRange range) {

    public Pool {
        Objects.requireNonNull(range, "range");
        if (id < 0 || id > Ipv4Address.MAX_VALUE) {
            throw new IllegalArgumentException("pool id " + id + " is outside 0-" + Ipv4Address.MAX_VALUE);
        }
    }

    public static Pool parse(long id, String text) {
        String trimmed = text.strip();
        if (trimmed.contains("/")) {
            return new Pool(id, Subnet.parse(trimmed).range());
        }
        if (trimmed.contains("-")) {
            return new Pool(id, AddressRange.parse(trimmed));
        }
        throw new IllegalArgumentException("'" + text
                + "' is not a pool: write a range like 192.0.2.10 - 192.0.2.200 or a prefix like 192.0.2.64/26");
    }

    public boolean contains(Ipv4Address address) {
        return range.contains(address);
    }

    /**
     * Why this pool cannot serve {@code subnet}, if it cannot: a pool must lie inside its subnet,
     * and should not hand out the subnet's network or broadcast address.
     */
    public Optional<String> problemWithin(Subnet subnet) {
        if (!subnet.contains(range)) {
            return Optional.of("pool " + range + " is not inside subnet " + subnet);
        }
        if (!subnet.hostRange().contains(range)) {
            return Optional.of("pool " + range + " includes the network or broadcast address of " + subnet);
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return range.toString();
    }
}
