package org.leasedesk.store;

import java.util.Objects;
import org.leasedesk.lease.LeaseEvent;

/** A history event as read back, with the id the store gave it. */
public record StoredEvent(long id, LeaseEvent event) {
    public StoredEvent {
        Objects.requireNonNull(event, "event");
    }

    public PageRequest.Position position() {
        return new PageRequest.Position(event.time(), id);
    }
}
