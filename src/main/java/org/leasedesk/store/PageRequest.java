package org.leasedesk.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which page of history to read: up to {@code size} events after a position. Pages continue from
 * the last event seen (time, then id), so events appended meanwhile neither repeat nor shift a page.
 */
public record PageRequest(int size, Optional<Position> after) {

    public static final int MAX_SIZE = 10_000;

    /** The place of one stored event in history order. */
    public record Position(Instant time, long id) {
        public Position {
            Objects.requireNonNull(time, "time");
        }
    }

    public PageRequest {
        Objects.requireNonNull(after, "after");
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("page size " + size + " is outside 1-" + MAX_SIZE);
        }
    }

    public static PageRequest first(int size) {
        return new PageRequest(size, Optional.empty());
    }
}
