package org.leasedesk.app;

import org.leasedesk.lease.PoolUsage;

/**
 * When a pool's utilisation deserves attention: at {@code warningPercent} it is filling up, at
 * {@code criticalPercent} it is about to turn clients away.
 */
public record Thresholds(int warningPercent, int criticalPercent) {

    public static final Thresholds DEFAULTS = new Thresholds(80, 95);

    /** How a pool stands against the thresholds. */
    public enum Level { NORMAL, WARNING, CRITICAL }

    public Thresholds {
        if (warningPercent < 1 || warningPercent > 99) {
            throw new IllegalArgumentException("warning threshold must be 1-99 %, was " + warningPercent);
        }
        if (criticalPercent <= warningPercent || criticalPercent > 100) {
            throw new IllegalArgumentException("critical threshold must be above the warning threshold (" + warningPercent
                    + " %) and at most 100 %, was " + criticalPercent);
        }
    }

    public Level level(PoolUsage usage) {
        return level(usage.utilisationPercent());
    }

    public Level level(int percent) {
        return percent >= criticalPercent ? Level.CRITICAL : percent >= warningPercent ? Level.WARNING : Level.NORMAL;
    }
}
