package org.leasedesk.client;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Every delay the client waits, with RFC 2131's values as defaults so tests and odd networks can
 * change any of them.
 *
 * @param firstRetransmission wait after the first DISCOVER/REQUEST/INFORM (RFC 2131 4.1: 4 s)
 * @param maxRetransmission the doubling stops here (64 s)
 * @param jitter each wait moves by a uniform random amount within plus or minus this (1 s)
 * @param maxTransmissions how many times a message is sent before the client gives up
 * @param offerWindow how long offers are collected after the first one arrives; zero takes the first at once
 * @param renewRetryMinimum in RENEWING and REBINDING, never retry sooner than this (RFC 2131 4.4.5: 60 s)
 * @param declineBackoff wait after a DECLINE before starting over (RFC 2131 3.1.5: at least 10 s)
 * @param renewalFraction T1 as a fraction of the lease when the server sends no option 58
 * @param rebindingFraction T2 as a fraction of the lease when the server sends no option 59
 */
public record ClientTimings(
        Duration firstRetransmission,
        Duration maxRetransmission,
        Duration jitter,
        int maxTransmissions,
        Duration offerWindow,
        Duration renewRetryMinimum,
        Duration declineBackoff,
        double renewalFraction,
        double rebindingFraction) {

    public ClientTimings {
        requireNotNegative("firstRetransmission", firstRetransmission);
        requireNotNegative("maxRetransmission", maxRetransmission);
        requireNotNegative("jitter", jitter);
        requireNotNegative("offerWindow", offerWindow);
        requireNotNegative("renewRetryMinimum", renewRetryMinimum);
        requireNotNegative("declineBackoff", declineBackoff);
        if (maxTransmissions < 1) {
            throw new IllegalArgumentException("maxTransmissions must be at least 1, got " + maxTransmissions);
        }
        if (!(renewalFraction > 0 && renewalFraction < rebindingFraction && rebindingFraction < 1)) {
            throw new IllegalArgumentException("need 0 < renewalFraction < rebindingFraction < 1, got "
                    + renewalFraction + " and " + rebindingFraction);
        }
    }

    /** RFC 2131: 4, 8, 16, 32, 64 s plus or minus 1 s, five transmissions, T1 = 0.5 and T2 = 0.875 of the lease. */
    public static ClientTimings rfc2131() {
        return new ClientTimings(Duration.ofSeconds(4), Duration.ofSeconds(64), Duration.ofSeconds(1), 5,
                Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(10), 0.5, 0.875);
    }

    /**
     * The wait after the {@code transmission}-th sending (1-based): the first wait doubled each time up
     * to the maximum, moved by a random amount within the jitter, never negative.
     */
    public Duration retransmissionDelay(int transmission, RandomGenerator random) {
        Duration base = firstRetransmission;
        for (int i = 1; i < transmission && base.compareTo(maxRetransmission) < 0; i++) {
            base = base.multipliedBy(2);
        }
        if (base.compareTo(maxRetransmission) > 0) {
            base = maxRetransmission;
        }
        long jitterMillis = jitter.toMillis();
        long shift = jitterMillis == 0 ? 0 : random.nextLong(-jitterMillis, jitterMillis + 1);
        Duration delay = base.plusMillis(shift);
        return delay.isNegative() ? Duration.ZERO : delay;
    }

    public ClientTimings withMaxTransmissions(int transmissions) {
        return new ClientTimings(firstRetransmission, maxRetransmission, jitter, transmissions, offerWindow,
                renewRetryMinimum, declineBackoff, renewalFraction, rebindingFraction);
    }

    public ClientTimings withOfferWindow(Duration window) {
        return new ClientTimings(firstRetransmission, maxRetransmission, jitter, maxTransmissions, window,
                renewRetryMinimum, declineBackoff, renewalFraction, rebindingFraction);
    }

    public ClientTimings withRetransmission(Duration first, Duration max, Duration jitterBound) {
        return new ClientTimings(first, max, jitterBound, maxTransmissions, offerWindow,
                renewRetryMinimum, declineBackoff, renewalFraction, rebindingFraction);
    }

    public ClientTimings withRenewRetryMinimum(Duration minimum) {
        return new ClientTimings(firstRetransmission, maxRetransmission, jitter, maxTransmissions, offerWindow,
                minimum, declineBackoff, renewalFraction, rebindingFraction);
    }

    public ClientTimings withDeclineBackoff(Duration backoff) {
        return new ClientTimings(firstRetransmission, maxRetransmission, jitter, maxTransmissions, offerWindow,
                renewRetryMinimum, backoff, renewalFraction, rebindingFraction);
    }

    private static void requireNotNegative(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, got " + value);
        }
    }
}
