package org.leasedesk.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import org.leasedesk.app.lab.FleetCounters;
import org.leasedesk.app.lab.LabFleet;
import org.leasedesk.lease.LeaseEvent;
import org.leasedesk.lease.LeaseEventType;
import org.leasedesk.lease.PoolUsage;
import org.leasedesk.protocol.MessageType;
import org.leasedesk.server.DhcpServer;
import org.leasedesk.server.ServerStatistics;

/**
 * The dashboard's figures, computed on demand off the UI thread: pool usage from the running
 * server, packet counters from its statistics, and the rate of new leases from the lease events the
 * workbench publishes. One {@link #take} per refresh, however many packets arrived in between.
 */
public final class DashboardFeed implements AutoCloseable {

    /** How long a snapshot waits for the server's packet thread before showing the last figures. */
    private static final Duration USAGE_WAIT = Duration.ofSeconds(2);

    /** A pool's figures: subnet id, pool id (from 1), its range and its usage. */
    public record PoolFigures(long subnetId, long poolId, String range, PoolUsage usage) {
        public String name() {
            return "Subnet " + subnetId + " pool " + poolId + " (" + range + ")";
        }
    }

    /**
     * @param doraPerSecond new leases per second since the previous snapshot (each completes a DORA)
     * @param naks NAKs sent since the server started
     * @param declines DECLINEs received since the server started
     * @param drops packets dropped since the server started, for any reason
     */
    public record Snapshot(Instant time, boolean serving, List<PoolFigures> pools, long activeLeases, long freeAddresses,
                           int utilisationPercent, int poolsNearExhaustion, double doraPerSecond, long naks, long declines,
                           long drops, Optional<FleetCounters> fleet) {
        public Snapshot {
            pools = List.copyOf(pools);
        }

        public static Snapshot idle(Instant time) {
            return new Snapshot(time, false, List.of(), 0, 0, 0, 0, 0, 0, 0, 0, Optional.empty());
        }
    }

    private final Workbench workbench;
    private final Clock clock;
    private final LongAdder granted = new LongAdder();
    private final Workbench.Listener listener = new Workbench.Listener() {
        @Override
        public void leaseChanged(LeaseEvent event) {
            if (event.type() == LeaseEventType.GRANTED) {
                granted.increment();
            }
        }
    };
    private long lastGranted;
    private Instant lastTime;

    public DashboardFeed(Workbench workbench, Clock clock) {
        this.workbench = Objects.requireNonNull(workbench, "workbench");
        this.clock = clock;
        this.lastTime = clock.instant();
        workbench.addListener(listener);
    }

    /** The figures now; blocks up to two seconds for the server, so never call it on the UI thread. */
    public synchronized Snapshot take(Thresholds thresholds) {
        Instant now = clock.instant();
        long grantedNow = granted.sum();
        double seconds = Math.max(1e-3, Duration.between(lastTime, now).toNanos() / 1e9);
        double doraPerSecond = (grantedNow - lastGranted) / seconds;
        lastGranted = grantedNow;
        lastTime = now;
        Optional<DhcpServer> server = workbench.server();
        if (server.isEmpty()) {
            return Snapshot.idle(now);
        }
        List<PoolFigures> pools = usage(server.get());
        ServerStatistics.Snapshot statistics = server.get().statistics();
        long total = 0;
        long unavailable = 0;
        long active = 0;
        int near = 0;
        for (PoolFigures pool : pools) {
            total += pool.usage().total();
            unavailable += pool.usage().unavailable();
            active += pool.usage().dynamicLeased() + pool.usage().reservedInPool();
            if (thresholds.level(pool.usage()) != Thresholds.Level.NORMAL) {
                near++;
            }
        }
        // Rounded across pools as PoolUsage rounds one pool: never 100 % while an address is free.
        int percent = total == 0 ? 0 : new PoolUsage(total, unavailable, 0, 0, 0, 0).utilisationPercent();
        long drops = statistics.dropped().values().stream().mapToLong(Long::longValue).sum();
        return new Snapshot(now, true, pools, active, total - unavailable, percent, near, doraPerSecond,
                statistics.sent(MessageType.NAK), statistics.received(MessageType.DECLINE), drops,
                workbench.lab().map(LabFleet::counters));
    }

    private static List<PoolFigures> usage(DhcpServer server) {
        try {
            return server.usage().get(USAGE_WAIT.toMillis(), TimeUnit.MILLISECONDS).stream()
                    .map(pool -> new PoolFigures(pool.subnetId(), pool.poolId(), pool.range(), pool.usage()))
                    .toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } catch (ExecutionException | TimeoutException e) {
            // A server stopping meanwhile or too busy to answer: show no pools this round rather than fail.
            return List.of();
        }
    }

    @Override
    public void close() {
        workbench.removeListener(listener);
    }
}
