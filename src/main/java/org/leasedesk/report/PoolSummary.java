package org.leasedesk.report;

import java.util.Objects;
import org.leasedesk.lease.PoolUsage;

/** One pool's figures in a report, under the name the admin knows it by (such as "192.0.2.100-192.0.2.150"). */
public record PoolSummary(String name, PoolUsage usage) {

    public PoolSummary {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(usage, "usage");
    }
}
