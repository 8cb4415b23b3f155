package org.leasedesk.app.lab;

import java.time.Duration;
import java.util.Objects;

/**
 * What the lab simulates: how many clients, how many addresses they share, how fast new exchanges
 * start, and how often a client leaves (release at its renewal time) or finds its address taken
 * (decline right after the ACK).
 *
 * @param clients simulated clients, each with its own MAC
 * @param poolSize addresses in the lab pool; fewer than {@code clients} shows exhaustion
 * @param rate new DORA exchanges started per second at most; {@link #FULL_SPEED} starts them as fast as the server answers
 * @param releaseShare the share of renewal times at which a client releases instead of renewing, 0 to 1
 * @param declineShare the share of ACKs a client answers with a DECLINE, 0 to 1
 * @param leaseTime the lab's valid lifetime; renewals come at half of it
 * @param sampleInterval how often the lab server records pool utilisation
 */
public record LabSettings(int clients, int poolSize, double rate, double releaseShare, double declineShare, Duration leaseTime,
                          Duration sampleInterval) {

    public static final int MAX_CLIENTS = 100_000;
    public static final int MAX_POOL_SIZE = 100_000;
    public static final double FULL_SPEED = 1_000_000;
    public static final Duration MIN_LEASE_TIME = Duration.ofSeconds(4);

    /** A small office: 40 laptops and phones on 50 addresses, a minute's leases. */
    public static final LabSettings DEFAULTS =
            new LabSettings(40, 50, 20, 0.10, 0.02, Duration.ofSeconds(60), Duration.ofSeconds(5));

    public LabSettings {
        Objects.requireNonNull(leaseTime, "leaseTime");
        Objects.requireNonNull(sampleInterval, "sampleInterval");
        if (clients < 1 || clients > MAX_CLIENTS) {
            throw new IllegalArgumentException("the lab runs 1 to " + MAX_CLIENTS + " clients, not " + clients);
        }
        if (poolSize < 1 || poolSize > MAX_POOL_SIZE) {
            throw new IllegalArgumentException("the lab pool holds 1 to " + MAX_POOL_SIZE + " addresses, not " + poolSize);
        }
        requireRate(rate);
        if (!(releaseShare >= 0 && releaseShare <= 1) || !(declineShare >= 0 && declineShare <= 1)) {
            throw new IllegalArgumentException("release and decline shares are between 0 and 1, were " + releaseShare
                    + " and " + declineShare);
        }
        if (leaseTime.compareTo(MIN_LEASE_TIME) < 0) {
            throw new IllegalArgumentException("lab leases last at least " + MIN_LEASE_TIME.toSeconds() + " s, not " + leaseTime);
        }
        if (sampleInterval.isNegative() || sampleInterval.isZero()) {
            throw new IllegalArgumentException("the sample interval must be positive, was " + sampleInterval);
        }
    }

    static double requireRate(double rate) {
        if (!(rate > 0 && rate <= FULL_SPEED)) {
            throw new IllegalArgumentException("the lab rate is above 0 and at most " + (long) FULL_SPEED + " per second, not " + rate);
        }
        return rate;
    }

    public LabSettings withRate(double newRate) {
        return new LabSettings(clients, poolSize, newRate, releaseShare, declineShare, leaseTime, sampleInterval);
    }

    public LabSettings withClients(int count) {
        return new LabSettings(count, poolSize, rate, releaseShare, declineShare, leaseTime, sampleInterval);
    }

    public LabSettings withPoolSize(int size) {
        return new LabSettings(clients, size, rate, releaseShare, declineShare, leaseTime, sampleInterval);
    }
}
