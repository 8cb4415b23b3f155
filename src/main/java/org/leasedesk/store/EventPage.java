package org.leasedesk.store;

import java.util.List;
import java.util.Optional;

/** One page of history, oldest first; {@code next} is present when more events follow. */
public record EventPage(List<StoredEvent> events, Optional<PageRequest> next) {
    public EventPage {
        events = List.copyOf(events);
    }
}
