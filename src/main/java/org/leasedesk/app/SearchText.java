package org.leasedesk.app;

import java.util.Locale;
import org.leasedesk.lease.HardwareAddress;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.lease.Octets;

/**
 * Free text as an admin types it into a search box, matched against what identifies a client: address,
 * host name, and MAC or client id in any spelling (aa-bb-cc, aabb.cc and aa:bb:cc find the same).
 */
final class SearchText {

    private final String needle;
    private final String hexNeedle;

    SearchText(String text) {
        needle = text.strip().toLowerCase(Locale.ROOT);
        hexNeedle = hexDigits(needle);
    }

    boolean isEmpty() {
        return needle.isEmpty();
    }

    boolean matches(Ipv4Address address, String hostname, HardwareAddress hardware, Octets clientId) {
        return address.toString().contains(needle)
                || hostname.toLowerCase(Locale.ROOT).contains(needle)
                || (!hexNeedle.isEmpty() && (hexDigits(hardware.toString()).contains(hexNeedle)
                        || hexDigits(clientId.toColonHex()).contains(hexNeedle)));
    }

    /** Also matches anywhere in {@code other} (an event's detail, for instance). */
    boolean matchesIn(String other) {
        return other.toLowerCase(Locale.ROOT).contains(needle);
    }

    private static String hexDigits(String text) {
        String digits = text.replaceAll("[:.\\-\\s]", "");
        return digits.chars().allMatch(c -> Character.digit(c, 16) >= 0) ? digits : "";
    }
}
