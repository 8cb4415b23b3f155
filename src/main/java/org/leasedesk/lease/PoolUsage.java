package org.leasedesk.lease;

/**
 * How a pool's addresses are used at one moment, each part counted separately so a display can
 * show why a pool is full.
 *
 * <p>{@code total} counts the pool's addresses only: reservations outside the pool are reported in
 * {@code reservedOutsidePool} but are not part of the total (Kea does the same). Reserved addresses
 * inside the pool, declined addresses in probation (Kea counts them as assigned) and addresses held
 * by an outstanding offer are all unavailable to a new client.
 */
public record PoolUsage(
        long total,
        long dynamicLeased,
        long reservedInPool,
        long reservedOutsidePool,
        long declined,
        long offered) {

    public PoolUsage {
        if (total < 0 || dynamicLeased < 0 || reservedInPool < 0 || reservedOutsidePool < 0 || declined < 0
                || offered < 0) {
            throw new IllegalArgumentException("pool usage counts are never negative: " + describe(
                    total, dynamicLeased, reservedInPool, reservedOutsidePool, declined, offered));
        }
        // Summed in long: each part is at most 2^32, so the sum cannot overflow.
        if (dynamicLeased + reservedInPool + declined + offered > total) {
            throw new IllegalArgumentException("pool usage parts add up to more than the pool's " + total
                    + " addresses: " + describe(total, dynamicLeased, reservedInPool, reservedOutsidePool, declined,
                            offered));
        }
    }

    public static PoolUsage empty(long total) {
        return new PoolUsage(total, 0, 0, 0, 0, 0);
    }

    /** Addresses a new client could get now. */
    public long free() {
        return total - unavailable();
    }

    /** Addresses a new client cannot get: leased, reserved in the pool, declined or offered. */
    public long unavailable() {
        return dynamicLeased + reservedInPool + declined + offered;
    }

    /** Kea's "assigned-addresses": leased (dynamic and reserved) plus declined; offers are not leases. */
    public long assigned() {
        return dynamicLeased + reservedInPool + declined;
    }

    /** The unavailable share of the pool, 0.0 to 1.0; an empty pool counts as fully used (nothing to give). */
    public double utilisation() {
        return total == 0 ? 1.0 : (double) unavailable() / total;
    }

    /** Utilisation in whole percent, rounded up so a pool is never shown as 100 % while it has a free address and never 0 % while it has none used. */
    public int utilisationPercent() {
        if (total == 0) {
            return 100;
        }
        long used = unavailable();
        if (used == 0) {
            return 0;
        }
        if (used == total) {
            return 100;
        }
        long percent = (used * 100 + total - 1) / total;
        return (int) Math.min(99, percent);
    }

    private static String describe(long total, long dynamicLeased, long reservedInPool, long reservedOutsidePool,
            long declined, long offered) {
        return "total " + total + ", leased " + dynamicLeased + ", reserved in pool " + reservedInPool
                + ", reserved outside pool " + reservedOutsidePool + ", declined " + declined + ", offered " + offered;
    }
}
