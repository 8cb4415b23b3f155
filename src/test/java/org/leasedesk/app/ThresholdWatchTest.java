package org.leasedesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.leasedesk.lease.PoolUsage;

class ThresholdWatchTest {

    private static List<DashboardFeed.PoolFigures> pool(long leased) {
        return List.of(new DashboardFeed.PoolFigures(1, 1, "192.0.2.10 - 192.0.2.109", new PoolUsage(100, leased, 0, 0, 0, 0)));
    }

    @Test
    void aCrossingIsReportedOnceAndAgainWhenThePoolFallsBack() {
        ThresholdWatch watch = new ThresholdWatch();

        assertThat(watch.update(pool(50), Thresholds.DEFAULTS)).isEmpty();
        List<ThresholdWatch.Crossing> warning = watch.update(pool(85), Thresholds.DEFAULTS);
        assertThat(watch.update(pool(86), Thresholds.DEFAULTS)).isEmpty();
        List<ThresholdWatch.Crossing> critical = watch.update(pool(96), Thresholds.DEFAULTS);
        List<ThresholdWatch.Crossing> cleared = watch.update(pool(10), Thresholds.DEFAULTS);

        assertThat(warning).singleElement().satisfies(crossing -> {
            assertThat(crossing.to()).isEqualTo(Thresholds.Level.WARNING);
            assertThat(crossing.rising()).isTrue();
            assertThat(crossing.describe()).isEqualTo("Pool 192.0.2.10 - 192.0.2.109 rose to 85 % (warning)");
        });
        assertThat(critical).singleElement().extracting(ThresholdWatch.Crossing::from).isEqualTo(Thresholds.Level.WARNING);
        assertThat(cleared).singleElement().satisfies(crossing -> {
            assertThat(crossing.to()).isEqualTo(Thresholds.Level.NORMAL);
            assertThat(crossing.rising()).isFalse();
        });
    }

    @Test
    void aPoolHoveringAtAThresholdDoesNotFlap() {
        ThresholdWatch watch = new ThresholdWatch();

        assertThat(watch.update(pool(80), Thresholds.DEFAULTS)).hasSize(1);
        assertThat(watch.update(pool(78), Thresholds.DEFAULTS)).as("within the hysteresis").isEmpty();
        assertThat(watch.update(pool(81), Thresholds.DEFAULTS)).isEmpty();
        assertThat(watch.update(pool(74), Thresholds.DEFAULTS)).singleElement()
                .extracting(ThresholdWatch.Crossing::to).isEqualTo(Thresholds.Level.NORMAL);
    }
}
