package org.leasedesk.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/** Polling for something a peer does in its own time, such as writing a lease file. */
public final class Eventually {

    private static final Duration POLL = Duration.ofMillis(50);

    private Eventually() {}

    /** Polls until {@code probe} finds something and returns it, or fails naming what was awaited. */
    public static <T> T waitFor(Supplier<Optional<T>> probe, Duration timeout, Supplier<String> what) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Optional<T> found = probe.get();
            if (found.isPresent()) {
                return found.get();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what.get());
            }
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what.get(), e);
            }
        }
    }
}
