package org.leasedesk.store;

import java.util.Objects;
import org.leasedesk.lease.Lease;
import org.leasedesk.lease.LeaseEvent;

/** A lease's new state and the history event that records it; the writer stores both or neither. */
public record LeaseChange(Lease lease, LeaseEvent event) {
    public LeaseChange {
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(event, "event");
        if (!event.address().equals(lease.address())) {
            throw new IllegalArgumentException(
                    "event on " + event.address() + " does not belong to the lease on " + lease.address());
        }
    }
}
