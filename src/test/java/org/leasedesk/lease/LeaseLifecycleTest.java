package org.leasedesk.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LeaseLifecycleTest {

    private static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");
    private static final Duration HOUR = Duration.ofHours(1);

    static Lease activeLease() {
        return Lease.granted(Ipv4Address.parse("192.0.2.10"), HardwareAddress.parseMac("aa:bb:cc:dd:ee:ff"),
                Octets.EMPTY, "laptop", 1, 1, T0, HOUR, RelayInfo.NONE);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "ACTIVE, ACTIVE", "ACTIVE, RELEASED", "ACTIVE, EXPIRED", "ACTIVE, DECLINED",
        "RELEASED, ACTIVE", "RELEASED, RECLAIMED", "EXPIRED, ACTIVE", "EXPIRED, RECLAIMED",
        "RECLAIMED, ACTIVE", "DECLINED, RECLAIMED"
    })
    void allowsTheTransitionsOfTheLeaseLifecycle(LeaseState from, LeaseState to) {
        assertThat(from.canBecome(to)).isTrue();
    }

    @ParameterizedTest(name = "{0} -/-> {1}")
    @CsvSource({
        "ACTIVE, RECLAIMED", "RELEASED, EXPIRED", "RELEASED, DECLINED", "EXPIRED, RELEASED",
        "RECLAIMED, RELEASED", "RECLAIMED, DECLINED", "DECLINED, ACTIVE", "DECLINED, RELEASED"
    })
    void refusesTransitionsThatSkipTheLifecycle(LeaseState from, LeaseState to) {
        assertThat(from.canBecome(to)).isFalse();
    }

    @Test
    void grantedLeaseExpiresOneLifetimeAfterItsLastTransaction() {
        Lease lease = activeLease();
        assertThat(lease.expiry()).isEqualTo(T0.plus(HOUR));
        assertThat(lease.isExpiredAt(T0.plus(HOUR).minusMillis(1))).isFalse();
        assertThat(lease.isExpiredAt(T0.plus(HOUR))).isTrue();
    }

    @Test
    void renewalKeepsTheStartAndMovesTheLastTransaction() {
        Instant later = T0.plus(Duration.ofMinutes(30));
        Lease renewed = activeLease().renewed(later, HOUR, RelayInfo.NONE);
        assertThat(renewed.start()).isEqualTo(T0);
        assertThat(renewed.cltt()).isEqualTo(later);
        assertThat(renewed.expiry()).isEqualTo(later.plus(HOUR));
    }

    @Test
    void releasedThenReclaimedThenGrantedAgain() {
        Lease lease = activeLease().released(T0.plusSeconds(60)).reclaimed(T0.plusSeconds(120));
        assertThat(lease.state()).isEqualTo(LeaseState.RECLAIMED);
        Lease again = lease.renewed(T0.plusSeconds(180), HOUR, RelayInfo.NONE);
        assertThat(again.state()).isEqualTo(LeaseState.ACTIVE);
        assertThat(again.start()).isEqualTo(T0.plusSeconds(180));
    }

    @Test
    void declinedAddressCannotBeHandedOutBeforeReclamation() {
        Lease declined = activeLease().declined(T0.plusSeconds(5), Duration.ofHours(24));
        assertThat(declined.expiry()).isEqualTo(T0.plusSeconds(5).plus(Duration.ofHours(24)));
        assertThat(declined.state().holdsAddress()).isTrue();
        assertThatThrownBy(() -> declined.renewed(T0.plusSeconds(10), HOUR, RelayInfo.NONE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("DECLINED and cannot become ACTIVE");
    }

    @Test
    void refusesLeasesAPersonWouldRecogniseAsWrong() {
        Lease lease = activeLease();
        assertThatThrownBy(() -> new Lease(lease.address(), lease.hardwareAddress(), lease.clientId(), "evil\nname",
                1, 1, LeaseState.ACTIVE, T0, T0, HOUR, RelayInfo.NONE)).hasMessageContaining("control character 0xa");
        assertThatThrownBy(() -> new Lease(lease.address(), lease.hardwareAddress(), lease.clientId(), "", 0, 1,
                LeaseState.ACTIVE, T0, T0, HOUR, RelayInfo.NONE)).hasMessageContaining("subnet id 0");
        assertThatThrownBy(() -> new Lease(lease.address(), lease.hardwareAddress(), lease.clientId(), "", 1, 1,
                LeaseState.ACTIVE, T0, T0.minusSeconds(1), HOUR, RelayInfo.NONE)).hasMessageContaining("before its start");
        assertThatThrownBy(() -> new Lease(lease.address(), lease.hardwareAddress(), lease.clientId(), "", 1, 1,
                LeaseState.ACTIVE, T0, T0, Duration.ZERO, RelayInfo.NONE)).hasMessageContaining("valid lifetime");
        assertThatThrownBy(() -> new Lease(Ipv4Address.ANY, lease.hardwareAddress(), lease.clientId(), "", 1, 1,
                LeaseState.ACTIVE, T0, T0, HOUR, RelayInfo.NONE)).hasMessageContaining("cannot be leased");
    }

    @Test
    void eventCopiesTheLeaseItRecords() {
        Lease lease = activeLease();
        LeaseEvent event = LeaseEvent.of(LeaseEventType.GRANTED, lease, T0, "DORA");
        assertThat(event.address()).isEqualTo(lease.address());
        assertThat(event.clientKey()).contains(lease.clientKey());
        assertThat(LeaseEvent.alarm(T0, "disk full").clientKey()).isEmpty();
    }
}
