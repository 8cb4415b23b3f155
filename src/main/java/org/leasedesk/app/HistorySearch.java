package org.leasedesk.app;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.leasedesk.lease.ClientKey;
import org.leasedesk.lease.HardwareAddress;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.lease.LeaseEvent;
import org.leasedesk.lease.LeaseEventType;
import org.leasedesk.store.EventPage;
import org.leasedesk.store.EventQuery;
import org.leasedesk.store.PageRequest;
import org.leasedesk.store.StoredEvent;
import org.leasedesk.store.TimeRange;

/**
 * The desktop's history searches: events by address, MAC, host name, type and time, a page at a
 * time; who held an address at a moment; a client's timeline. Address and type are answered by the
 * store's indexes; MAC and host name are matched here while reading, because a client with a client
 * identifier is stored under that identifier yet still has a MAC, and host names are matched by part.
 */
public final class HistorySearch {

    /** Rows read for one page at most when MAC or host name filter them, so a rare match cannot read all history at once. */
    static final int SCAN_LIMIT = 20_000;

    /**
     * @param hostname part of a host name, any case; empty matches all
     */
    public record Criteria(Optional<Ipv4Address> address, Optional<HardwareAddress> mac, String hostname,
                           Optional<LeaseEventType> type, Instant from, Instant until) {
        public Criteria {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(mac, "mac");
            Objects.requireNonNull(hostname, "hostname");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(until, "until");
            if (until.isBefore(from)) {
                throw new IllegalArgumentException("the search ends (" + until + ") before it starts (" + from + ")");
            }
        }

        public static Criteria between(Instant from, Instant until) {
            return new Criteria(Optional.empty(), Optional.empty(), "", Optional.empty(), from, until);
        }

        boolean filtersHere() {
            return mac.isPresent() || !hostname.isBlank();
        }

        boolean matches(LeaseEvent event) {
            return mac.map(wanted -> wanted.equals(event.hardwareAddress())).orElse(true)
                    && (hostname.isBlank() || event.hostname().toLowerCase(Locale.ROOT).contains(hostname.strip().toLowerCase(Locale.ROOT)));
        }
    }

    /** Where the next page starts: after the event at this time with this store id. */
    public record Cursor(Instant time, long id) {}

    /** Events oldest first; {@code next} is present when more may follow. */
    public record Page(List<LeaseEvent> events, Optional<Cursor> next) {
        public Page {
            events = List.copyOf(events);
        }
    }

    private final LeaseHistory history;

    public HistorySearch(Workbench workbench) {
        this.history = new LeaseHistory(workbench.database());
    }

    public Page search(Criteria criteria, Optional<Cursor> after, int size) {
        // MAC and host name are matched here, page by page; the indexed criteria go to the store.
        HistoryFilter indexed = HistoryFilter.of(criteria.address(), Optional.empty(), criteria.type(), Optional.empty(),
                Optional.of(criteria.from()), Optional.of(criteria.until()), "");
        EventQuery query = indexed.query();
        TimeRange range = indexed.range();
        Optional<PageRequest> request = Optional.of(new PageRequest(size,
                after.map(cursor -> new PageRequest.Position(cursor.time(), cursor.id()))));
        List<LeaseEvent> found = new ArrayList<>();
        int scanned = 0;
        while (request.isPresent()) {
            EventPage page = history.find(query, range, request.get());
            for (StoredEvent stored : page.events()) {
                scanned++;
                if (criteria.matches(stored.event())) {
                    found.add(stored.event());
                    if (found.size() == size) {
                        boolean more = page.next().isPresent() || stored != page.events().get(page.events().size() - 1);
                        return new Page(found, more ? Optional.of(cursorOf(stored)) : Optional.empty());
                    }
                }
            }
            request = page.next();
            if (request.isPresent() && criteria.filtersHere() && scanned >= SCAN_LIMIT) {
                // Hand back what matched so far; the next page continues the scan where this one stopped.
                StoredEvent last = page.events().get(page.events().size() - 1);
                return new Page(found, Optional.of(cursorOf(last)));
            }
            if (!criteria.filtersHere()) {
                break;
            }
        }
        return new Page(found, Optional.empty());
    }

    private static Cursor cursorOf(StoredEvent stored) {
        return new Cursor(stored.event().time(), stored.id());
    }

    /** The event that gave {@code address} to whoever held it at {@code time}; empty if nobody did. */
    public Optional<LeaseEvent> holderAt(Ipv4Address address, Instant time) {
        return history.holderAt(address, time);
    }

    /** A client's holdings of addresses, one span per address held, oldest first. */
    public List<HoldingSpan> timeline(ClientKey client, Instant from, Instant until) {
        return history.timeline(client, new TimeRange(from, until));
    }

    /** Every event of a client, oldest first. */
    public List<LeaseEvent> eventsOf(ClientKey client, Instant from, Instant until) {
        return history.ofClient(client, new TimeRange(from, until));
    }
}
