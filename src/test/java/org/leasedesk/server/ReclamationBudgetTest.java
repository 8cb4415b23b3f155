package org.leasedesk.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.leasedesk.server.config.ServerConfig.Reclamation;

class ReclamationBudgetTest {

    private static final List<Integer> DUE = IntStream.range(0, 10).boxed().toList();

    /** Each reading of the time is 100 ms after the one before: reclaiming one lease takes 100 ms. */
    private static final class SlowWork extends Clock {
        private Instant now = Instant.parse("2026-12-02T10:00:00Z");

        @Override
        public Instant instant() {
            Instant read = now;
            now = now.plusMillis(100);
            return read;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private static List<Integer> spend(int maxLeases, long maxMillis) {
        List<Integer> reclaimed = new ArrayList<>();
        ReclamationBudget.of(new Reclamation(Duration.ofSeconds(10), Duration.ofHours(1), maxLeases, Duration.ofMillis(maxMillis)))
                .spend(DUE, new SlowWork(), reclaimed::add);
        return reclaimed;
    }

    @Test
    void maxReclaimTimeStopsTheCycleWhenItIsUp() {
        assertThat(spend(100, 250)).containsExactly(0, 1);
    }

    @Test
    void maxReclaimLeasesStopsTheCycleAfterThatMany() {
        assertThat(spend(3, 0)).containsExactly(0, 1, 2);
    }

    @Test
    void zeroMeansNoLimitAsInKea() {
        assertThat(spend(0, 0)).isEqualTo(DUE);
    }
}
