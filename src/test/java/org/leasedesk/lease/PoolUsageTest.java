package org.leasedesk.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PoolUsageTest {

    @Test
    void declinedAddressesCountAsAssignedLikeKea() {
        PoolUsage usage = new PoolUsage(100, 40, 5, 0, 3, 2);
        assertThat(usage.assigned()).isEqualTo(48);
        assertThat(usage.unavailable()).isEqualTo(50);
        assertThat(usage.free()).isEqualTo(50);
        assertThat(usage.utilisation()).isEqualTo(0.5);
    }

    @Test
    void reservationsOutsideThePoolDoNotChangeItsFigures() {
        PoolUsage without = new PoolUsage(100, 40, 0, 0, 0, 0);
        PoolUsage with = new PoolUsage(100, 40, 0, 25, 0, 0);
        assertThat(with.free()).isEqualTo(without.free());
        assertThat(with.utilisationPercent()).isEqualTo(without.utilisationPercent());
    }

    @Test
    void percentNeverHidesTheLastFreeOrTheFirstUsedAddress() {
        assertThat(new PoolUsage(1000, 999, 0, 0, 0, 0).utilisationPercent()).isEqualTo(99);
        assertThat(new PoolUsage(1000, 1, 0, 0, 0, 0).utilisationPercent()).isEqualTo(1);
        assertThat(new PoolUsage(1000, 1000, 0, 0, 0, 0).utilisationPercent()).isEqualTo(100);
        assertThat(PoolUsage.empty(1000).utilisationPercent()).isZero();
    }

    @Test
    void hugePoolsDoNotOverflow() {
        long all = 1L << 32;
        PoolUsage usage = new PoolUsage(all, all - 1, 0, 0, 0, 0);
        assertThat(usage.free()).isEqualTo(1);
        assertThat(usage.utilisationPercent()).isEqualTo(99);
    }

    @Test
    void emptyPoolHasNothingToGive() {
        assertThat(PoolUsage.empty(0).free()).isZero();
        assertThat(PoolUsage.empty(0).utilisation()).isEqualTo(1.0);
    }

    @Test
    void refusesPartsThatExceedThePool() {
        assertThatThrownBy(() -> new PoolUsage(10, 8, 2, 0, 1, 0)).hasMessageContaining("more than the pool's 10");
        assertThatThrownBy(() -> new PoolUsage(10, -1, 0, 0, 0, 0)).hasMessageContaining("never negative");
    }
}
