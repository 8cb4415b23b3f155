package org.leasedesk.app.lab;

import java.util.Objects;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.lease.Subnet;

/**
 * The addresses the lab serves: documentation space that no real network routes. Small pools fit
 * TEST-NET-1 (192.0.2.0/24, RFC 5737); larger ones take a prefix of the benchmarking block
 * 198.18.0.0/15 (RFC 2544) just big enough. The server identifier is the subnet's first host and the
 * pool starts a few addresses above it, as an admin would leave room for routers and printers.
 */
public record LabNetwork(Subnet subnet, Ipv4Address serverId, Ipv4Address poolStart, Ipv4Address poolEnd) {

    /** Hosts below the pool: the server and room for static addresses. */
    static final int RESERVED_BELOW_POOL = 9;
    private static final Subnet TEST_NET_1 = Subnet.parse("192.0.2.0/24");
    private static final Ipv4Address BENCHMARK_BLOCK = Ipv4Address.parse("198.18.0.0");

    public LabNetwork {
        Objects.requireNonNull(subnet, "subnet");
        Objects.requireNonNull(serverId, "serverId");
        Objects.requireNonNull(poolStart, "poolStart");
        Objects.requireNonNull(poolEnd, "poolEnd");
    }

    public static LabNetwork forPoolSize(int poolSize) {
        if (poolSize < 1 || poolSize > LabSettings.MAX_POOL_SIZE) {
            throw new IllegalArgumentException("the lab pool holds 1 to " + LabSettings.MAX_POOL_SIZE + " addresses, not " + poolSize);
        }
        // Network, broadcast, server and the addresses kept below the pool.
        long needed = poolSize + RESERVED_BELOW_POOL + 2L;
        Subnet subnet = needed <= 256 ? TEST_NET_1 : new Subnet(BENCHMARK_BLOCK, 32 - bitsFor(needed));
        Ipv4Address serverId = subnet.network().plus(1);
        Ipv4Address start = serverId.plus(RESERVED_BELOW_POOL);
        return new LabNetwork(subnet, serverId, start, start.plus(poolSize - 1L));
    }

    public long poolSize() {
        return poolEnd.toLong() - poolStart.toLong() + 1;
    }

    private static int bitsFor(long addresses) {
        return 64 - Long.numberOfLeadingZeros(addresses - 1);
    }

    /**
     * The lab server's configuration in Kea's format: short leases so renewals and expiries show
     * within minutes, decline probation of two lease times so a declined address visibly comes back,
     * and reclamation every two seconds.
     */
    public String configuration(LabSettings settings) {
        long valid = settings.leaseTime().toSeconds();
        return """
                {
                  "Dhcp4": {
                    "valid-lifetime": %d,
                    "renew-timer": %d,
                    "rebind-timer": %d,
                    "decline-probation-period": %d,
                    "expired-leases-processing": { "reclaim-timer-wait-time": 2, "hold-reclaimed-time": 600, "max-reclaim-leases": 1000 },
                    "subnet4": [
                      {
                        "id": 1,
                        "subnet": "%s",
                        "pools": [ { "pool": "%s - %s" } ],
                        "option-data": [ { "name": "routers", "data": "%s" }, { "name": "domain-name", "data": "lab.example" } ]
                      }
                    ]
                  }
                }
                """.formatted(valid, valid / 2, valid * 7 / 8, valid * 2, subnet, poolStart, poolEnd, serverId);
    }
}
