package org.leasedesk.lease;

/**
 * Names one pool as the store and the server do: the subnet's id and the pool's place in it
 * (1 and up; 0 for addresses outside every pool, such as out-of-pool reservations).
 */
public record PoolRef(long subnetId, long poolId) implements Comparable<PoolRef> {

    public PoolRef {
        if (subnetId < 1) {
            throw new IllegalArgumentException("subnet id must be 1 or more, was " + subnetId);
        }
        if (poolId < 0) {
            throw new IllegalArgumentException("pool id must be 0 or more, was " + poolId);
        }
    }

    /** Reads "SUBNET/POOL", as in "1/2", the form {@link #toString()} writes. */
    public static PoolRef parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("pool '" + text + "' is not SUBNET_ID/POOL_ID, as 1/2");
        }
        try {
            return new PoolRef(Long.parseLong(text.substring(0, slash).strip()),
                    Long.parseLong(text.substring(slash + 1).strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("pool '" + text + "' is not SUBNET_ID/POOL_ID, as 1/2");
        }
    }

    @Override
    public int compareTo(PoolRef other) {
        int bySubnet = Long.compare(subnetId, other.subnetId);
        return bySubnet != 0 ? bySubnet : Long.compare(poolId, other.poolId);
    }

    @Override
    public String toString() {
        return subnetId + "/" + poolId;
    }
}
