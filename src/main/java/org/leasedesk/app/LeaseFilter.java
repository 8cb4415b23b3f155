package org.leasedesk.app;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Predicate;
import org.leasedesk.lease.Lease;
import org.leasedesk.lease.LeaseState;
import org.leasedesk.lease.PoolRef;

/**
 * Which leases an admin wants to export: by subnet, by pool, by state, by the time of the last change
 * (from inclusive, before exclusive), and by free text matched against address, MAC (in any
 * spelling), client id and host name. Empty criteria do not filter.
 */
public record LeaseFilter(OptionalLong subnetId, Optional<PoolRef> pool, Optional<LeaseState> state,
                          Optional<Instant> changedFrom, Optional<Instant> changedBefore, String text) {

    public static final LeaseFilter ALL = new LeaseFilter(OptionalLong.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), "");

    public LeaseFilter {
        Objects.requireNonNull(subnetId, "subnetId");
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(changedFrom, "changedFrom");
        Objects.requireNonNull(changedBefore, "changedBefore");
        text = text.strip();
        if (changedFrom.isPresent() && changedBefore.isPresent() && changedBefore.get().isBefore(changedFrom.get())) {
            throw new IllegalArgumentException("the time range ends (" + changedBefore.get() + ") before it starts ("
                    + changedFrom.get() + ")");
        }
    }

    /** The filter as a test, its search text prepared once for the many leases it will see. */
    public Predicate<Lease> asPredicate() {
        SearchText search = new SearchText(text);
        return lease -> (subnetId.isEmpty() || lease.subnetId() == subnetId.getAsLong())
                && pool.map(p -> p.subnetId() == lease.subnetId() && p.poolId() == lease.poolId()).orElse(true)
                && (state.isEmpty() || lease.state() == state.get())
                && changedFrom.map(from -> !lease.cltt().isBefore(from)).orElse(true)
                && changedBefore.map(before -> lease.cltt().isBefore(before)).orElse(true)
                && (search.isEmpty() || search.matches(lease.address(), lease.hostname(), lease.hardwareAddress(),
                        lease.clientId()));
    }

    /** Whether the pool (and its figures in a report header) is one this filter looks at. */
    boolean covers(PoolRef candidate) {
        return (subnetId.isEmpty() || candidate.subnetId() == subnetId.getAsLong()) && pool.map(candidate::equals).orElse(true);
    }

    /** The filter in words, for report headers: "subnet 1; state active; matching 'printer'". */
    public List<String> describe() {
        List<String> words = new ArrayList<>();
        subnetId.ifPresent(id -> words.add("subnet " + id));
        pool.ifPresent(p -> words.add("pool " + p));
        state.ifPresent(s -> words.add("state " + s.name().toLowerCase(Locale.ROOT)));
        changedFrom.ifPresent(t -> words.add("changed from " + t));
        changedBefore.ifPresent(t -> words.add("changed before " + t));
        if (!text.isEmpty()) {
            words.add("matching '" + text + "'");
        }
        return words;
    }
}
