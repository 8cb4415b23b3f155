package org.leasedesk.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Function;
import org.leasedesk.lease.Lease;

/**
 * The columns of a lease table as the human-readable exports (CSV, JSON, HTML, PDF) show them: one
 * list, so every format has the same columns in the same order with the same text.
 */
enum LeaseColumn {
    ADDRESS("address", "Address", lease -> lease.address().toString()),
    HARDWARE_ADDRESS("hardware_address", "MAC", lease -> lease.hardwareAddress().toString()),
    CLIENT_ID("client_id", "Client ID", lease -> lease.clientId().toColonHex()),
    HOSTNAME("hostname", "Hostname", Lease::hostname),
    SUBNET_ID("subnet_id", "Subnet", lease -> Long.toString(lease.subnetId()), true),
    POOL_ID("pool_id", "Pool", lease -> Long.toString(lease.poolId()), true),
    STATE("state", "State", lease -> lease.state().name().toLowerCase(Locale.ROOT)),
    START("start", "Start (UTC)", lease -> time(lease.start())),
    LAST_TRANSACTION("last_transaction", "Last transaction (UTC)", lease -> time(lease.cltt())),
    VALID_LIFETIME("valid_lifetime_seconds", "Lifetime (s)", lease -> Long.toString(lease.validLifetime().toSeconds()),
            true),
    EXPIRES("expires", "Expires (UTC)", LeaseColumn::expiry),
    RELAY("relay", "Relay", lease -> lease.relay().isRelayed() ? lease.relay().giaddr().toString() : "");

    /** Seconds are enough for leases, and a fixed width keeps printed columns tidy. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private final String key;
    private final String title;
    private final Function<Lease, String> text;
    private final boolean numeric;

    LeaseColumn(String key, String title, Function<Lease, String> text) {
        this(key, title, text, false);
    }

    LeaseColumn(String key, String title, Function<Lease, String> text, boolean numeric) {
        this.key = key;
        this.title = title;
        this.text = text;
        this.numeric = numeric;
    }

    /** Whether the text is a decimal integer: JSON writes it as a number, tables align it right. */
    boolean numeric() {
        return numeric;
    }

    /** The machine name: CSV header, JSON member. */
    String key() {
        return key;
    }

    /** The heading a person reads: HTML and PDF. */
    String title() {
        return title;
    }

    String text(Lease lease) {
        return text.apply(lease);
    }

    static String time(Instant instant) {
        return TIME.format(instant);
    }

    /** An infinite lease (lifetime 0xFFFFFFFF) never expires, whatever its arithmetic end says. */
    private static String expiry(Lease lease) {
        return lease.validLifetime().equals(Lease.MAX_LIFETIME) ? "never" : time(lease.expiry());
    }
}
