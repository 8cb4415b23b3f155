package org.leasedesk.ui.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.leasedesk.app.HistorySearch;
import org.leasedesk.lease.HardwareAddress;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.lease.LeaseEventType;

class HistoryFormTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    @Test
    void theFormBecomesCriteriaOverTheChosenRange() throws Exception {
        HistorySearch.Criteria criteria = HistoryForm.criteria(" 192.0.2.10 ", "00:00:5E:00:53:01", " lab ",
                Optional.of(LeaseEventType.GRANTED), "Last hour", NOW);

        assertThat(criteria.address()).contains(Ipv4Address.parse("192.0.2.10"));
        assertThat(criteria.mac()).contains(HardwareAddress.parseMac("00:00:5e:00:53:01"));
        assertThat(criteria.hostname()).isEqualTo("lab");
        assertThat(criteria.from()).isEqualTo(NOW.minus(Duration.ofHours(1)));
        assertThat(HistoryForm.criteria("", "", "", Optional.empty(), "All time", NOW).from()).isEqualTo(Instant.EPOCH);
    }

    @Test
    void aBadFieldIsNamedInTheMessage() {
        assertThatThrownBy(() -> HistoryForm.criteria("192.0.2.300", "", "", Optional.empty(), "All time", NOW))
                .isInstanceOf(HistoryForm.InvalidInput.class).hasMessageStartingWith("Address:");
        assertThatThrownBy(() -> HistoryForm.criteria("", "zz:00", "", Optional.empty(), "All time", NOW))
                .hasMessageStartingWith("MAC:");
        assertThatThrownBy(() -> HistoryForm.moment("yesterday", ZoneOffset.UTC)).hasMessageContaining("2026-11-23 14:05:00");
    }

    @Test
    void momentsAreReadInTheGivenZone() throws Exception {
        assertThat(HistoryForm.moment("2026-11-23 14:05:00", ZoneOffset.ofHours(1))).isEqualTo(Instant.parse("2026-11-23T13:05:00Z"));
    }
}
