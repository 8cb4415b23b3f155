package org.leasedesk.platform;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.leasedesk.lease.Ipv4Address;

/**
 * A lease written as {@code key=value} lines, the shape of dhcpcd's {@code -U} dump, systemd-networkd's
 * lease file and NetworkManager's DHCP4 options. Each source names the fields its own way; this
 * reads them once the caller says which key means what. Values that do not parse count as absent:
 * a half-readable lease is still worth showing.
 */
final class KeyValueLease {

    /** The keys one source uses; empty strings for fields it never has. */
    record Keys(String address, String server, String leaseTime, String renewalTime, String rebindingTime, String expiresEpoch) {}

    private KeyValueLease() {}

    /** Splits lines at the first separator; quotes around a value (dhcpcd quotes lists) are removed. */
    static Map<String, String> fields(String text, String separator) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int at = line.indexOf(separator);
            if (line.isBlank() || line.strip().startsWith("#") || at < 1) {
                continue;
            }
            String value = line.substring(at + separator.length()).strip();
            if (value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
                value = value.substring(1, value.length() - 1);
            }
            fields.put(line.substring(0, at).strip(), value);
        }
        return fields;
    }

    static Optional<BackendLease> lease(Map<String, String> fields, Keys keys) {
        Optional<Ipv4Address> address = get(fields, keys.address(), Ipv4Address::parse);
        if (address.isEmpty()) {
            return Optional.empty();
        }
        Optional<Duration> leaseTime = get(fields, keys.leaseTime(), KeyValueLease::seconds);
        Optional<Instant> expires = get(fields, keys.expiresEpoch(), text -> Instant.ofEpochSecond(Long.parseLong(text)));
        Optional<Instant> obtained = expires.flatMap(end -> leaseTime.map(end::minus));
        return Optional.of(new BackendLease(address.get(), get(fields, keys.server(), Ipv4Address::parse), leaseTime,
                get(fields, keys.renewalTime(), KeyValueLease::seconds), get(fields, keys.rebindingTime(), KeyValueLease::seconds),
                obtained, expires));
    }

    private static Duration seconds(String text) {
        return Duration.ofSeconds(Long.parseLong(text));
    }

    private static <T> Optional<T> get(Map<String, String> fields, String key, Function<String, T> parser) {
        String value = key.isEmpty() ? null : fields.get(key);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(parser.apply(value));
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }
}
