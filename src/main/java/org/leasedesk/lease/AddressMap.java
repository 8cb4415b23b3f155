package org.leasedesk.lease;

import java.util.Arrays;
import java.util.Objects;

/**
 * The state of every address of one pool at one moment, for the pools' heat map. Kept as one byte
 * per address so a /16 pool is 64 KiB, not 65,536 objects.
 */
public final class AddressMap {

    /** What an address is doing now, as the heat map colours it. */
    public enum State {
        /** Nobody holds or is remembered on it. */
        FREE,
        /** An active lease. */
        LEASED,
        /** Offered moments ago; the client has not requested it yet. */
        OFFERED,
        /** Reserved for a client by the configuration. */
        RESERVED,
        /** Declined by its holder, in probation. */
        DECLINED,
        /** Released or expired, still remembered for its last client (affinity). */
        EXPIRED
    }

    private static final State[] STATES = State.values();

    private final long subnetId;
    private final long poolId;
    private final AddressRange range;
    private final byte[] states;

    /** @param states one {@link State#ordinal()} per address of {@code range}, first address first */
    public AddressMap(long subnetId, long poolId, AddressRange range, byte[] states) {
        this.subnetId = subnetId;
        this.poolId = poolId;
        this.range = Objects.requireNonNull(range, "range");
        if (states.length != range.size()) {
            throw new IllegalArgumentException("a map of " + range + " needs " + range.size() + " states, got " + states.length);
        }
        this.states = states.clone();
    }

    public long subnetId() {
        return subnetId;
    }

    public long poolId() {
        return poolId;
    }

    public AddressRange range() {
        return range;
    }

    public int size() {
        return states.length;
    }

    public State stateAt(int index) {
        return STATES[states[index]];
    }

    public Ipv4Address addressAt(int index) {
        return range.first().plus(index);
    }

    /** How many addresses are in {@code state}. */
    public long count(State state) {
        byte wanted = (byte) state.ordinal();
        long count = 0;
        for (byte b : states) {
            if (b == wanted) {
                count++;
            }
        }
        return count;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AddressMap map && map.subnetId == subnetId && map.poolId == poolId && map.range.equals(range)
                && Arrays.equals(map.states, states);
    }

    @Override
    public int hashCode() {
        return Objects.hash(subnetId, poolId, range, Arrays.hashCode(states));
    }

    @Override
    public String toString() {
        return "AddressMap[subnet " + subnetId + " pool " + poolId + " " + range + "]";
    }
}
