package org.leasedesk.app;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Remembers each pool's threshold level between dashboard snapshots and reports the pools whose
 * level changed, so a crossing is announced once rather than on every refresh. A pool seen for the
 * first time counts as coming from {@link Thresholds.Level#NORMAL}.
 */
public final class ThresholdWatch {

    /** A pool moved from one level to another; {@code percent} is its utilisation then. */
    public record Crossing(DashboardFeed.PoolFigures pool, Thresholds.Level from, Thresholds.Level to, int percent) {
        public boolean rising() {
            return to.compareTo(from) > 0;
        }

        public String describe() {
            return "Pool " + pool.range() + (rising() ? " rose to " : " fell to ") + percent + " % ("
                    + to.name().toLowerCase(java.util.Locale.ROOT) + ")";
        }
    }

    /**
     * Points a pool must fall below a threshold before its level drops, as {@link AlertMonitor}
     * does: a pool hovering at 80 % would otherwise raise and clear a warning on every refresh.
     */
    static final int HYSTERESIS_PERCENT = 5;

    private final Map<String, Thresholds.Level> levels = new HashMap<>();

    public synchronized List<Crossing> update(List<DashboardFeed.PoolFigures> pools, Thresholds thresholds) {
        List<Crossing> crossings = new ArrayList<>();
        for (DashboardFeed.PoolFigures pool : pools) {
            int percent = pool.usage().utilisationPercent();
            Thresholds.Level before = levels.getOrDefault(key(pool), Thresholds.Level.NORMAL);
            Thresholds.Level level = thresholds.level(percent);
            if (level.compareTo(before) < 0) {
                level = thresholds.level(Math.min(100, percent + HYSTERESIS_PERCENT));
            }
            levels.put(key(pool), level);
            if (level != before) {
                crossings.add(new Crossing(pool, before, level, pool.usage().utilisationPercent()));
            }
        }
        return crossings;
    }

    private static String key(DashboardFeed.PoolFigures pool) {
        return pool.subnetId() + "/" + pool.poolId() + "/" + pool.range();
    }
}
