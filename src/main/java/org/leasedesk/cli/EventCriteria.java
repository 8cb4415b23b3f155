package org.leasedesk.cli;

import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.leasedesk.app.HistoryFilter;
import org.leasedesk.lease.ClientKey;
import org.leasedesk.lease.HardwareAddress;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.lease.LeaseEventType;
import org.leasedesk.lease.PoolRef;
import picocli.CommandLine.Option;

/**
 * The history filters that {@code history} and {@code report} share: address, client, event type,
 * pool and time range. Values are checked when they are used, naming the option that is wrong.
 */
final class EventCriteria {

    @Option(names = "--ip", paramLabel = "ADDRESS", description = "Only events of this IPv4 address.")
    String ip;

    @Option(names = "--mac", paramLabel = "MAC", description = "Only events of this client, by MAC in any spelling.")
    String mac;

    @Option(names = "--type", paramLabel = "TYPE", description = "Only events of this type: ${COMPLETION-CANDIDATES}.",
            completionCandidates = EventTypeNames.class)
    String type;

    @Option(names = "--pool", paramLabel = "SUBNET/POOL", description = "Only this pool, as 1/2 (subnet id 1, its second pool).")
    String pool;

    @Option(names = "--from", paramLabel = "TIME", description = "At or after this time (ISO-8601, UTC).")
    String from;

    @Option(names = "--until", paramLabel = "TIME", description = "Before this time (ISO-8601, UTC).")
    String until;

    /** The event types as the options spell them, lower case. */
    static final class EventTypeNames extends java.util.ArrayList<String> {
        EventTypeNames() {
            super(Arrays.stream(LeaseEventType.values()).map(t -> t.name().toLowerCase(Locale.ROOT)).toList());
        }
    }

    /** Whether --ip, --mac or --type is given: the criteria that only history has. */
    boolean namesEventsOnly() {
        return ip != null || mac != null || type != null;
    }

    boolean isEmpty() {
        return !namesEventsOnly() && pool == null && from == null && until == null;
    }

    /** The criteria as a history filter, narrowed by {@code text} (empty: no narrowing). */
    HistoryFilter filter(String text) {
        return HistoryFilter.of(Optional.ofNullable(ip).map(given -> address()), Optional.ofNullable(mac).map(given -> client()),
                Optional.ofNullable(type).map(given -> eventType()), pool(), fromTime(), untilTime(), text);
    }

    Optional<Instant> fromTime() {
        return Optional.ofNullable(from).map(text -> TimeOption.parse("--from", text));
    }

    Optional<Instant> untilTime() {
        return Optional.ofNullable(until).map(text -> TimeOption.parse("--until", text));
    }

    Optional<PoolRef> pool() {
        try {
            return Optional.ofNullable(pool).map(PoolRef::parse);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--pool '" + pool + "': " + e.getMessage());
        }
    }

    Ipv4Address address() {
        try {
            return Ipv4Address.parse(ip);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--ip '" + ip + "' is not an IPv4 address");
        }
    }

    ClientKey client() {
        try {
            return new ClientKey.ByHardware(HardwareAddress.parseMac(mac));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--mac '" + mac + "': " + e.getMessage());
        }
    }

    private LeaseEventType eventType() {
        try {
            return LeaseEventType.valueOf(type.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--type '" + type + "' is not an event type; one of "
                    + String.join(", ", new EventTypeNames()));
        }
    }
}
