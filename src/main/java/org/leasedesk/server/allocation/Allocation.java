package org.leasedesk.server.allocation;

import java.util.Objects;
import org.leasedesk.lease.Ipv4Address;

/** The outcome of choosing an address for a DISCOVER. */
public sealed interface Allocation permits Allocation.Offered, Allocation.Exhausted {

    /** Why this address was chosen, in the order RFC 2131 4.3.1 and Kea consider them. */
    enum Source {
        /** The client was offered it moments ago and asked again. */
        PENDING_OFFER,
        /** A reservation names the client. */
        RESERVATION,
        /** The client holds it now or held it last (lease affinity). */
        CLIENT_HISTORY,
        /** The client asked for it (option 50) and it is free. */
        REQUESTED,
        /** Never used, or no longer remembered for anyone. */
        FREE,
        /** Remembered for another client, given up because the pool has nothing else. */
        AFFINITY_BROKEN
    }

    /** {@code poolId} is the pool's id in its subnet (1 and up), or 0 for a reserved address outside every pool. */
    record Offered(Ipv4Address address, long subnetId, long poolId, Source source) implements Allocation {
        public Offered {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(source, "source");
        }
    }

    /** No address can be offered: every pool address is leased, reserved, declined or offered. */
    record Exhausted(long subnetId) implements Allocation {}
}
