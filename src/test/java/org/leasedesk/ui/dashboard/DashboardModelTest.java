package org.leasedesk.ui.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.leasedesk.app.DashboardFeed;
import org.leasedesk.app.lab.FleetCounters;
import org.leasedesk.lease.PoolUsage;

class DashboardModelTest {

    @Test
    void tilesShowTheSnapshotAndDashesWhenNoServerRuns() {
        DashboardModel model = new DashboardModel();
        DashboardFeed.Snapshot snapshot = new DashboardFeed.Snapshot(Instant.EPOCH, true,
                List.of(new DashboardFeed.PoolFigures(1, 1, "192.0.2.10 - 192.0.2.59", new PoolUsage(50, 40, 0, 0, 2, 0))),
                40, 8, 84, 1, 12.345, 3, 2, 0, Optional.of(new FleetCounters(40, 5, 1, 2, 3, 0, 38)));

        model.show(snapshot);

        assertThat(model.active().get()).isEqualTo("40");
        assertThat(model.free().get()).isEqualTo("8");
        assertThat(model.utilisation().get()).isEqualTo("84 %");
        assertThat(model.nearExhaustion().get()).isEqualTo("1");
        assertThat(model.doraRate().get()).isEqualTo("12.3");
        assertThat(model.naks().get()).isEqualTo("3");
        assertThat(model.fleet().get()).startsWith("Lab fleet: 38 clients bound · 40 DORAs completed");

        model.show(DashboardFeed.Snapshot.idle(Instant.EPOCH));

        assertThat(model.active().get()).isEqualTo("–");
        assertThat(model.fleet().get()).isEmpty();
    }

    @Test
    void largeFiguresAreGroupedAndHighRatesLoseTheirDecimals() {
        assertThat(DashboardModel.count(1_234_567)).isEqualTo("1,234,567");
        assertThat(DashboardModel.rate(2345.6)).isEqualTo("2,346");
        assertThat(DashboardModel.rate(0.25)).isEqualTo("0.3");
    }

    @Test
    void forecastsReadAsPlainWords() {
        Instant now = Instant.parse("2026-11-23T12:00:00Z");

        assertThat(PoolBar.describe(new org.leasedesk.app.ExhaustionForecast.FullAt(now.plus(java.time.Duration.ofDays(9)), 4.25, 7),
                now)).isEqualTo("Full in 9 days (+4.3/day)");
        assertThat(PoolBar.describe(new org.leasedesk.app.ExhaustionForecast.FullAt(now.plus(java.time.Duration.ofHours(30)), 40, 3),
                now)).startsWith("Full in 30 hours");
        assertThat(PoolBar.describe(new org.leasedesk.app.ExhaustionForecast.AlreadyFull(now), now)).isEqualTo("Full now");
        assertThat(PoolBar.describe(new org.leasedesk.app.ExhaustionForecast.InsufficientHistory("2 peaks"), now))
                .isEqualTo("Forecast after 3 days of samples");
    }
}
