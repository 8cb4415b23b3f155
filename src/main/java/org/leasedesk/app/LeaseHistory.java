package org.leasedesk.app;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.leasedesk.lease.ClientKey;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.lease.LeaseEvent;
import org.leasedesk.lease.LeaseEventType;
import org.leasedesk.store.EventPage;
import org.leasedesk.store.EventRepository;
import org.leasedesk.store.LeaseDatabase;
import org.leasedesk.store.PageRequest;
import org.leasedesk.store.StoredEvent;
import org.leasedesk.store.TimeRange;

/** "Who held this address then" and a client's or an address's timeline, from the stored lease events. */
public final class LeaseHistory {

    private static final int PAGE = 1000;
    /** Events after which the address belongs to the event's client. */
    private static final Set<LeaseEventType> HOLDING = EnumSet.of(LeaseEventType.GRANTED, LeaseEventType.RENEWED);

    private final EventRepository events;

    public LeaseHistory(LeaseDatabase database) {
        this.events = new EventRepository(database);
    }

    /**
     * The event that gave the address to its holder at {@code time}, if anyone held it: the last event
     * at or before that time, when it granted or renewed the lease. A release, expiry, reclamation or
     * decline after it means nobody did (expiry is recorded within one reclamation cycle).
     */
    public Optional<LeaseEvent> holderAt(Ipv4Address address, Instant time) {
        List<LeaseEvent> before = all(page -> events.byAddress(address, new TimeRange(Instant.EPOCH, time.plusNanos(1)), page));
        return before.isEmpty() ? Optional.empty()
                : Optional.of(before.get(before.size() - 1)).filter(event -> HOLDING.contains(event.type()));
    }

    public List<LeaseEvent> ofAddress(Ipv4Address address, TimeRange range) {
        return all(page -> events.byAddress(address, range, page));
    }

    public List<LeaseEvent> ofClient(ClientKey client, TimeRange range) {
        return all(page -> events.byClient(client, range, page));
    }

    private static List<LeaseEvent> all(Function<PageRequest, EventPage> query) {
        List<LeaseEvent> found = new ArrayList<>();
        Optional<PageRequest> page = Optional.of(PageRequest.first(PAGE));
        while (page.isPresent()) {
            EventPage result = query.apply(page.get());
            result.events().stream().map(StoredEvent::event).forEach(found::add);
            page = result.next();
        }
        return found;
    }
}
