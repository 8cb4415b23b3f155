package org.leasedesk.report;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.stream.LongStream;
import org.leasedesk.lease.HardwareAddress;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.lease.Lease;
import org.leasedesk.lease.LeaseState;
import org.leasedesk.lease.Octets;
import org.leasedesk.lease.RelayInfo;

/** Generated leases for export tests and the export benchmark: lease n is 10.0.0.0 + n, MAC 02:00:00:00:00:00 + n. */
public final class ReportLeases {

    public static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");

    private ReportLeases() {}

    public static Lease lease(long n) {
        return lease(n, "host-" + n, LeaseState.ACTIVE);
    }

    public static Lease lease(long n, String hostname, LeaseState state) {
        HardwareAddress mac = new HardwareAddress(HardwareAddress.ETHERNET,
                Octets.of((byte) 2, (byte) 0, (byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n));
        return new Lease(Ipv4Address.parse("10.0.0.0").plus(n + 1), mac, Octets.EMPTY, hostname, 1 + n % 3, n % 2, state,
                T0, T0.plusSeconds(n % 600), Duration.ofHours(1), RelayInfo.NONE);
    }

    /** {@code count} leases generated one by one as the export reads them: nothing is held in memory. */
    public static ReportRows<Lease> generated(long count) {
        return ReportRows.of(LongStream.range(0, count).mapToObj(ReportLeases::lease), OptionalLong.of(count));
    }
}
