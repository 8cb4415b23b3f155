package org.leasedesk.report;

import java.time.Duration;
import java.util.Objects;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.lease.Lease;

/**
 * What an import needs that some files do not say.
 *
 * @param defaultSubnetId the subnet id given to leases from dhcpd and dnsmasq files, which have none (Kea's have their own)
 * @param assumedLifetime dnsmasq records only when a lease expires, not for how long it was granted: the lease
 *     time of its {@code dhcp-range} goes here, and the last transaction is taken as expiry minus this
 */
public record ImportOptions(long defaultSubnetId, Duration assumedLifetime) {

    public static final ImportOptions DEFAULTS = new ImportOptions(1, Duration.ofHours(1));

    public ImportOptions {
        Objects.requireNonNull(assumedLifetime, "assumedLifetime");
        if (defaultSubnetId < 1 || defaultSubnetId > Ipv4Address.MAX_VALUE) {
            throw new IllegalArgumentException("the default subnet id must be 1-" + Ipv4Address.MAX_VALUE + ", got " + defaultSubnetId);
        }
        if (assumedLifetime.isNegative() || assumedLifetime.isZero() || assumedLifetime.compareTo(Lease.MAX_LIFETIME) > 0) {
            throw new IllegalArgumentException("the assumed lease time must be 1 s - " + Lease.MAX_LIFETIME.toSeconds() + " s");
        }
    }
}
