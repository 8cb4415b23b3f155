package org.leasedesk.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.leasedesk.lease.Ipv4Address;

/** The lease the embedded client last held on an interface: enough to apply, release or confirm it later. */
public record StoredClientLease(
        String interfaceName,
        Ipv4Address address,
        int prefixLength,
        Ipv4Address broadcast,
        Optional<Ipv4Address> router,
        Ipv4Address server,
        Duration leaseTime,
        Duration renewalTime,
        Duration rebindingTime,
        Instant obtained) {

    public StoredClientLease {
        Objects.requireNonNull(interfaceName, "interfaceName");
        Objects.requireNonNull(address, "address");
        if (prefixLength < 1 || prefixLength > 32) {
            throw new IllegalArgumentException("prefix length must be 1-32, got " + prefixLength);
        }
        Objects.requireNonNull(broadcast, "broadcast");
        Objects.requireNonNull(router, "router");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(leaseTime, "leaseTime");
        Objects.requireNonNull(renewalTime, "renewalTime");
        Objects.requireNonNull(rebindingTime, "rebindingTime");
        Objects.requireNonNull(obtained, "obtained");
    }

    public Instant expires() {
        return obtained.plus(leaseTime);
    }
}
