package org.leasedesk.store;

import java.time.Instant;
import java.util.Objects;

/** From {@code from} (included) to {@code until} (excluded). */
public record TimeRange(Instant from, Instant until) {

    public static final TimeRange ALL = new TimeRange(Instant.EPOCH, Instant.parse("9999-12-31T00:00:00Z"));

    public TimeRange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        if (until.isBefore(from)) {
            throw new IllegalArgumentException("time range ends (" + until + ") before it starts (" + from + ")");
        }
    }
}
