package org.leasedesk.app;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.leasedesk.lease.ClientKey;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.lease.LeaseEvent;
import org.leasedesk.lease.LeaseEventType;
import org.leasedesk.lease.PoolRef;
import org.leasedesk.store.EventQuery;
import org.leasedesk.store.TimeRange;

/**
 * Which history events an admin wants to export: the indexed criteria (client, address, type, pool)
 * and a time range, narrowed by free text matched against address, MAC or client id in any spelling,
 * host name and the event's detail.
 */
public record HistoryFilter(EventQuery query, TimeRange range, String text) {

    public static final HistoryFilter ALL = new HistoryFilter(EventQuery.ALL, TimeRange.ALL, "");

    public HistoryFilter {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(range, "range");
        text = text.strip();
    }

    /** A filter from the criteria a form or command line offers; empty ones do not filter. */
    public static HistoryFilter of(Optional<Ipv4Address> address, Optional<ClientKey> client, Optional<LeaseEventType> type,
                                   Optional<PoolRef> pool, Optional<Instant> from, Optional<Instant> until, String text) {
        EventQuery query = EventQuery.ALL;
        if (address.isPresent()) {
            query = query.withAddress(address.get());
        }
        if (client.isPresent()) {
            query = query.withClient(client.get());
        }
        if (type.isPresent()) {
            query = query.withType(type.get());
        }
        if (pool.isPresent()) {
            query = query.withPool(pool.get());
        }
        return new HistoryFilter(query, new TimeRange(from.orElse(TimeRange.ALL.from()), until.orElse(TimeRange.ALL.until())), text);
    }

    /** The text test, prepared once for the many events it will see. */
    Predicate<LeaseEvent> textTest() {
        SearchText search = new SearchText(text);
        return event -> search.isEmpty() || search.matches(event.address(), event.hostname(), event.hardwareAddress(),
                event.clientId()) || search.matchesIn(event.detail());
    }

    /** The filter in words, for report headers: "address 192.0.2.7; from 2026-11-01T00:00:00Z". */
    public List<String> describe() {
        List<String> words = new ArrayList<>(query.describe());
        if (!range.from().equals(TimeRange.ALL.from())) {
            words.add("from " + range.from());
        }
        if (!range.until().equals(TimeRange.ALL.until())) {
            words.add("before " + range.until());
        }
        if (!text.isEmpty()) {
            words.add("matching '" + text + "'");
        }
        return words;
    }
}
