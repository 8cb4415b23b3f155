package org.leasedesk.lease;

import java.time.Instant;
import java.util.Objects;

/** A pool's usage at one moment, as recorded for the utilisation history. */
public record UtilisationSample(Instant time, long subnetId, long poolId, PoolUsage usage) {

    public UtilisationSample {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(usage, "usage");
        if (subnetId < 1 || poolId < 0) {
            throw new IllegalArgumentException(
                    "utilisation sample needs subnet id >= 1 and pool id >= 0, got " + subnetId + "/" + poolId);
        }
    }
}
