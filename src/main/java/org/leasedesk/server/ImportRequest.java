package org.leasedesk.server;

import java.util.List;
import java.util.Objects;
import org.leasedesk.lease.Lease;

/**
 * Another server's leases to take over (a cut-over from Kea, ISC dhcpd or dnsmasq).
 *
 * @param leases the leases as read from the other server's lease file, in the file's order
 * @param source where they come from, named in every history event the import writes (the file's path)
 * @param fileNamesSubnets whether the file records subnet ids of its own (Kea's does; dhcpd and dnsmasq
 *     files do not), so that one disagreeing with the configuration is worth a note
 * @param replace settle conflicts in the file's favour instead of leaving the lease out; see {@link ImportPlanner}
 */
public record ImportRequest(List<Lease> leases, String source, boolean fileNamesSubnets, boolean replace) {

    public ImportRequest {
        leases = List.copyOf(leases);
        Objects.requireNonNull(source, "source");
    }
}
