package org.leasedesk.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.leasedesk.server.config.ServerConfig.Reclamation;

/**
 * One reclamation cycle's limits, Kea's max-reclaim-leases and max-reclaim-time: at most so many
 * leases and so much time per cycle (0 for either means no limit), so a backlog of expired leases
 * never holds up the packet thread for long.
 */
record ReclamationBudget(int maxLeases, Duration maxTime) {

    static ReclamationBudget of(Reclamation settings) {
        return new ReclamationBudget(settings.maxLeasesPerCycle() > 0 ? settings.maxLeasesPerCycle() : Integer.MAX_VALUE,
                settings.maxTimePerCycle());
    }

    /** Reclaims leases from {@code due} in order until the time is up; returns how many it reclaimed. */
    <T> int spend(List<T> due, Clock clock, Consumer<T> reclaim) {
        Instant deadline = maxTime.isZero() ? Instant.MAX : clock.instant().plus(maxTime);
        int reclaimed = 0;
        for (T lease : due) {
            if (reclaimed == maxLeases || clock.instant().isAfter(deadline)) {
                break;
            }
            reclaim.accept(lease);
            reclaimed++;
        }
        return reclaimed;
    }
}
