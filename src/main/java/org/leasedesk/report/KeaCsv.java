package org.leasedesk.report;

import java.util.HexFormat;
import java.util.List;
import org.leasedesk.lease.LeaseState;

/**
 * What our Kea memfile writer and reader share: the columns, the state numbers and the escaping
 * Kea applies to free-text columns (host name, user context), which are otherwise unquoted.
 */
final class KeaCsv {

    /** The newest layout (Kea 2.6 added pool_id); older files carry a prefix of these columns. */
    static final List<String> COLUMNS = List.of("address", "hwaddr", "client_id", "valid_lifetime", "expire",
            "subnet_id", "fqdn_fwd", "fqdn_rev", "hostname", "state", "user_context", "pool_id");

    /** Columns every version has and without which a row cannot become a lease. */
    static final List<String> REQUIRED = List.of("address", "hwaddr", "client_id", "valid_lifetime", "expire",
            "subnet_id");

    private static final String ESCAPE_TAG = "&#x";

    private KeaCsv() {}

    static int stateNumber(LeaseState state) {
        return switch (state) {
            // Kea has no "expired but not yet reclaimed" number: such a lease is assigned with an expire time
            // in the past, and Kea reclaims it on its next pass.
            case ACTIVE, EXPIRED -> 0;
            case DECLINED -> 1;
            case RECLAIMED -> 2;
            case RELEASED -> 3;
        };
    }

    /** The state a Kea state number stands for, or null for a number Kea does not write. */
    static LeaseState stateOf(long number) {
        if (number < 0 || number > 3) {
            return null;
        }
        return switch ((int) number) {
            case 0 -> LeaseState.ACTIVE;
            case 1 -> LeaseState.DECLINED;
            case 2 -> LeaseState.RECLAIMED;
            default -> LeaseState.RELEASED;
        };
    }

    /**
     * Kea writes a comma inside a field as {@code &#x2c}. The ampersand is escaped too, so a host name
     * that happens to contain {@code &#x41} reads back as itself; Kea decodes any {@code &#xHH}.
     */
    static String escape(String text) {
        if (text.indexOf(',') < 0 && text.indexOf('&') < 0) {
            return text;
        }
        return text.replace("&", ESCAPE_TAG + "26").replace(",", ESCAPE_TAG + "2c");
    }

    /** Reverses {@link #escape} and Kea's own escaping: every {@code &#x} followed by two hex digits is one character. */
    static String unescape(String text) {
        int tag = text.indexOf(ESCAPE_TAG);
        if (tag < 0) {
            return text;
        }
        StringBuilder plain = new StringBuilder(text.length());
        int from = 0;
        while (tag >= 0) {
            plain.append(text, from, tag);
            int digits = tag + ESCAPE_TAG.length();
            if (digits + 2 <= text.length() && HexFormat.isHexDigit(text.charAt(digits))
                    && HexFormat.isHexDigit(text.charAt(digits + 1))) {
                plain.append((char) HexFormat.fromHexDigits(text, digits, digits + 2));
                from = digits + 2;
            } else {
                plain.append(ESCAPE_TAG);
                from = digits;
            }
            tag = text.indexOf(ESCAPE_TAG, from);
        }
        return plain.append(text, from, text.length()).toString();
    }
}
