package org.leasedesk.server.allocation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.leasedesk.lease.AddressMap;
import org.leasedesk.lease.ClientKey;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.lease.Lease;
import org.leasedesk.lease.LeaseState;
import org.leasedesk.lease.Pool;
import org.leasedesk.lease.PoolUsage;
import org.leasedesk.server.config.ServerConfig;
import org.leasedesk.server.config.ServerConfig.Reservation;
import org.leasedesk.server.config.ServerConfig.SubnetConfig;
import org.leasedesk.server.allocation.Allocation.Source;

/**
 * Chooses addresses and keeps the server's in-memory view of who holds what: the authoritative
 * index while the server runs, rebuilt from the lease store at start.
 *
 * <p>Per pool, two bit sets make the common case cheap on large pools: {@code taken} (leased,
 * declined, reserved or offered) and {@code busy} ({@code taken} plus addresses remembered for
 * their last client). A free address is the next clear bit of {@code busy} after a rotating cursor.
 *
 * <p>Not thread-safe: the server's packet thread owns it.
 */
public final class AllocationEngine {

    private final Clock clock;
    private final Duration offerHold;
    private final Duration affinity;
    private final Map<Long, SubnetSpace> subnets = new LinkedHashMap<>();
    private final Map<Ipv4Address, Lease> leases = new HashMap<>();
    private final Map<Binding, Ipv4Address> lastAddressOf = new HashMap<>();
    private final Map<Ipv4Address, Offer> offers = new HashMap<>();
    private final Map<Binding, Offer> offerOf = new HashMap<>();

    /** A client within one subnet: the same client may hold a lease in several subnets. */
    private record Binding(long subnetId, ClientKey client) {}

    private record Offer(Binding binding, Ipv4Address address, Instant expires) {}

    public AllocationEngine(ServerConfig config, Collection<Lease> current, Duration offerHold, Clock clock) {
        this.clock = clock;
        this.offerHold = offerHold;
        this.affinity = config.reclamation().holdReclaimed();
        for (SubnetConfig subnet : config.subnets()) {
            subnets.put(subnet.id(), new SubnetSpace(subnet));
        }
        for (Lease lease : current) {
            record(lease);
        }
    }

    /**
     * Chooses an address for a DISCOVER and holds it for the client for the offer-hold time.
     *
     * @param reservation the reservation the client matched (the server looks it up by each of the
     *     client's identifiers), if any
     */
    public Allocation offer(long subnetId, ClientKey client, Optional<Reservation> reservation, Optional<Ipv4Address> requested) {
        SubnetSpace space = subnet(subnetId);
        Instant now = clock.instant();
        Binding binding = new Binding(subnetId, client);
        Allocation allocation = choose(space, binding, reservation, requested, now);
        if (allocation instanceof Allocation.Offered offered) {
            hold(binding, offered.address(), now);
        }
        return allocation;
    }

    private Allocation choose(SubnetSpace space, Binding binding, Optional<Reservation> reservation, Optional<Ipv4Address> requested,
                              Instant now) {
        Offer pending = offerOf.get(binding);
        if (pending != null && pending.expires().isAfter(now)) {
            return offered(space, pending.address(), Source.PENDING_OFFER);
        }
        Optional<Ipv4Address> reserved = reservedAddressFor(space, reservation)
                .filter(address -> availableTo(address, binding, now));
        if (reserved.isPresent()) {
            return offered(space, reserved.get(), Source.RESERVATION);
        }
        Ipv4Address previous = lastAddressOf.get(binding);
        if (previous != null && space.poolOf(previous) >= 0 && allocatableTo(space, previous, binding, reservation, now)) {
            return offered(space, previous, Source.CLIENT_HISTORY);
        }
        Optional<Ipv4Address> asked = requested.filter(address -> space.poolOf(address) >= 0
                && allocatableTo(space, address, binding, reservation, now) && !rememberedForAnother(address, binding, now));
        if (asked.isPresent()) {
            return offered(space, asked.get(), Source.REQUESTED);
        }
        for (PoolSpace pool : space.pools) {
            Optional<Ipv4Address> free = pool.nextNotBusy();
            if (free.isPresent()) {
                return offered(space, free.get(), Source.FREE);
            }
        }
        return longestForgotten(space, binding, reservation, now)
                .<Allocation>map(address -> offered(space, address, Source.AFFINITY_BROKEN))
                .orElseGet(() -> new Allocation.Exhausted(space.config.id()));
    }

    /**
     * Whether a REQUEST for {@code address} may be acknowledged: the address is in the subnet, in a
     * pool or reserved for this client, and neither leased, declined, reserved nor offered to another.
     */
    public RequestCheck check(long subnetId, ClientKey client, Optional<Reservation> reservation, Ipv4Address address) {
        SubnetSpace space = subnet(subnetId);
        Binding binding = new Binding(subnetId, client);
        Instant now = clock.instant();
        if (!space.config.subnet().contains(address)) {
            return new RequestCheck.NotOurs(address + " is not in subnet " + space.config.subnet());
        }
        boolean reservedForClient = reservedAddressFor(space, reservation).filter(address::equals).isPresent();
        int pool = space.poolOf(address);
        if (!reservedForClient && pool < 0) {
            return new RequestCheck.NotOurs(address + " is in no pool of subnet " + space.config.subnet() + " and not reserved for " + client);
        }
        if (!reservedForClient && space.keepsFromOthers(address)) {
            return new RequestCheck.Refused(address + " is reserved for " + space.reservedFor.get(address).identifier());
        }
        Lease lease = leases.get(address);
        if (lease != null && lease.state() == LeaseState.DECLINED && holds(lease, now)) {
            return new RequestCheck.Refused(address + " was declined and is in probation");
        }
        if (!availableTo(address, binding, now)) {
            return new RequestCheck.Refused(address + " is held by another client");
        }
        return new RequestCheck.Acceptable(pool + 1);
    }

    /** Takes in a lease change the store has committed; the lease's address and client are re-indexed. */
    public void record(Lease lease) {
        Lease before = leases.put(lease.address(), lease);
        Binding binding = new Binding(lease.subnetId(), lease.clientKey());
        Offer offer = offerOf.remove(binding);
        if (offer != null) {
            offers.remove(offer.address());
            refresh(offer.address());
        }
        lastAddressOf.put(binding, lease.address());
        if (before != null && !before.clientKey().equals(lease.clientKey())) {
            lastAddressOf.remove(new Binding(before.subnetId(), before.clientKey()), lease.address());
        }
        refresh(lease.address());
    }

    /**
     * Undoes a {@link #record} whose commit failed: the address goes back to what the store still
     * holds ({@code before}), or to no lease at all.
     */
    public void restore(Ipv4Address address, Optional<Lease> before) {
        Lease failed = leases.remove(address);
        if (failed != null) {
            lastAddressOf.remove(new Binding(failed.subnetId(), failed.clientKey()), address);
        }
        before.ifPresentOrElse(this::record, () -> refresh(address));
    }

    /** Forgets a client's pending offer (it chose another server, or sent REQUEST for something else). */
    public void withdrawOffer(long subnetId, ClientKey client) {
        Offer offer = offerOf.remove(new Binding(subnetId, client));
        if (offer != null) {
            offers.remove(offer.address());
            refresh(offer.address());
        }
    }

    /** Every lease the engine knows, for rebuilding it under a new configuration. */
    public List<Lease> leases() {
        return List.copyOf(leases.values());
    }

    public Optional<Lease> leaseAt(Ipv4Address address) {
        return Optional.ofNullable(leases.get(address));
    }

    /** The client's lease in the subnet, current or last. */
    public Optional<Lease> leaseOf(long subnetId, ClientKey client) {
        return Optional.ofNullable(lastAddressOf.get(new Binding(subnetId, client))).map(leases::get);
    }

    /**
     * Leases due for reclamation, oldest first, at most {@code limit}: active leases whose lifetime has
     * ended, and declined addresses whose probation has.
     */
    public List<Lease> expired(int limit) {
        Instant now = clock.instant();
        return leases.values().stream()
                .filter(lease -> lease.state().holdsAddress() && lease.isExpiredAt(now))
                .sorted(java.util.Comparator.comparing(Lease::expiry))
                .limit(limit)
                .toList();
    }

    /**
     * Drops offers nobody took and forgets affinities and probations that have run out, so their
     * addresses count as free again. The server runs it on its reclamation timer.
     */
    public void tick() {
        Instant now = clock.instant();
        for (Iterator<Offer> it = offers.values().iterator(); it.hasNext(); ) {
            Offer offer = it.next();
            if (!offer.expires().isAfter(now)) {
                it.remove();
                offerOf.remove(offer.binding(), offer);
                refresh(offer.address());
            }
        }
        for (SubnetSpace space : subnets.values()) {
            for (PoolSpace pool : space.pools) {
                for (int i = pool.busy.nextSetBit(0); i >= 0; i = pool.busy.nextSetBit(i + 1)) {
                    if (!pool.taken.get(i)) {
                        refresh(pool.pool.range().first().plus(i));
                    }
                }
            }
        }
    }

    /** The pool's figures with their parts kept apart, as admins need them (see FACTS.md on utilisation). */
    public PoolUsage usage(long subnetId, int poolIndex) {
        SubnetSpace space = subnet(subnetId);
        PoolSpace pool = space.pools.get(poolIndex);
        Instant now = clock.instant();
        long leased = 0;
        long reserved = 0;
        long declined = 0;
        long offered = 0;
        for (int i = pool.taken.nextSetBit(0); i >= 0; i = pool.taken.nextSetBit(i + 1)) {
            Ipv4Address address = pool.pool.range().first().plus(i);
            Lease lease = leases.get(address);
            if (space.keepsFromOthers(address)) {
                reserved++;
            } else if (lease != null && lease.state() == LeaseState.DECLINED) {
                declined++;
            } else if (lease != null && lease.state() == LeaseState.ACTIVE) {
                leased++;
            } else if (offers.containsKey(address) && offers.get(address).expires().isAfter(now)) {
                offered++;
            }
        }
        long reservedOutside = space.reservedFor.keySet().stream().filter(a -> space.poolOf(a) < 0).count();
        return new PoolUsage(pool.pool.range().size(), leased, reserved, reservedOutside, declined, offered);
    }

    /** Every address of one pool with what it is doing now, for the pools' heat map. */
    public AddressMap map(long subnetId, int poolIndex) {
        SubnetSpace space = subnet(subnetId);
        PoolSpace pool = space.pools.get(poolIndex);
        Instant now = clock.instant();
        byte[] states = new byte[pool.size];
        Ipv4Address first = pool.pool.range().first();
        for (int i = 0; i < pool.size; i++) {
            Ipv4Address address = first.plus(i);
            Lease lease = leases.get(address);
            Offer offer = offers.get(address);
            AddressMap.State state;
            if (space.keepsFromOthers(address)) {
                state = AddressMap.State.RESERVED;
            } else if (lease != null && lease.state() == LeaseState.ACTIVE) {
                state = AddressMap.State.LEASED;
            } else if (lease != null && lease.state() == LeaseState.DECLINED) {
                state = AddressMap.State.DECLINED;
            } else if (offer != null && offer.expires().isAfter(now)) {
                state = AddressMap.State.OFFERED;
            } else if (lease != null && affine(lease, now)) {
                state = AddressMap.State.EXPIRED;
            } else {
                state = AddressMap.State.FREE;
            }
            states[i] = (byte) state.ordinal();
        }
        return new AddressMap(subnetId, pool.pool.id(), pool.pool.range(), states);
    }

    private Allocation.Offered offered(SubnetSpace space, Ipv4Address address, Source source) {
        return new Allocation.Offered(address, space.config.id(), space.poolOf(address) + 1, source);
    }

    private void hold(Binding binding, Ipv4Address address, Instant now) {
        withdrawOffer(binding.subnetId(), binding.client());
        Offer offer = new Offer(binding, address, now.plus(offerHold));
        offers.put(address, offer);
        offerOf.put(binding, offer);
        refresh(address);
    }

    private static Optional<Ipv4Address> reservedAddressFor(SubnetSpace space, Optional<Reservation> reservation) {
        return reservation.flatMap(Reservation::address).filter(space.config.subnet()::contains);
    }

    /**
     * Whether the client's reserved address is free for it now: a client asking for another address
     * while its reserved one waits is sent back to DISCOVER, as Kea does.
     */
    public boolean reservedAddressIsFree(long subnetId, ClientKey client, Reservation reservation) {
        SubnetSpace space = subnet(subnetId);
        return reservedAddressFor(space, Optional.of(reservation))
                .filter(address -> availableTo(address, new Binding(subnetId, client), clock.instant()))
                .isPresent();
    }

    /**
     * Whether a lease still keeps its address from others: an active lease until it expires, a
     * declined address until its probation ends, whether or not reclamation has run yet (Kea
     * hands out an expired address at once when it must).
     */
    private static boolean holds(Lease lease, Instant now) {
        return lease.state().holdsAddress() && !lease.isExpiredAt(now);
    }

    /** Free of other clients' leases and offers (the client's own are fine). */
    private boolean availableTo(Ipv4Address address, Binding binding, Instant now) {
        Lease lease = leases.get(address);
        if (lease != null && holds(lease, now) && !binding.client().equals(lease.clientKey())) {
            return false;
        }
        if (lease != null && lease.state() == LeaseState.DECLINED && holds(lease, now)) {
            return false;
        }
        Offer offer = offers.get(address);
        return offer == null || !offer.expires().isAfter(now) || offer.binding().equals(binding);
    }

    private boolean allocatableTo(SubnetSpace space, Ipv4Address address, Binding binding, Optional<Reservation> reservation,
                                  Instant now) {
        boolean ownReservation = reservedAddressFor(space, reservation).filter(address::equals).isPresent();
        return (ownReservation || !space.keepsFromOthers(address)) && availableTo(address, binding, now);
    }

    private boolean rememberedForAnother(Ipv4Address address, Binding binding, Instant now) {
        Lease lease = leases.get(address);
        return lease != null && !lease.clientKey().equals(binding.client()) && affine(lease, now);
    }

    /** Released, expired and reclaimed addresses stay with their last client for the affinity period. */
    private boolean affine(Lease lease, Instant now) {
        return switch (lease.state()) {
            case RELEASED, EXPIRED, RECLAIMED -> now.isBefore(lease.cltt().plus(affinity));
            case ACTIVE, DECLINED -> false;
        };
    }

    /**
     * When the pools have nothing else: the address whose last client left longest ago, whether it
     * is only remembered for that client or its lease has run out and awaits reclamation.
     */
    private Optional<Ipv4Address> longestForgotten(SubnetSpace space, Binding binding, Optional<Reservation> reservation, Instant now) {
        Ipv4Address best = null;
        Instant oldest = null;
        for (PoolSpace pool : space.pools) {
            for (int i = pool.busy.nextSetBit(0); i >= 0; i = pool.busy.nextSetBit(i + 1)) {
                Ipv4Address address = pool.pool.range().first().plus(i);
                Lease lease = leases.get(address);
                if (lease == null || holds(lease, now) || !allocatableTo(space, address, binding, reservation, now)) {
                    continue;
                }
                Instant ended = lease.state().holdsAddress() ? lease.expiry() : lease.cltt();
                if (oldest == null || ended.isBefore(oldest)) {
                    best = address;
                    oldest = ended;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** Recomputes one address's bits from the leases, reservations and offers. */
    private void refresh(Ipv4Address address) {
        Instant now = clock.instant();
        // Subnets never overlap (the configuration refuses it): only the one holding the address matters.
        for (SubnetSpace space : subnets.values()) {
            if (!space.config.subnet().contains(address)) {
                continue;
            }
            int poolIndex = space.poolOf(address);
            if (poolIndex < 0) {
                return;
            }
            PoolSpace pool = space.pools.get(poolIndex);
            int bit = (int) (address.toLong() - pool.pool.range().first().toLong());
            Lease lease = leases.get(address);
            Offer offer = offers.get(address);
            boolean taken = space.keepsFromOthers(address)
                    || (lease != null && lease.state().holdsAddress())
                    || (offer != null && offer.expires().isAfter(now));
            pool.taken.set(bit, taken);
            pool.busy.set(bit, taken || (lease != null && affine(lease, now)));
            return;
        }
    }

    private SubnetSpace subnet(long subnetId) {
        SubnetSpace space = subnets.get(subnetId);
        if (space == null) {
            throw new IllegalArgumentException("no subnet with id " + subnetId + " is configured");
        }
        return space;
    }

    /** A subnet's pools and reservations, indexed for allocation. */
    private static final class SubnetSpace {
        final SubnetConfig config;
        final List<PoolSpace> pools;
        /** The subnet's own reservations by address (global ones keep no address from anyone, as in Kea). */
        final Map<Ipv4Address, Reservation> reservedFor = new HashMap<>();

        SubnetSpace(SubnetConfig config) {
            this.config = config;
            this.pools = config.pools().stream().map(p -> new PoolSpace(p.pool())).toList();
            if (config.reservationScope().inSubnet()) {
                for (Reservation reservation : config.reservations()) {
                    reservation.address().ifPresent(address -> reservedFor.put(address, reservation));
                }
            }
            for (PoolSpace pool : pools) {
                reservedFor.keySet().stream().filter(pool.pool::contains).filter(this::keepsFromOthers).forEach(address ->
                        pool.markTaken((int) (address.toLong() - pool.pool.range().first().toLong())));
            }
        }

        /**
         * Whether the address is reserved, so only its owner may have it. Kea's reservations-out-of-pool
         * promises that no reservation lies in a pool, so in-pool reservations are not checked and
         * their addresses can go to anyone.
         */
        boolean keepsFromOthers(Ipv4Address address) {
            return reservedFor.containsKey(address) && !(config.reservationScope().outOfPool() && poolOf(address) >= 0);
        }

        /** The index of the pool holding the address, or -1. */
        int poolOf(Ipv4Address address) {
            for (int i = 0; i < pools.size(); i++) {
                if (pools.get(i).pool.contains(address)) {
                    return i;
                }
            }
            return -1;
        }
    }

    private static final class PoolSpace {
        final Pool pool;
        final int size;
        final BitSet taken;
        final BitSet busy;
        int cursor;

        PoolSpace(Pool pool) {
            if (pool.range().size() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("pool " + pool + " is larger than " + Integer.MAX_VALUE + " addresses");
            }
            this.pool = pool;
            this.size = (int) pool.range().size();
            this.taken = new BitSet(size);
            this.busy = new BitSet(size);
        }

        void markTaken(int bit) {
            taken.set(bit);
            busy.set(bit);
        }

        /** The next address that is neither taken nor remembered, after the last one handed out. */
        Optional<Ipv4Address> nextNotBusy() {
            int bit = busy.nextClearBit(cursor);
            if (bit >= size) {
                bit = busy.nextClearBit(0);
            }
            if (bit >= size) {
                return Optional.empty();
            }
            cursor = bit + 1 < size ? bit + 1 : 0;
            return Optional.of(pool.range().first().plus(bit));
        }
    }
}
