package org.leasedesk.server;

import java.util.List;
import java.util.Optional;
import org.leasedesk.lease.ClientKey;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.lease.Lease;
import org.leasedesk.server.allocation.AllocationEngine;
import org.leasedesk.store.LeaseRepository;

/**
 * LeaseDesk's own leases, as an import of another server's leases checks against them: the two
 * questions {@link ImportPlanner} asks, answered by the running server's allocation engine or, while
 * no server runs, by the lease store.
 */
public interface HeldLeases {

    /** The lease on the address, in any state, if there is one. */
    Optional<Lease> at(Ipv4Address address);

    /** The client's leases in the subnet, in any state. */
    List<Lease> of(long subnetId, ClientKey client);

    /** A LeaseDesk that holds no lease yet (a dry run against a database that does not exist). */
    HeldLeases NONE = new HeldLeases() {
        @Override
        public Optional<Lease> at(Ipv4Address address) {
            return Optional.empty();
        }

        @Override
        public List<Lease> of(long subnetId, ClientKey client) {
            return List.of();
        }
    };

    /** The running server's view; call it only on the packet thread, which owns the engine. */
    static HeldLeases inEngine(AllocationEngine engine) {
        return new HeldLeases() {
            @Override
            public Optional<Lease> at(Ipv4Address address) {
                return engine.leaseAt(address);
            }

            @Override
            public List<Lease> of(long subnetId, ClientKey client) {
                // The engine keeps one binding per client and subnet: its current or last lease.
                return engine.leaseOf(subnetId, client).stream().toList();
            }
        };
    }

    /**
     * The stored view. A row that does not make a valid lease counts as no lease, as it does when a
     * server loads the store (it skips such rows and reports them).
     */
    static HeldLeases inStore(LeaseRepository leases) {
        return new HeldLeases() {
            @Override
            public Optional<Lease> at(Ipv4Address address) {
                try {
                    return leases.find(address);
                } catch (IllegalArgumentException invalidRow) {
                    return Optional.empty();
                }
            }

            @Override
            public List<Lease> of(long subnetId, ClientKey client) {
                return leases.ofClient(client).stream().filter(lease -> lease.subnetId() == subnetId).toList();
            }
        };
    }
}
