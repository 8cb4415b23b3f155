package org.leasedesk.ui.history;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.leasedesk.app.HistorySearch;
import org.leasedesk.lease.HardwareAddress;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.lease.LeaseEventType;

/**
 * Turns what the user typed into search criteria, with a message naming the field that is wrong;
 * no nodes, so it is tested without a toolkit.
 */
final class HistoryForm {

    static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    static final Map<String, Optional<Duration>> RANGES = new LinkedHashMap<>();

    static {
        RANGES.put("Last hour", Optional.of(Duration.ofHours(1)));
        RANGES.put("Last 24 hours", Optional.of(Duration.ofDays(1)));
        RANGES.put("Last 7 days", Optional.of(Duration.ofDays(7)));
        RANGES.put("Last 30 days", Optional.of(Duration.ofDays(30)));
        RANGES.put("All time", Optional.empty());
    }

    /** The user's input could not be read; the message says which field and what is expected. */
    static final class InvalidInput extends Exception {
        InvalidInput(String message) {
            super(message);
        }
    }

    private HistoryForm() {}

    static HistorySearch.Criteria criteria(String address, String mac, String hostname, Optional<LeaseEventType> type, String range,
                                           Instant now) throws InvalidInput {
        Instant from = RANGES.getOrDefault(range, Optional.empty()).map(now::minus).orElse(Instant.EPOCH);
        return new HistorySearch.Criteria(address(address), mac(mac), hostname.strip(), type, from, now.plusSeconds(1));
    }

    static Optional<Ipv4Address> address(String text) throws InvalidInput {
        return optional(text, Ipv4Address::parse, "Address");
    }

    static Optional<HardwareAddress> mac(String text) throws InvalidInput {
        return optional(text, HardwareAddress::parseMac, "MAC");
    }

    /** Empty for a blank field, else the parsed value; a parse failure names the field. */
    private static <T> Optional<T> optional(String text, java.util.function.Function<String, T> parser, String field)
            throws InvalidInput {
        if (text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(parser.apply(text.strip()));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(field + ": " + e.getMessage());
        }
    }

    /** "2026-11-23 14:05:00" in the machine's time zone. */
    static Instant moment(String text, ZoneId zone) throws InvalidInput {
        try {
            return LocalDateTime.parse(text.strip(), MOMENT).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInput("Time: write it as 2026-11-23 14:05:00, not '" + text.strip() + "'");
        }
    }
}
