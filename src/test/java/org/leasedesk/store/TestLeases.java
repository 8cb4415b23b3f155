package org.leasedesk.store;

import java.time.Duration;
import java.time.Instant;
import org.leasedesk.lease.HardwareAddress;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.lease.Lease;
import org.leasedesk.lease.LeaseEvent;
import org.leasedesk.lease.LeaseEventType;
import org.leasedesk.lease.Octets;
import org.leasedesk.lease.RelayInfo;

/** Numbered sample leases: lease n is 10.0.0.0 + n for the client with MAC 02:00:00:00:00:00 + n. */
final class TestLeases {

    static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");
    static final Ipv4Address BASE = Ipv4Address.parse("10.0.0.0");

    private TestLeases() {}

    static Ipv4Address address(int n) {
        return BASE.plus(n);
    }

    static HardwareAddress mac(int n) {
        return new HardwareAddress(HardwareAddress.ETHERNET,
                Octets.of((byte) 2, (byte) 0, (byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n));
    }

    static Lease lease(int n) {
        return Lease.granted(address(n), mac(n), Octets.EMPTY, "host-" + n, 1, 1, T0, Duration.ofHours(1),
                RelayInfo.NONE);
    }

    static LeaseChange granted(int n) {
        Lease lease = lease(n);
        return new LeaseChange(lease, LeaseEvent.of(LeaseEventType.GRANTED, lease, T0, "lease " + n));
    }
}
