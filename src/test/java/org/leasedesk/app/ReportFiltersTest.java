package org.leasedesk.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.leasedesk.lease.HardwareAddress;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.lease.Lease;
import org.leasedesk.lease.LeaseEvent;
import org.leasedesk.lease.LeaseEventType;
import org.leasedesk.lease.LeaseState;
import org.leasedesk.lease.Octets;
import org.leasedesk.lease.PoolRef;
import org.leasedesk.lease.RelayInfo;

class ReportFiltersTest {

    private static final Instant T0 = Instant.parse("2026-11-16T09:00:00Z");
    private static final Lease PRINTER = Lease.granted(Ipv4Address.parse("192.0.2.10"), HardwareAddress.parseMac("00:00:5e:00:53:0a"),
            Octets.EMPTY, "printer-2f", 1, 2, T0, Duration.ofHours(1), RelayInfo.NONE);

    @ParameterizedTest
    @ValueSource(strings = {"00:00:5e:00:53:0a", "00-00-5E-00-53-0A", "0000.5e00.530a", "5e0053", "PRINTER", "192.0.2.10"})
    void leaseTextFindsAddressHostnameAndMacInAnySpelling(String typed) {
        assertThat(filter(typed).asPredicate()).accepts(PRINTER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"laptop", "00:00:5e:00:53:0b", "192.0.2.11"})
    void leaseTextRejectsOthers(String typed) {
        assertThat(filter(typed).asPredicate()).rejects(PRINTER);
    }

    @Test
    void leasePoolAndChangeTimeFilterAndSayWhatTheyKept() {
        LeaseFilter pool = new LeaseFilter(OptionalLong.empty(), Optional.of(new PoolRef(1, 2)), Optional.of(LeaseState.ACTIVE),
                Optional.of(T0), Optional.of(T0.plusSeconds(1)), "");
        assertThat(pool.asPredicate()).accepts(PRINTER);
        assertThat(pool.describe()).containsExactly("pool 1/2", "state active", "changed from " + T0,
                "changed before " + T0.plusSeconds(1));
        assertThat(new LeaseFilter(OptionalLong.empty(), Optional.of(new PoolRef(1, 1)), Optional.empty(), Optional.empty(),
                Optional.empty(), "").asPredicate()).rejects(PRINTER);
        assertThat(new LeaseFilter(OptionalLong.empty(), Optional.empty(), Optional.empty(), Optional.of(T0.plusSeconds(1)),
                Optional.empty(), "").asPredicate()).rejects(PRINTER);
        assertThatThrownBy(() -> new LeaseFilter(OptionalLong.empty(), Optional.empty(), Optional.empty(), Optional.of(T0),
                Optional.of(T0.minusSeconds(1)), "")).hasMessageContaining("ends");
    }

    @Test
    void historyTextAlsoSearchesTheEventDetail() {
        LeaseEvent alarm = LeaseEvent.alarm(LeaseEventType.THRESHOLD_RAISED, T0, 1, 2, "pool 1/2 at 96 %, critical from 95 %");
        LeaseEvent granted = LeaseEvent.of(LeaseEventType.GRANTED, PRINTER, T0, "");
        Predicate<LeaseEvent> critical = HistoryFilter.of(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), "critical").textTest();
        assertThat(critical).accepts(alarm).rejects(granted);
        assertThat(HistoryFilter.of(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), "00-00-5e-00-53-0a").textTest()).accepts(granted).rejects(alarm);
        assertThat(HistoryFilter.of(Optional.of(PRINTER.address()), Optional.empty(), Optional.of(LeaseEventType.GRANTED),
                Optional.empty(), Optional.of(T0), Optional.empty(), " x ").describe())
                .containsExactly("address 192.0.2.10", "type GRANTED", "from " + T0, "matching 'x'");
    }

    private static LeaseFilter filter(String text) {
        return new LeaseFilter(OptionalLong.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), text);
    }
}
