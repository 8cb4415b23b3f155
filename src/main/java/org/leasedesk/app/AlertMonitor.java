package org.leasedesk.app;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.leasedesk.lease.LeaseEvent;
import org.leasedesk.lease.LeaseEventType;
import org.leasedesk.lease.PoolRef;
import org.leasedesk.lease.PoolUsage;
import org.leasedesk.protocol.MessageType;
import org.leasedesk.server.DhcpServer;
import org.leasedesk.server.ServerStatistics;

/**
 * Watches pool utilisation and the server's packet counters and raises alerts: a pool crossing its
 * warning or critical threshold, and a server that grants nothing while clients keep asking.
 * It holds no clock and no thread: whoever feeds it snapshots ({@link #observe}) says what time it
 * is, so a test drives it with made-up snapshots and times, and the launcher with the real ones.
 *
 * <p><b>Thresholds.</b> Each pool has a warning and a critical percentage (defaults 80 and 95,
 * settable per pool). An alert ({@link LeaseEventType#THRESHOLD_RAISED}) is raised once when the
 * utilisation rises to or past a threshold, and cleared ({@link LeaseEventType#THRESHOLD_CLEAR})
 * once when it falls back. To keep a pool hovering at 80 % from raising and clearing every minute,
 * falling back needs {@link Settings#hysteresisPercent()} points more (default 5: a warning at 80 %
 * clears below 75 %).
 *
 * <p><b>Stuck server.</b> When no ACK has been sent for {@link Settings#stuckAfter()} although at
 * least {@link Settings#stuckMinRequests()} DISCOVERs and REQUESTs arrived since the last one, and
 * clients still ask (the last of them arrived within the last half of that time: a burst long past
 * and silence since is a quiet network, not a stuck server), {@link LeaseEventType#SERVER_STUCK} is raised once, and
 * {@link LeaseEventType#SERVER_RECOVERED} when an ACK goes out again. ACKs stand for grants: an ACK
 * to an INFORM grants nothing, but a server that answers INFORMs is not stuck either. A pool that
 * is full also stops grants: then both alerts say so, which is what an admin needs to hear.
 *
 * <p>Alerts go to the {@link AlertListener} as lease events (no address, the pool's subnet and
 * pool id, the text in {@code detail}), ready to be stored as history, each with the level it leaves
 * behind, so a notification can tell a warning from a critical alert without reading the text.
 */
public final class AlertMonitor {

    /** Where the alerts go; called on the thread that calls {@link #observe}. */
    @FunctionalInterface
    public interface AlertListener {
        void alert(Alert alert);
    }

    /**
     * An alert and the level it leaves behind: the pool's new level for a threshold alert,
     * {@link Level#CRITICAL} for a stuck server and {@link Level#NORMAL} for one that recovered.
     */
    public record Alert(LeaseEvent event, Level level) {
        public Alert {
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(level, "level");
        }

        /** One line for a person: what kind of alert, then its detail. */
        public String describe() {
            String kind = switch (event.type()) {
                case THRESHOLD_RAISED -> level == Level.CRITICAL ? "Critical" : "Warning";
                case THRESHOLD_CLEAR -> "Cleared";
                case SERVER_STUCK -> "Server stuck";
                case SERVER_RECOVERED -> "Server recovered";
                default -> event.type().name();
            };
            return kind + ": " + event.detail();
        }
    }

    /**
     * @param hysteresisPercent how many points below a threshold a pool must fall before its alert clears
     * @param stuckAfter how long without an ACK, while clients ask, makes the server stuck
     * @param stuckMinRequests how many DISCOVERs and REQUESTs since the last ACK count as "clients keep asking"
     */
    public record Settings(Thresholds defaults, Map<PoolRef, Thresholds> perPool, int hysteresisPercent, Duration stuckAfter,
                           long stuckMinRequests) {
        public static final Settings DEFAULTS = new Settings(Thresholds.DEFAULTS, Map.of(), 5, Duration.ofMinutes(10), 10);

        public Settings {
            Objects.requireNonNull(defaults, "defaults");
            perPool = Map.copyOf(perPool);
            Objects.requireNonNull(stuckAfter, "stuckAfter");
            if (hysteresisPercent < 0 || hysteresisPercent > 50) {
                throw new IllegalArgumentException("hysteresis must be 0-50 percentage points, was " + hysteresisPercent);
            }
            if (stuckAfter.isNegative() || stuckAfter.isZero()) {
                throw new IllegalArgumentException("stuckAfter must be positive, was " + stuckAfter);
            }
            if (stuckMinRequests < 1) {
                throw new IllegalArgumentException("stuckMinRequests must be at least 1, was " + stuckMinRequests);
            }
        }

        public Thresholds thresholdsOf(PoolRef pool) {
            return perPool.getOrDefault(pool, defaults);
        }
    }

    /** How alarming a pool's utilisation is. */
    public enum Level {
        NORMAL, WARNING, CRITICAL
    }

    private final AlertListener listener;
    private Settings settings;
    private final Map<PoolRef, Level> levels = new HashMap<>();

    private boolean started;
    private long acks;
    private long requests;
    private long requestsSinceGrant;
    private Instant lastGrant;
    private Instant lastRequest;
    private boolean stuck;

    public AlertMonitor(Settings settings, AlertListener listener) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** Sets one pool's thresholds from now on; the next observation raises or clears by them. */
    public synchronized void setThresholds(PoolRef pool, Thresholds thresholds) {
        Map<PoolRef, Thresholds> perPool = new HashMap<>(settings.perPool());
        perPool.put(pool, thresholds);
        settings = new Settings(settings.defaults(), perPool, settings.hysteresisPercent(), settings.stuckAfter(),
                settings.stuckMinRequests());
    }

    /** Sets the thresholds of every pool without thresholds of its own, from now on. */
    public synchronized void setDefaults(Thresholds thresholds) {
        settings = new Settings(Objects.requireNonNull(thresholds, "thresholds"), settings.perPool(), settings.hysteresisPercent(),
                settings.stuckAfter(), settings.stuckMinRequests());
    }

    public synchronized Settings settings() {
        return settings;
    }

    /** The pool's level after the last observation; NORMAL for a pool not seen yet. */
    public synchronized Level level(PoolRef pool) {
        return levels.getOrDefault(pool, Level.NORMAL);
    }

    public synchronized boolean isStuck() {
        return stuck;
    }

    /** Compares one moment's usage and counters with the previous ones and raises or clears alerts. */
    public synchronized void observe(Instant now, List<DhcpServer.SubnetUsage> usage, ServerStatistics.Snapshot statistics) {
        Objects.requireNonNull(now, "now");
        Set<PoolRef> present = new HashSet<>();
        for (DhcpServer.SubnetUsage pool : usage) {
            PoolRef ref = new PoolRef(pool.subnetId(), pool.poolId());
            present.add(ref);
            observePool(now, ref, pool.range(), pool.usage());
        }
        // A pool removed by a reload has no level any more; should it come back, it starts afresh.
        levels.keySet().retainAll(present);
        observeGrants(now, statistics);
    }

    private void observePool(Instant now, PoolRef pool, String range, PoolUsage usage) {
        Thresholds thresholds = settings.thresholdsOf(pool);
        double percent = usage.utilisation() * 100;
        Level before = levels.getOrDefault(pool, Level.NORMAL);
        Level after = next(before, percent, thresholds, settings.hysteresisPercent());
        levels.put(pool, after);
        if (after == before) {
            return;
        }
        String figures = "(" + usage.unavailable() + " of " + usage.total() + " unavailable: leased " + usage.dynamicLeased()
                + ", reserved " + usage.reservedInPool() + ", declined " + usage.declined() + ", offered " + usage.offered()
                + "; free " + usage.free() + ")";
        String name = "pool " + pool + " (" + range + ")";
        if (after.compareTo(before) > 0) {
            int threshold = after == Level.CRITICAL ? thresholds.criticalPercent() : thresholds.warningPercent();
            listener.alert(new Alert(LeaseEvent.alarm(LeaseEventType.THRESHOLD_RAISED, now, pool.subnetId(), pool.poolId(),
                    name + " is " + percent(percent) + " used, at or above its " + word(after) + " threshold of " + threshold
                            + " % " + figures), after));
        } else {
            int threshold = before == Level.CRITICAL ? thresholds.criticalPercent() : thresholds.warningPercent();
            listener.alert(new Alert(LeaseEvent.alarm(LeaseEventType.THRESHOLD_CLEAR, now, pool.subnetId(), pool.poolId(),
                    name + " is back to " + percent(percent) + " used, below its " + word(before) + " threshold of " + threshold
                            + " % by more than " + settings.hysteresisPercent() + " points; now " + word(after) + " " + figures),
                    after));
        }
    }

    /** The level after one observation: up at once, down only past the hysteresis. */
    static Level next(Level current, double percent, Thresholds thresholds, int hysteresis) {
        Level reached = percent >= thresholds.criticalPercent() ? Level.CRITICAL
                : percent >= thresholds.warningPercent() ? Level.WARNING : Level.NORMAL;
        if (reached.compareTo(current) >= 0) {
            return reached;
        }
        if (current == Level.CRITICAL && percent >= thresholds.criticalPercent() - hysteresis) {
            return Level.CRITICAL;
        }
        if (percent >= thresholds.warningPercent() - hysteresis) {
            return Level.WARNING;
        }
        return Level.NORMAL;
    }

    private void observeGrants(Instant now, ServerStatistics.Snapshot statistics) {
        long acksNow = statistics.sent(MessageType.ACK);
        long requestsNow = statistics.received(MessageType.DISCOVER) + statistics.received(MessageType.REQUEST);
        if (!started) {
            // The first observation is the baseline: nothing is known about what came before.
            started = true;
            acks = acksNow;
            requests = requestsNow;
            lastGrant = now;
            return;
        }
        // Counters restart from zero only with a new server; treat a drop as a fresh baseline.
        long newRequests = Math.max(0, requestsNow - requests);
        boolean granted = acksNow > acks;
        acks = acksNow;
        requests = requestsNow;
        if (newRequests > 0) {
            lastRequest = now;
        }
        if (granted) {
            lastGrant = now;
            requestsSinceGrant = 0;
            if (stuck) {
                stuck = false;
                listener.alert(new Alert(LeaseEvent.alarm(LeaseEventType.SERVER_RECOVERED, now, 0, 0,
                        "leases are granted again (an ACK was sent after the server was stuck)"), Level.NORMAL));
            }
            return;
        }
        requestsSinceGrant += newRequests;
        Duration silent = Duration.between(lastGrant, now);
        boolean stillAsking = lastRequest != null && !lastRequest.isBefore(now.minus(settings.stuckAfter().dividedBy(2)));
        if (!stuck && silent.compareTo(settings.stuckAfter()) >= 0 && stillAsking
                && requestsSinceGrant >= settings.stuckMinRequests()) {
            stuck = true;
            listener.alert(new Alert(LeaseEvent.alarm(LeaseEventType.SERVER_STUCK, now, 0, 0,
                    "no lease granted for " + minutes(silent) + " although clients sent " + requestsSinceGrant
                            + " DISCOVER/REQUEST since " + lastGrant + "; check the pools (full?), the lease store and the log"),
                    Level.CRITICAL));
        }
    }

    private static String word(Level level) {
        return level.name().toLowerCase(Locale.ROOT);
    }

    private static String percent(double percent) {
        return String.format(Locale.ROOT, "%.1f %%", percent);
    }

    private static String minutes(Duration duration) {
        return duration.toMinutes() + " min";
    }
}
