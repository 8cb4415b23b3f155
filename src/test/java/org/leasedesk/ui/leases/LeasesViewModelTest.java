package org.leasedesk.ui.leases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.leasedesk.lease.HardwareAddress;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.lease.Lease;
import org.leasedesk.lease.LeaseState;
import org.leasedesk.lease.Octets;
import org.leasedesk.lease.RelayInfo;

class LeasesViewModelTest {

    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");

    private static Lease lease(int n) {
        return Lease.granted(Ipv4Address.parse("10.0.0.0").plus(n), HardwareAddress.parseMac(String.format("00:00:5e:00:%02x:%02x", n / 256, n % 256)),
                Octets.EMPTY, "host-" + n, 1, 1, T0, Duration.ofHours(1), RelayInfo.NONE);
    }

    /** Few changes are set in place, many replace the list at once: either way the table ends the same. */
    @ParameterizedTest
    @ValueSource(ints = {5, 400})
    void changedLeasesReplaceTheirRowsAndNewOnesAreAdded(int changes) {
        LeasesViewModel model = new LeasesViewModel();
        model.replaceAll(IntStream.range(0, 1000).mapToObj(LeasesViewModelTest::lease).toList());

        List<Lease> changed = IntStream.range(0, changes)
                .mapToObj(n -> n % 2 == 0 ? lease(n * 2).released(T0.plusSeconds(60)) : lease(1000 + n)).toList();
        model.update(changed);

        int added = changes / 2;
        assertThat(model.total()).isEqualTo(1000 + added);
        assertThat(model.shown()).filteredOn(row -> row.lease().state() == LeaseState.RELEASED).hasSize(changes - added);
        model.search().set("host-1001");
        assertThat(model.shown()).extracting(row -> row.lease().hostname()).containsExactly("host-1001");
    }

    @Test
    void aSortedViewStaysSortedThroughABulkUpdate() {
        LeasesViewModel model = new LeasesViewModel();
        model.shown().setComparator((a, b) -> b.lease().address().compareTo(a.lease().address()));
        model.replaceAll(IntStream.range(0, 500).mapToObj(LeasesViewModelTest::lease).toList());

        model.update(IntStream.range(500, 700).mapToObj(LeasesViewModelTest::lease).toList());

        assertThat(model.shown().get(0).lease().address()).isEqualTo(Ipv4Address.parse("10.0.2.187"));
        assertThat(model.shown()).hasSize(700);
    }
}
