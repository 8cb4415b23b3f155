package org.leasedesk.app;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.leasedesk.lease.PoolRef;
import org.leasedesk.lease.PoolUsage;
import org.leasedesk.lease.UtilisationSample;
import org.leasedesk.server.DhcpServer;
import org.leasedesk.store.LeaseDatabase;
import org.leasedesk.store.TimeRange;
import org.leasedesk.store.UtilisationRepository;

/**
 * Pool and subnet utilisation, each split into its parts (dynamic leased, reserved in the pool,
 * reserved outside it, declined and in probation, offered, free): now, from a running server, and
 * over time, from the samples the server stores every sampling interval.
 *
 * <p>A subnet's figures add up its pools' parts. The one exception is "reserved outside pool": the
 * server reports the subnet's out-of-pool reservations on every pool of the subnet, so the subnet
 * counts them once, not once per pool.
 *
 * <p>Long ranges are downsampled to at most the points asked for: the range is cut into equal time
 * buckets and each bucket is shown by its <em>busiest</em> sample (the one with the most unavailable
 * addresses), not by the mean. A capacity chart exists to show how close a pool came to full: a mean
 * would flatten a lunchtime peak at 100 % into a harmless-looking 70 %. Taking a whole sample rather
 * than per-part maxima keeps the parts of each point consistent (they add up to the pool's total).
 */
public final class UtilisationAnalytics {

    /** One pool's figures now, under the range the admin knows it by. */
    public record PoolFigures(PoolRef pool, String range, PoolUsage usage) {
        public PoolFigures {
            Objects.requireNonNull(pool, "pool");
            Objects.requireNonNull(range, "range");
            Objects.requireNonNull(usage, "usage");
        }
    }

    /** One subnet's figures: its pools' parts added up (see the class comment for out-of-pool reservations). */
    public record SubnetFigures(long subnetId, int pools, PoolUsage usage) {}

    public record Snapshot(Instant at, List<PoolFigures> pools, List<SubnetFigures> subnets) {
        public Snapshot {
            Objects.requireNonNull(at, "at");
            pools = List.copyOf(pools);
            subnets = List.copyOf(subnets);
        }
    }

    /**
     * One point of a series: the busiest sample in {@code [from, until)}, taken at {@code at}.
     * Without downsampling each point is one sample and {@code from == at}.
     */
    public record Point(Instant from, Instant until, Instant at, PoolUsage usage) {}

    /** Points oldest first; {@code samples} is how many stored samples they summarise. */
    public record Series(String subject, TimeRange range, List<Point> points, int samples, Duration bucket) {
        public Series {
            points = List.copyOf(points);
        }

        public boolean isDownsampled() {
            return samples > points.size();
        }
    }

    public static final int MAX_POINTS = 10_000;

    private final UtilisationRepository samples;

    public UtilisationAnalytics(LeaseDatabase database) {
        this.samples = new UtilisationRepository(database);
    }

    /** Figures of every pool and subnet from a running server's {@link DhcpServer#usage()}. */
    public static Snapshot snapshot(Instant at, List<DhcpServer.SubnetUsage> usage) {
        List<PoolFigures> pools = usage.stream()
                .map(pool -> new PoolFigures(new PoolRef(pool.subnetId(), pool.poolId()), pool.range(), pool.usage()))
                .sorted(java.util.Comparator.comparing(PoolFigures::pool))
                .toList();
        Map<Long, List<PoolUsage>> bySubnet = pools.stream().collect(Collectors.groupingBy(
                figures -> figures.pool().subnetId(), TreeMap::new,
                Collectors.mapping(PoolFigures::usage, Collectors.toList())));
        List<SubnetFigures> subnets = bySubnet.entrySet().stream()
                .map(entry -> new SubnetFigures(entry.getKey(), entry.getValue().size(), combine(entry.getValue())))
                .toList();
        return new Snapshot(at, pools, subnets);
    }

    /** A subnet's usage from its pools' usage. */
    public static PoolUsage combine(Collection<PoolUsage> pools) {
        long total = 0;
        long leased = 0;
        long reserved = 0;
        long outside = 0;
        long declined = 0;
        long offered = 0;
        for (PoolUsage pool : pools) {
            total += pool.total();
            leased += pool.dynamicLeased();
            reserved += pool.reservedInPool();
            // The same subnet-wide count on every pool: take it once.
            outside = Math.max(outside, pool.reservedOutsidePool());
            declined += pool.declined();
            offered += pool.offered();
        }
        return new PoolUsage(total, leased, reserved, outside, declined, offered);
    }

    /** Every pool that has stored samples. */
    public List<PoolRef> sampledPools() {
        return samples.pools();
    }

    /** The pool's last recorded usage in {@code range}, if it was ever sampled there. */
    public java.util.Optional<UtilisationSample> latest(PoolRef pool, TimeRange range) {
        return samples.latest(pool.subnetId(), pool.poolId(), range);
    }

    /** The stored samples of one pool in {@code range}, oldest first, as they were taken. */
    public List<UtilisationSample> samplesOf(PoolRef pool, TimeRange range) {
        return samples.read(pool.subnetId(), pool.poolId(), range);
    }

    /** One pool's utilisation over {@code range}, downsampled to at most {@code maxPoints} points. */
    public Series poolSeries(PoolRef pool, TimeRange range, int maxPoints) {
        checkPoints(maxPoints);
        List<UtilisationSample> taken = samplesOf(pool, range);
        return downsample("pool " + pool, range, taken.stream().map(s -> new Point(s.time(), s.time(), s.time(), s.usage())).toList(),
                maxPoints);
    }

    /**
     * One subnet's utilisation over {@code range}: at each sampling tick its pools are combined (the
     * server samples every pool at the same instant), then downsampled like a pool's.
     */
    public Series subnetSeries(long subnetId, TimeRange range, int maxPoints) {
        checkPoints(maxPoints);
        Map<Instant, List<PoolUsage>> byTick = new TreeMap<>();
        for (PoolRef pool : samples.pools()) {
            if (pool.subnetId() == subnetId) {
                samplesOf(pool, range).forEach(sample -> byTick.computeIfAbsent(sample.time(), t -> new ArrayList<>()).add(sample.usage()));
            }
        }
        List<Point> ticks = byTick.entrySet().stream()
                .map(tick -> new Point(tick.getKey(), tick.getKey(), tick.getKey(), combine(tick.getValue())))
                .toList();
        return downsample("subnet " + subnetId, range, ticks, maxPoints);
    }

    private static void checkPoints(int maxPoints) {
        if (maxPoints < 1 || maxPoints > MAX_POINTS) {
            throw new IllegalArgumentException("points must be 1-" + MAX_POINTS + ", was " + maxPoints);
        }
    }

    /**
     * Equal buckets over the span the samples cover (not the whole asked range: a range of "all time"
     * must not put every sample into one bucket), each shown by its busiest sample.
     */
    static Series downsample(String subject, TimeRange range, List<Point> points, int maxPoints) {
        if (points.size() <= maxPoints) {
            return new Series(subject, range, points, points.size(), Duration.ZERO);
        }
        Instant first = points.get(0).at();
        Instant last = points.get(points.size() - 1).at();
        // The span includes one sampling step after the last sample, so a day of samples every minute
        // makes buckets of exactly an hour for 24 points, not 59 min 57.5 s; rounded up to whole milliseconds.
        long n = points.size();
        long spanMillis = Duration.between(first, last).toMillis() * n / (n - 1);
        long bucketNanos = Duration.ofMillis(Math.max(1, (spanMillis + maxPoints - 1) / maxPoints)).toNanos();
        Duration bucket = Duration.ofNanos(bucketNanos);
        List<Point> buckets = new ArrayList<>();
        Point busiest = null;
        long current = -1;
        for (Point point : points) {
            long index = Duration.between(first, point.at()).toNanos() / bucketNanos;
            if (index != current) {
                if (busiest != null) {
                    buckets.add(bucketOf(first, current, bucket, busiest));
                }
                current = index;
                busiest = point;
            } else if (point.usage().unavailable() > busiest.usage().unavailable()) {
                busiest = point;
            }
        }
        buckets.add(bucketOf(first, current, bucket, busiest));
        return new Series(subject, range, buckets, points.size(), bucket);
    }

    private static Point bucketOf(Instant first, long index, Duration bucket, Point busiest) {
        Instant from = first.plus(bucket.multipliedBy(index));
        return new Point(from, from.plus(bucket), busiest.at(), busiest.usage());
    }
}
