package org.leasedesk.client;

import java.util.Objects;

/** What an {@link AddressConflictCheck} found out. */
public sealed interface ConflictCheckResult {

    /** The check ran and nobody else answered for the address. */
    record Free(String evidence) implements ConflictCheckResult {
        public Free {
            Objects.requireNonNull(evidence, "evidence");
        }
    }

    /** Another host uses the address: the client must DECLINE it. */
    record InUse(String evidence) implements ConflictCheckResult {
        public InUse {
            Objects.requireNonNull(evidence, "evidence");
        }
    }

    /** No check could run here; the reason is logged and recorded in the exchange, and the address is used. */
    record NotChecked(String reason) implements ConflictCheckResult {
        public NotChecked {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
