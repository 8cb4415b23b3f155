package org.leasedesk.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.leasedesk.lease.ClientKey;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.lease.LeaseEventType;
import org.leasedesk.lease.PoolRef;

/**
 * Which history events to read: every criterion that is present must hold. Each combination is
 * served by an index that starts with its most selective criterion (client, then address, then pool
 * with or without type, then type), continued by the event time, so a page costs about its own size.
 */
public record EventQuery(Optional<ClientKey> client, Optional<Ipv4Address> address, Optional<LeaseEventType> type,
                         Optional<PoolRef> pool) {

    public static final EventQuery ALL = new EventQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public EventQuery {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(pool, "pool");
    }

    public EventQuery withClient(ClientKey value) {
        return new EventQuery(Optional.of(value), address, type, pool);
    }

    public EventQuery withAddress(Ipv4Address value) {
        return new EventQuery(client, Optional.of(value), type, pool);
    }

    public EventQuery withType(LeaseEventType value) {
        return new EventQuery(client, address, Optional.of(value), pool);
    }

    public EventQuery withPool(PoolRef value) {
        return new EventQuery(client, address, type, Optional.of(value));
    }

    /** The criteria in words, for report headers and messages: "client hw:1:..., type GRANTED". */
    public List<String> describe() {
        List<String> words = new ArrayList<>();
        client.ifPresent(c -> words.add("client " + c));
        address.ifPresent(a -> words.add("address " + a));
        type.ifPresent(t -> words.add("type " + t));
        pool.ifPresent(p -> words.add("pool " + p));
        return words;
    }
}
