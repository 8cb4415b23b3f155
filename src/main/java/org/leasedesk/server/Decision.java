package org.leasedesk.server;

import java.net.InetSocketAddress;
import java.util.Objects;
import org.leasedesk.lease.LeaseEvent;
import java.util.Optional;
import org.leasedesk.lease.Lease;
import org.leasedesk.protocol.DhcpMessage;
import org.leasedesk.store.LeaseChange;

/** What the packet thread decided for one request. */
sealed interface Decision permits Decision.Reply, Decision.Commit, Decision.Drop {

    /**
     * Send now: OFFER, NAK, ACK to INFORM; encoded within the client's maximum message size.
     * {@code history} is recorded without delaying the reply (an offer or a NAK changes no lease).
     */
    record Reply(DhcpMessage message, InetSocketAddress destination, int maxMessageSize, Optional<LeaseEvent> history)
            implements Decision {
        public Reply {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(destination, "destination");
            Objects.requireNonNull(history, "history");
        }

        Reply(DhcpMessage message, InetSocketAddress destination, int maxMessageSize) {
            this(message, destination, maxMessageSize, Optional.empty());
        }
    }

    /**
     * Store a lease change, and only once it is committed send the reply (an ACK; RELEASE and
     * DECLINE have none). {@code before} is what the store still holds, to undo the in-memory
     * index if the commit fails.
     */
    record Commit(LeaseChange change, Optional<Lease> before, Optional<Reply> reply) implements Decision {
        public Commit {
            Objects.requireNonNull(change, "change");
            Objects.requireNonNull(before, "before");
            Objects.requireNonNull(reply, "reply");
        }
    }

    record Drop(DropReason reason, String detail) implements Decision {
        public Drop {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
