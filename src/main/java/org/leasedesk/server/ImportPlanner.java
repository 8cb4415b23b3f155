package org.leasedesk.server;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.leasedesk.lease.ClientKey;
import org.leasedesk.lease.HostIdentifier;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.lease.Lease;
import org.leasedesk.lease.LeaseEvent;
import org.leasedesk.lease.LeaseEventType;
import org.leasedesk.lease.LeaseState;
import org.leasedesk.lease.Pool;
import org.leasedesk.server.ImportResult.Conflict;
import org.leasedesk.server.ImportResult.ConflictKind;
import org.leasedesk.server.ImportResult.SkipReason;
import org.leasedesk.server.ImportResult.Skipped;
import org.leasedesk.server.config.ServerConfig;
import org.leasedesk.server.config.ServerConfig.PoolConfig;
import org.leasedesk.server.config.ServerConfig.Reservation;
import org.leasedesk.server.config.ServerConfig.SubnetConfig;
import org.leasedesk.store.LeaseChange;

/**
 * Decides what an import of another server's leases does: the one place that places the file's
 * leases in the configuration and finds their conflicts, whether they go into the lease store (no
 * server running) or into the running server (its allocation engine). Nothing here writes.
 *
 * <p>Only active, unexpired leases are taken; each is placed in the configured subnet that contains
 * its address (a subnet id the file records is overruled, with a note) and the pool containing it
 * (0 outside every pool). Leases outside every configured subnet are refused. Then, in this order:
 * <ul>
 *   <li>the file gives one address to two clients, or one client two addresses in a subnet: a
 *       conflict (the formats' own rule that a later record for an address replaces an earlier one
 *       has already been applied by the reader);</li>
 *   <li>the configuration reserves the address for another client: a conflict, never replaced;</li>
 *   <li>LeaseDesk holds the address for the same client: already present, nothing to do;</li>
 *   <li>LeaseDesk holds the address for another client (or it is in decline probation), or the client
 *       holds another address in the subnet: a conflict.</li>
 * </ul>
 * A conflicting lease is left out, unless the request says {@code replace}: then the file wins over
 * LeaseDesk (the other client's lease on the address is overwritten, the client's other address is
 * released), and of two leases the file itself lists for one address or client the newer wins. A
 * reservation always wins over the file.
 */
public final class ImportPlanner {

    /** How much of the source's name goes into a history event (the detail column holds 2,000 characters). */
    private static final int MAX_SOURCE_IN_DETAIL = 400;

    private ImportPlanner() {}

    /**
     * Plans the import of {@code request} into a LeaseDesk serving {@code config} that holds {@code held}.
     *
     * @param now the time the import happens: what counts as expired, and the time of its history events
     */
    public static ImportResult plan(ImportRequest request, ServerConfig config, HeldLeases held, Instant now) {
        return new Planning(request, config, held, now).run();
    }

    /**
     * Whether the reservation is for this lease's client: by any identifier the client presents
     * (a client that sends option 61 still matches a hw-address reservation). The one place that
     * knows how a reservation names its client.
     */
    static boolean reservedFor(Reservation reservation, Lease lease) {
        return HostIdentifier.presentedBy(lease.hardwareAddress(), lease.clientId(), lease.relay().circuitId(),
                List.of(HostIdentifier.Type.values())).contains(reservation.identifier());
    }

    /** A client within one subnet, as the server binds it. */
    private record Binding(long subnetId, ClientKey client) {
        static Binding of(Lease lease) {
            return new Binding(lease.subnetId(), lease.clientKey());
        }
    }

    /** A reservation and where it was written, for messages. */
    private record Reserved(Reservation reservation, String where) {}

    /** One run of the planner; not reused. */
    private static final class Planning {
        private final ImportRequest request;
        private final ServerConfig config;
        private final Instant now;
        private final String source;
        private final Working working;
        private final List<Lease> imported = new ArrayList<>();
        private final List<Lease> alreadyPresent = new ArrayList<>();
        private final List<Conflict> conflicts = new ArrayList<>();
        private final List<Skipped> skipped = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        /** One change per address: a later change to an address (an import after a release) replaces the earlier. */
        private final Map<Ipv4Address, LeaseChange> changes = new LinkedHashMap<>();

        Planning(ImportRequest request, ServerConfig config, HeldLeases held, Instant now) {
            this.request = request;
            this.config = config;
            this.now = now;
            this.source = request.source().length() <= MAX_SOURCE_IN_DETAIL ? request.source()
                    : "..." + request.source().substring(request.source().length() - MAX_SOURCE_IN_DETAIL);
            this.working = new Working(held);
        }

        ImportResult run() {
            List<Lease> placed = request.leases().stream().flatMap(lease -> place(lease).stream()).toList();
            for (Lease lease : withoutDuplicates(placed)) {
                take(lease);
            }
            return new ImportResult(imported, alreadyPresent, conflicts, skipped, notes, List.copyOf(changes.values()));
        }

        /** The lease as LeaseDesk would hold it, or empty (and the reason recorded) when it is not to be imported. */
        private Optional<Lease> place(Lease lease) {
            if (lease.state() != LeaseState.ACTIVE) {
                skipped.add(new Skipped(SkipReason.NOT_ACTIVE, lease, "it is " + lease.state().name().toLowerCase(Locale.ROOT)
                        + " in the file"));
                return Optional.empty();
            }
            if (lease.isExpiredAt(now)) {
                skipped.add(new Skipped(SkipReason.EXPIRED, lease, "it expired at " + lease.expiry()));
                return Optional.empty();
            }
            Optional<SubnetConfig> containing = config.subnets().stream().filter(s -> s.subnet().contains(lease.address())).findFirst();
            if (containing.isEmpty()) {
                skipped.add(new Skipped(SkipReason.OUTSIDE_CONFIGURATION, lease, "no configured subnet contains " + lease.address()));
                return Optional.empty();
            }
            SubnetConfig subnet = containing.get();
            if (request.fileNamesSubnets() && lease.subnetId() != subnet.id()) {
                notes.add(lease.address() + ": the file says subnet " + lease.subnetId() + ", the configuration places it in subnet "
                        + subnet.id() + " (" + subnet.subnet() + ")");
            }
            long poolId = subnet.pools().stream().map(PoolConfig::pool).filter(pool -> pool.contains(lease.address()))
                    .mapToLong(Pool::id).findFirst().orElse(0);
            if (poolId == 0 && reservationsOf(subnet).noneMatch(r -> r.reservation().address().filter(lease.address()::equals).isPresent())) {
                notes.add(lease.address() + " is in no pool of subnet " + subnet.id() + " and reserved for nobody: LeaseDesk will"
                        + " refuse its renewal; add a pool or a reservation for " + describe(lease));
            }
            // dnsmasq records only the expiry; with an assumed lifetime longer than what is left, the last
            // transaction would lie in the future. The expiry is what the client knows, so it is kept.
            Instant cltt = lease.cltt().isAfter(now) ? now : lease.cltt();
            Duration lifetime = cltt.equals(lease.cltt()) ? lease.validLifetime() : Duration.between(cltt, lease.expiry());
            Instant start = lease.start().isAfter(cltt) ? cltt : lease.start();
            return Optional.of(new Lease(lease.address(), lease.hardwareAddress(), lease.clientId(), lease.hostname(), subnet.id(),
                    poolId, LeaseState.ACTIVE, start, cltt, lifetime, lease.relay()));
        }

        /**
         * The leases left once those the file lists twice are settled: without replace every one of them
         * is left out; with replace the newest of each group stays (first by address, then by client).
         */
        private List<Lease> withoutDuplicates(List<Lease> placed) {
            // By identity: the file may list the very same lease twice.
            Set<Lease> out = Collections.newSetFromMap(new IdentityHashMap<>());
            settleDuplicates(placed, out, Lease::address, (loser, others) -> request.replace()
                    ? "superseded by the file's newer lease on " + loser.address() + " for " + describe(newest(others))
                    : "the file also gives " + loser.address() + " to " + describeAll(others));
            List<Lease> remaining = placed.stream().filter(lease -> !out.contains(lease)).toList();
            settleDuplicates(remaining, out, Binding::of, (loser, others) -> request.replace()
                    ? "superseded by the file's newer lease of the client on " + newest(others).address()
                    : "the file also gives the client " + others.stream().map(l -> l.address().toString()).collect(Collectors.joining(", ")));
            return placed.stream().filter(lease -> !out.contains(lease)).toList();
        }

        private interface Describer {
            String describe(Lease loser, List<Lease> others);
        }

        private <K> void settleDuplicates(List<Lease> leases, Set<Lease> out, Function<Lease, K> key, Describer detail) {
            Map<K, List<Lease>> groups = leases.stream().collect(Collectors.groupingBy(key, LinkedHashMap::new, Collectors.toList()));
            for (List<Lease> group : groups.values()) {
                if (group.size() < 2) {
                    continue;
                }
                Lease keep = request.replace() ? newest(group) : null;
                for (Lease lease : group) {
                    if (lease == keep || out.contains(lease)) {
                        continue;
                    }
                    List<Lease> others = group.stream().filter(other -> other != lease).toList();
                    conflicts.add(new Conflict(ConflictKind.DUPLICATE_IN_FILE, lease, detail.describe(lease, others), request.replace()));
                    out.add(lease);
                }
            }
        }

        /** The lease with the latest last transaction; of equals, the one listed last. */
        private static Lease newest(List<Lease> leases) {
            Lease newest = leases.getFirst();
            for (Lease lease : leases) {
                if (!lease.cltt().isBefore(newest.cltt())) {
                    newest = lease;
                }
            }
            return newest;
        }

        /** Checks one placed lease against the configuration's reservations and LeaseDesk's leases, and plans its write. */
        private void take(Lease lease) {
            SubnetConfig subnet = config.subnets().stream().filter(s -> s.id() == lease.subnetId()).findFirst().orElseThrow();
            Optional<Reserved> reservedForAnother = reservationsOf(subnet)
                    .filter(r -> r.reservation().address().filter(lease.address()::equals).isPresent())
                    .filter(r -> !reservedFor(r.reservation(), lease))
                    .findFirst();
            if (reservedForAnother.isPresent()) {
                conflicts.add(new Conflict(ConflictKind.RESERVED_FOR_ANOTHER, lease, lease.address() + " is reserved for "
                        + reservedForAnother.get().reservation().identifier() + " " + reservedForAnother.get().where(), false));
                return;
            }
            Optional<Lease> holding = working.at(lease.address()).filter(held -> held.state().holdsAddress() && !held.isExpiredAt(now));
            if (holding.isPresent() && holding.get().state() == LeaseState.ACTIVE && holding.get().clientKey().equals(lease.clientKey())) {
                alreadyPresent.add(lease);
                return;
            }
            List<Conflict> found = new ArrayList<>();
            holding.ifPresent(held -> found.add(new Conflict(ConflictKind.ADDRESS_HELD, lease, held.state() == LeaseState.DECLINED
                    ? lease.address() + " is in decline probation until " + held.expiry()
                    : lease.address() + " is held by " + describe(held) + " until " + held.expiry(), request.replace())));
            List<Lease> elsewhere = working.of(lease.subnetId(), lease.clientKey()).stream()
                    .filter(other -> other.state() == LeaseState.ACTIVE && !other.isExpiredAt(now) && !other.address().equals(lease.address()))
                    .toList();
            if (!elsewhere.isEmpty()) {
                found.add(new Conflict(ConflictKind.CLIENT_HOLDS_ANOTHER, lease, "the client already holds "
                        + elsewhere.stream().map(other -> other.address() + " until " + other.expiry()).collect(Collectors.joining(", ")),
                        request.replace()));
            }
            conflicts.addAll(found);
            if (!found.isEmpty() && !request.replace()) {
                return;
            }
            for (Lease other : elsewhere) {
                Lease released = other.released(now);
                working.put(released);
                changes.put(other.address(), new LeaseChange(released, LeaseEvent.of(LeaseEventType.RELEASED, released, now,
                        "released by the import from " + source + ", which gives the client " + lease.address() + " (replace)")));
            }
            // What this import overwrites: another client's lease, or a release this import planned a moment ago.
            Optional<Lease> displaced = holding.or(() -> Optional.ofNullable(changes.get(lease.address())).map(LeaseChange::lease));
            String detail = "imported from " + source + displaced.map(d -> "; replaces the lease of " + describe(d) + " (replace)").orElse("");
            imported.add(lease);
            working.put(lease);
            changes.put(lease.address(), new LeaseChange(lease, LeaseEvent.of(LeaseEventType.IMPORTED, lease, now, detail)));
        }

        /** The reservations that apply to the subnet's clients: its own, and the global ones when it takes them. */
        private Stream<Reserved> reservationsOf(SubnetConfig subnet) {
            Stream<Reserved> own = subnet.reservations().stream().map(r -> new Reserved(r, "in subnet " + subnet.id()));
            Stream<Reserved> global = subnet.reservationScope().global()
                    ? config.globalReservations().stream().map(r -> new Reserved(r, "globally")) : Stream.empty();
            return Stream.concat(own, global);
        }
    }

    private static String describe(Lease lease) {
        return lease.clientKey() + (lease.hostname().isEmpty() ? "" : " (" + lease.hostname() + ")");
    }

    private static String describeAll(List<Lease> leases) {
        return leases.stream().map(ImportPlanner::describe).collect(Collectors.joining(", "));
    }

    /** LeaseDesk's leases with the changes planned so far laid over them, so each lease is checked against the ones before it. */
    private static final class Working {
        private final HeldLeases held;
        private final Map<Ipv4Address, Lease> planned = new HashMap<>();
        private final Map<Binding, Set<Ipv4Address>> plannedOf = new HashMap<>();

        Working(HeldLeases held) {
            this.held = held;
        }

        Optional<Lease> at(Ipv4Address address) {
            Lease lease = planned.get(address);
            return lease != null ? Optional.of(lease) : held.at(address);
        }

        List<Lease> of(long subnetId, ClientKey client) {
            Map<Ipv4Address, Lease> found = new LinkedHashMap<>();
            for (Lease lease : held.of(subnetId, client)) {
                found.put(lease.address(), planned.getOrDefault(lease.address(), lease));
            }
            for (Ipv4Address address : plannedOf.getOrDefault(new Binding(subnetId, client), Set.of())) {
                found.put(address, planned.get(address));
            }
            // A planned change may have given one of the client's stored addresses to someone else.
            return found.values().stream().filter(lease -> lease.subnetId() == subnetId && lease.clientKey().equals(client))
                    .sorted(Comparator.comparing(Lease::address)).toList();
        }

        void put(Lease lease) {
            Lease before = planned.put(lease.address(), lease);
            if (before != null) {
                plannedOf.getOrDefault(Binding.of(before), new HashSet<>()).remove(lease.address());
            }
            plannedOf.computeIfAbsent(Binding.of(lease), binding -> new HashSet<>()).add(lease.address());
        }
    }
}
