package org.leasedesk.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leasedesk.lease.PoolRef;
import org.leasedesk.lease.PoolUsage;
import org.leasedesk.lease.UtilisationSample;
import org.leasedesk.server.DhcpServer;
import org.leasedesk.store.LeaseDatabase;
import org.leasedesk.store.TimeRange;
import org.leasedesk.store.UtilisationRepository;

class UtilisationAnalyticsTest {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    @TempDir
    Path directory;

    @Test
    void aSubnetAddsItsPoolsPartsAndCountsOutOfPoolReservationsOnce() {
        UtilisationAnalytics.Snapshot snapshot = UtilisationAnalytics.snapshot(T0, List.of(
                new DhcpServer.SubnetUsage(2, 1, "198.51.100.10-198.51.100.19", new PoolUsage(10, 1, 0, 0, 0, 0)),
                new DhcpServer.SubnetUsage(1, 2, "192.0.2.100-192.0.2.199", new PoolUsage(100, 50, 2, 3, 4, 1)),
                new DhcpServer.SubnetUsage(1, 1, "192.0.2.10-192.0.2.59", new PoolUsage(50, 20, 1, 3, 0, 2))));
        assertThat(snapshot.pools()).extracting(UtilisationAnalytics.PoolFigures::pool)
                .containsExactly(new PoolRef(1, 1), new PoolRef(1, 2), new PoolRef(2, 1));
        UtilisationAnalytics.SubnetFigures first = snapshot.subnets().get(0);
        assertThat(first.subnetId()).isEqualTo(1);
        assertThat(first.pools()).isEqualTo(2);
        assertThat(first.usage()).isEqualTo(new PoolUsage(150, 70, 3, 3, 4, 3));
        assertThat(first.usage().free()).isEqualTo(70);
        assertThat(snapshot.subnets().get(1).usage()).isEqualTo(new PoolUsage(10, 1, 0, 0, 0, 0));
    }

    @Test
    void aShortSeriesIsReturnedSampleBySample() {
        try (LeaseDatabase database = LeaseDatabase.open(directory.resolve("leases"))) {
            record(database, 1, 1, 10, minute -> minute);
            UtilisationAnalytics.Series series = new UtilisationAnalytics(database).poolSeries(new PoolRef(1, 1), TimeRange.ALL, 100);
            assertThat(series.isDownsampled()).isFalse();
            assertThat(series.points()).extracting(point -> point.usage().dynamicLeased())
                    .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        }
    }

    @Test
    void aLongSeriesKeepsEachBucketsPeakSoAShortBurstToFullStaysVisible() {
        try (LeaseDatabase database = LeaseDatabase.open(directory.resolve("leases"))) {
            // A day of minutes at 30 leased, with one minute at 100 (full) at 13:37.
            record(database, 1, 1, 1440, minute -> minute == 13 * 60 + 37 ? 100 : 30);
            UtilisationAnalytics.Series series = new UtilisationAnalytics(database).poolSeries(new PoolRef(1, 1), TimeRange.ALL, 24);
            assertThat(series.isDownsampled()).isTrue();
            assertThat(series.samples()).isEqualTo(1440);
            assertThat(series.points()).hasSize(24);
            assertThat(series.bucket()).isEqualTo(Duration.ofHours(1));
            assertThat(series.points()).filteredOn(point -> point.usage().dynamicLeased() == 100).singleElement()
                    .satisfies(point -> {
                        assertThat(point.at()).isEqualTo(T0.plus(Duration.ofMinutes(13 * 60 + 37)));
                        assertThat(point.from()).isEqualTo(T0.plus(Duration.ofHours(13)));
                    });
            assertThat(series.points()).filteredOn(point -> point.usage().dynamicLeased() == 30).hasSize(23);
        }
    }

    @Test
    void aSubnetSeriesCombinesItsPoolsAtEachTick() {
        try (LeaseDatabase database = LeaseDatabase.open(directory.resolve("leases"))) {
            record(database, 1, 1, 3, minute -> 10 + minute);
            record(database, 1, 2, 3, minute -> 20);
            record(database, 2, 1, 3, minute -> 40);
            UtilisationAnalytics analytics = new UtilisationAnalytics(database);
            assertThat(analytics.sampledPools()).containsExactly(new PoolRef(1, 1), new PoolRef(1, 2), new PoolRef(2, 1));
            assertThat(analytics.subnetSeries(1, TimeRange.ALL, 10).points())
                    .extracting(point -> point.usage().dynamicLeased(), point -> point.usage().total())
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(30L, 200L), org.assertj.core.groups.Tuple.tuple(31L, 200L),
                            org.assertj.core.groups.Tuple.tuple(32L, 200L));
            assertThat(analytics.latest(new PoolRef(1, 1), TimeRange.ALL)).get()
                    .satisfies(sample -> assertThat(sample.usage().dynamicLeased()).isEqualTo(12));
        }
    }

    @Test
    void pointsOutsideTheLimitAreRefusedNamingTheField() {
        try (LeaseDatabase database = LeaseDatabase.open(directory.resolve("leases"))) {
            assertThatThrownBy(() -> new UtilisationAnalytics(database).poolSeries(new PoolRef(1, 1), TimeRange.ALL, 0))
                    .hasMessageContaining("points");
        }
    }

    private static void record(LeaseDatabase database, long subnet, long pool, int minutes, java.util.function.IntToLongFunction leased) {
        List<UtilisationSample> samples = new ArrayList<>();
        for (int minute = 0; minute < minutes; minute++) {
            samples.add(new UtilisationSample(T0.plus(Duration.ofMinutes(minute)), subnet, pool,
                    new PoolUsage(100, leased.applyAsLong(minute), 0, 0, 0, 0)));
        }
        new UtilisationRepository(database).record(samples);
    }
}
