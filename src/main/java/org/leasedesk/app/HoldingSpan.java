package org.leasedesk.app;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.lease.LeaseEventType;

/**
 * One stretch of time a client held one address: granted at {@code firstSeen}, renewed until
 * {@code lastSeen} (each renewal merged in), and ended by a release, expiry, reclamation or decline
 * at {@code ended}, or still held when the timeline was read.
 *
 * @param renewals how many renewals the span merges
 * @param endedBy the event that ended it, present exactly when {@code ended} is
 */
public record HoldingSpan(Ipv4Address address, String hostname, Instant firstSeen, Instant lastSeen, int renewals,
                          Optional<Instant> ended, Optional<LeaseEventType> endedBy) {

    public HoldingSpan {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastSeen, "lastSeen");
        Objects.requireNonNull(ended, "ended");
        Objects.requireNonNull(endedBy, "endedBy");
        if (lastSeen.isBefore(firstSeen)) {
            throw new IllegalArgumentException("span of " + address + " last seen " + lastSeen + " before first seen " + firstSeen);
        }
        if (ended.isPresent() != endedBy.isPresent()) {
            throw new IllegalArgumentException("span of " + address + ": an end time and the event that ended it go together");
        }
    }

    public boolean isOpen() {
        return ended.isEmpty();
    }
}
