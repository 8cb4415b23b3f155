package org.leasedesk.client;

import java.net.Inet4Address;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Outcomes of the client that listeners act on: state changes, leases won and lost, addresses to apply or remove. */
public sealed interface ClientNotice extends ClientAction {

    record StateChanged(ClientState from, ClientState to) implements ClientNotice {
        public StateChanged {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
    }

    /** Configure the interface with the lease's address, mask and routers. */
    record ApplyAddress(ClientLease lease) implements ClientNotice {
        public ApplyAddress {
            Objects.requireNonNull(lease, "lease");
        }
    }

    /** Stop using the lease's address: it expired, was refused (NAK), or was released. */
    record RemoveAddress(ClientLease lease, String reason) implements ClientNotice {
        public RemoveAddress {
            Objects.requireNonNull(lease, "lease");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** A new lease is bound (after SELECTING or INIT-REBOOT) or a held one was extended (renewed or rebound). */
    record LeaseAcquired(ClientLease lease, boolean extension) implements ClientNotice {
        public LeaseAcquired {
            Objects.requireNonNull(lease, "lease");
        }
    }

    record LeaseLost(ClientLease lease, String reason) implements ClientNotice {
        public LeaseLost {
            Objects.requireNonNull(lease, "lease");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The answer to an INFORM: configuration without a lease. */
    record Informed(Inet4Address server, Optional<Inet4Address> subnetMask, List<Inet4Address> routers,
            List<Inet4Address> domainNameServers, Optional<String> domainName) implements ClientNotice {
        public Informed {
            Objects.requireNonNull(server, "server");
            Objects.requireNonNull(subnetMask, "subnetMask");
            routers = List.copyOf(routers);
            domainNameServers = List.copyOf(domainNameServers);
            Objects.requireNonNull(domainName, "domainName");
        }
    }

    /** No server answered within the retransmissions; the client is idle again. */
    record GaveUp(String reason) implements ClientNotice {
        public GaveUp {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
