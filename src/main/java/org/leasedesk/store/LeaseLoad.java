package org.leasedesk.store;

import java.util.List;
import org.leasedesk.lease.Lease;

/** The leases read at start-up, and the rows that were skipped because they did not validate. */
public record LeaseLoad(List<Lease> leases, List<RejectedRow> rejected) {
    public LeaseLoad {
        leases = List.copyOf(leases);
        rejected = List.copyOf(rejected);
    }
}
