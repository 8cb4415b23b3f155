package org.leasedesk.server;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.leasedesk.lease.ClientKey;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.lease.Lease;
import org.leasedesk.server.allocation.AllocationEngine;
import org.leasedesk.store.LeaseRepository;

/**
 * LeaseDesk's own leases, as an import of another server's leases checks against them: the two
 * questions {@link ImportPlanner} asks, answered by the running server's allocation engine or, while
 * no server runs, by the lease store (read once).
 */
public interface HeldLeases {

    /** The lease on the address, in any state, if there is one. */
    Optional<Lease> at(Ipv4Address address);

    /** The client's leases in the subnet, in any state. */
    List<Lease> of(long subnetId, ClientKey client);

    /** A LeaseDesk that holds no lease yet (a dry run against a database that does not exist). */
    HeldLeases NONE = of(List.of());

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
     * The stored view, read once: one query for the whole import rather than two per lease (a
     * connection per question made a 20,000-lease import spend 20 s planning). Rows that do not make a
     * valid lease are left out, as when a server loads the store.
     */
    static HeldLeases inStore(LeaseRepository leases) {
        return of(leases.loadAll().leases());
    }

    /** These leases, indexed by address and by client and subnet. */
    static HeldLeases of(Collection<Lease> leases) {
        Map<Ipv4Address, Lease> byAddress = new HashMap<>();
        Map<Long, Map<ClientKey, List<Lease>>> bySubnetAndClient = new HashMap<>();
        for (Lease lease : leases) {
            byAddress.put(lease.address(), lease);
            bySubnetAndClient.computeIfAbsent(lease.subnetId(), subnet -> new HashMap<>())
                    .computeIfAbsent(lease.clientKey(), client -> new ArrayList<>()).add(lease);
        }
        return new HeldLeases() {
            @Override
            public Optional<Lease> at(Ipv4Address address) {
                return Optional.ofNullable(byAddress.get(address));
            }

            @Override
            public List<Lease> of(long subnetId, ClientKey client) {
                return List.copyOf(bySubnetAndClient.getOrDefault(subnetId, Map.of()).getOrDefault(client, List.of()));
            }
        };
    }
}
