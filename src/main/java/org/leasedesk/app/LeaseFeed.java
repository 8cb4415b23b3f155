package org.leasedesk.app;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.lease.Lease;
import org.leasedesk.lease.LeaseEvent;
import org.leasedesk.store.LeaseRepository;

/**
 * The lease table's changes, coalesced: lease events arrive on server threads as fast as clients
 * send, and only the addresses they touched are remembered; a view polls a few times a second and
 * gets each changed lease once, however often it changed in between. A server start or stop asks
 * for everything again.
 */
public final class LeaseFeed implements AutoCloseable {

    /** What changed since the last poll: every lease ({@code complete}), or only the changed ones. */
    public record Update(boolean complete, List<Lease> leases) {
        public Update {
            leases = List.copyOf(leases);
        }

        public boolean isEmpty() {
            return !complete && leases.isEmpty();
        }
    }

    private final Workbench workbench;
    private final Set<Ipv4Address> changed = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean everything = new AtomicBoolean(true);
    private final Workbench.Listener listener = new Workbench.Listener() {
        @Override
        public void leaseChanged(LeaseEvent event) {
            changed.add(event.address());
        }

        @Override
        public void serverStateChanged(Workbench.ServerState state) {
            everything.set(true);
        }
    };

    public LeaseFeed(Workbench workbench) {
        this.workbench = workbench;
        workbench.addListener(listener);
    }

    /** Takes the changes noted so far; the first poll, and the first after a server start or stop, returns every lease. */
    public CompletableFuture<Update> poll() {
        if (everything.getAndSet(false)) {
            changed.clear();
            return workbench.leases().thenApply(all -> new Update(true, all));
        }
        if (changed.isEmpty()) {
            return CompletableFuture.completedFuture(new Update(false, List.of()));
        }
        List<Ipv4Address> taken = List.copyOf(changed);
        changed.removeAll(taken);
        return workbench.server()
                .map(server -> server.leasesAt(taken))
                .orElseGet(() -> CompletableFuture.supplyAsync(() -> {
                    LeaseRepository repository = new LeaseRepository(workbench.database());
                    return taken.stream().map(repository::find).flatMap(Optional::stream).toList();
                }))
                .thenApply(leases -> new Update(false, leases));
    }

    @Override
    public void close() {
        workbench.removeListener(listener);
    }
}
