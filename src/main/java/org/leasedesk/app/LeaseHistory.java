package org.leasedesk.app;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.leasedesk.lease.ClientKey;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.lease.LeaseEvent;
import org.leasedesk.lease.LeaseEventType;
import org.leasedesk.store.EventPage;
import org.leasedesk.store.EventQuery;
import org.leasedesk.store.EventRepository;
import org.leasedesk.store.LeaseDatabase;
import org.leasedesk.store.PageRequest;
import org.leasedesk.store.StoredEvent;
import org.leasedesk.store.TimeRange;

/** "Who held this address then", filtered history pages, and a client's timeline, from the stored lease events. */
public final class LeaseHistory {

    private static final int PAGE = 1000;
    /** Events after which the address belongs to the event's client; an imported lease counts as a grant. */
    private static final Set<LeaseEventType> HOLDING = EnumSet.of(LeaseEventType.GRANTED, LeaseEventType.RENEWED,
            LeaseEventType.IMPORTED);
    /** Events after which nobody holds the address. */
    private static final Set<LeaseEventType> ENDING = EnumSet.of(LeaseEventType.RELEASED, LeaseEventType.EXPIRED,
            LeaseEventType.RECLAIMED, LeaseEventType.DECLINED);

    private final EventRepository events;

    public LeaseHistory(LeaseDatabase database) {
        this.events = new EventRepository(database);
    }

    /**
     * The event that gave the address to its holder at {@code time}, if anyone held it: the last lease
     * change at or before that time, when it granted, renewed or imported the lease. A release, expiry,
     * reclamation or decline after it means nobody did (expiry is recorded within one reclamation
     * cycle). Offers, NAKs and alarms do not change who holds an address and are not considered.
     */
    public Optional<LeaseEvent> holderAt(Ipv4Address address, Instant time) {
        Set<LeaseEventType> changes = EnumSet.copyOf(HOLDING);
        changes.addAll(ENDING);
        return events.latestOn(address, time, changes).map(StoredEvent::event)
                .filter(event -> HOLDING.contains(event.type()));
    }

    public List<LeaseEvent> ofAddress(Ipv4Address address, TimeRange range) {
        return all(page -> events.byAddress(address, range, page));
    }

    public List<LeaseEvent> ofClient(ClientKey client, TimeRange range) {
        return all(page -> events.byClient(client, range, page));
    }

    /** One page of the events matching every criterion of {@code query}; continue with the page's {@code next()}. */
    public EventPage find(EventQuery query, TimeRange range, PageRequest page) {
        return events.find(query, range, page);
    }

    /**
     * A client's history as spans of holding one address each, oldest first. A grant opens a span
     * and renewals of the same address extend it (so a laptop renewing every 30 minutes for a month
     * is one line, not 1,400); a release, expiry, reclamation or decline of that address closes it.
     * A client holds at most one address per subnet, so a grant of a different address in the same
     * subnet also ends the open span there: the old lease was left behind (its expiry, if recorded
     * later, belongs to nobody's span). A renewal with no open span (the grant lies before the range)
     * opens one at the renewal.
     */
    public List<HoldingSpan> timeline(ClientKey client, TimeRange range) {
        List<HoldingSpan> spans = new ArrayList<>();
        // Open spans by subnet: a client may hold one address on each of several links at once.
        Map<Long, OpenSpan> open = new LinkedHashMap<>();
        for (LeaseEvent event : ofClient(client, range)) {
            OpenSpan current = open.get(event.subnetId());
            boolean sameAddress = current != null && current.address.equals(event.address());
            if (HOLDING.contains(event.type())) {
                if (sameAddress) {
                    current.extend(event);
                    continue;
                }
                if (current != null) {
                    spans.add(current.closed(event.time(), event.type()));
                }
                open.put(event.subnetId(), new OpenSpan(event));
            } else if (ENDING.contains(event.type()) && sameAddress) {
                spans.add(current.closed(event.time(), event.type()));
                open.remove(event.subnetId());
            }
        }
        open.values().forEach(span -> spans.add(span.stillOpen()));
        spans.sort(java.util.Comparator.comparing(HoldingSpan::firstSeen));
        return spans;
    }

    private static final class OpenSpan {
        final Ipv4Address address;
        final Instant firstSeen;
        String hostname;
        Instant lastSeen;
        int renewals;

        OpenSpan(LeaseEvent opening) {
            address = opening.address();
            firstSeen = opening.time();
            lastSeen = opening.time();
            hostname = opening.hostname();
        }

        void extend(LeaseEvent renewal) {
            lastSeen = renewal.time();
            renewals++;
            if (!renewal.hostname().isEmpty()) {
                hostname = renewal.hostname();
            }
        }

        HoldingSpan closed(Instant at, LeaseEventType by) {
            return new HoldingSpan(address, hostname, firstSeen, lastSeen, renewals, Optional.of(at), Optional.of(by));
        }

        HoldingSpan stillOpen() {
            return new HoldingSpan(address, hostname, firstSeen, lastSeen, renewals, Optional.empty(), Optional.empty());
        }
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
