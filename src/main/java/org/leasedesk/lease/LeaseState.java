package org.leasedesk.lease;

import java.util.EnumSet;
import java.util.Set;

/**
 * The states a stored lease can be in. Offers are not here: they live in memory only until the
 * client's REQUEST turns one into an {@link #ACTIVE} lease.
 */
public enum LeaseState {
    /** Bound: the client holds the address until expiry. */
    ACTIVE,
    /** The client gave the address back (DHCPRELEASE); kept for affinity until reclaimed. */
    RELEASED,
    /** The lifetime ran out without a renewal; kept for affinity until reclaimed. */
    EXPIRED,
    /** Reclamation finished: the address is free for anyone, the row remembers the last owner. */
    RECLAIMED,
    /** The owner reported a conflict (DHCPDECLINE): the address sits in probation. */
    DECLINED;

    /** Whether a lease in this state may move to {@code next}. */
    public boolean canBecome(LeaseState next) {
        return successors().contains(next);
    }

    /** The states reachable in one step; a renewal is ACTIVE to ACTIVE. */
    public Set<LeaseState> successors() {
        return switch (this) {
            case ACTIVE -> EnumSet.of(ACTIVE, RELEASED, EXPIRED, DECLINED);
            // The same client may come back for its address before reclamation runs.
            case RELEASED, EXPIRED -> EnumSet.of(ACTIVE, RECLAIMED);
            case RECLAIMED -> EnumSet.of(ACTIVE);
            // Probation ends only through reclamation, never by handing the address straight out.
            case DECLINED -> EnumSet.of(RECLAIMED);
        };
    }

    /** Whether the address is unavailable to other clients while the lease is in this state. */
    public boolean holdsAddress() {
        return this == ACTIVE || this == DECLINED;
    }
}
