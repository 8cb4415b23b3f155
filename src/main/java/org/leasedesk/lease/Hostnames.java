package org.leasedesk.lease;

/**
 * Hostnames arrive from clients (option 12, option 81) and end up in tables, exports and logs, so
 * only printable text is accepted: a crafted name must not be able to poison the store or a report.
 */
public final class Hostnames {

    private Hostnames() {}

    /** Whether a name a client sent may be stored as a lease's hostname. */
    public static boolean isAcceptable(String hostname) {
        return hostname.length() <= Lease.MAX_HOSTNAME_LENGTH && hostname.chars().allMatch(c -> c >= 0x20 && c != 0x7F);
    }

    static void requireValid(String hostname) {
        if (hostname.length() > Lease.MAX_HOSTNAME_LENGTH) {
            throw new IllegalArgumentException(
                    "hostname has " + hostname.length() + " characters, at most " + Lease.MAX_HOSTNAME_LENGTH + " allowed");
        }
        for (int i = 0; i < hostname.length(); i++) {
            char c = hostname.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                throw new IllegalArgumentException(
                        "hostname '" + printable(hostname) + "' contains control character 0x"
                                + Integer.toHexString(c) + " at position " + i);
            }
        }
    }

    private static String printable(String text) {
        StringBuilder shown = new StringBuilder(text.length());
        text.chars().forEach(c -> shown.append(c < 0x20 || c == 0x7F ? '?' : (char) c));
        return shown.toString();
    }
}
