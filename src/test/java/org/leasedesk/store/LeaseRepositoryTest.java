package org.leasedesk.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leasedesk.lease.HardwareAddress;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.lease.Lease;
import org.leasedesk.lease.Octets;
import org.leasedesk.lease.RelayInfo;

class LeaseRepositoryTest {

    @TempDir
    Path dir;

    LeaseDatabase database;
    LeaseRepository leases;

    @BeforeEach
    void open() {
        database = LeaseDatabase.open(dir.resolve("db"));
        leases = new LeaseRepository(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private void save(Lease... toSave) throws SQLException {
        try (Connection connection = database.connect()) {
            leases.saveAll(connection, List.of(toSave));
        }
    }

    @Test
    void everyFieldSurvivesTheRoundTrip() throws SQLException {
        Lease relayed = Lease.granted(Ipv4Address.parse("198.51.100.7"), HardwareAddress.parseMac("aa-bb-cc-dd-ee-ff"),
                Octets.parseHex("01aabbccddeeff"), "printer", 7, 3, TestLeases.T0, Duration.ofSeconds(86_400),
                new RelayInfo(Ipv4Address.parse("198.51.100.1"), Octets.parseHex("0001"), Octets.parseHex("cafe")))
                .released(TestLeases.T0.plusSeconds(30));
        save(relayed);
        assertThat(leases.find(relayed.address())).contains(relayed);
    }

    @Test
    void savingAgainReplacesTheLeaseOnTheAddress() throws SQLException {
        Lease lease = TestLeases.lease(1);
        save(lease);
        save(lease.renewed(TestLeases.T0.plusSeconds(600), Duration.ofHours(2), RelayInfo.NONE));
        assertThat(leases.loadAll().leases()).singleElement()
                .satisfies(l -> assertThat(l.validLifetime()).isEqualTo(Duration.ofHours(2)));
    }

    @Test
    void poisonedRowsAreSkippedAndReportedWhileTheRestLoads() throws SQLException {
        save(TestLeases.lease(1), TestLeases.lease(2), TestLeases.lease(3));
        try (Connection connection = database.connect();
                PreparedStatement poison = connection.prepareStatement(
                        "UPDATE leases SET hostname = ? WHERE address = ?");
                PreparedStatement unknownState = connection.prepareStatement(
                        "UPDATE leases SET state = 'BOUND' WHERE address = ?")) {
            // A crafted hostname with an escape sequence and a newline, as a hostile client might send.
            poison.setString(1, "evil\u001b[2J\nname");
            poison.setLong(2, TestLeases.address(2).toLong());
            poison.executeUpdate();
            unknownState.setLong(1, TestLeases.address(3).toLong());
            unknownState.executeUpdate();
        }

        LeaseLoad load = leases.loadAll();

        assertThat(load.leases()).containsExactly(TestLeases.lease(1));
        assertThat(load.rejected()).extracting(RejectedRow::key).containsExactly("10.0.0.2", "10.0.0.3");
        assertThat(load.rejected().get(0).reason()).contains("control character");
        assertThat(load.rejected().get(1).reason()).contains("unknown lease state 'BOUND'");
    }

    @Test
    void inAddressOrderReadsPageByPageSkippingBadRowsAndMissingNone() throws SQLException {
        for (int n = 10; n >= 1; n--) {
            save(TestLeases.lease(n));
        }
        try (Connection connection = database.connect();
                PreparedStatement poison = connection.prepareStatement("UPDATE leases SET state = 'BOUND' WHERE address = ?")) {
            // A bad row that ends a page (the third) must not end the iteration.
            poison.setLong(1, TestLeases.address(9).toLong());
            poison.executeUpdate();
        }
        List<Lease> read = new java.util.ArrayList<>();
        leases.inAddressOrder(3).forEach(read::add);
        assertThat(read).extracting(Lease::address).containsExactly(TestLeases.address(1), TestLeases.address(2),
                TestLeases.address(3), TestLeases.address(4), TestLeases.address(5), TestLeases.address(6),
                TestLeases.address(7), TestLeases.address(8), TestLeases.address(10));
        assertThat(leases.count()).isEqualTo(10);
        assertThat(leases.inAddressOrder(100).iterator().next()).isEqualTo(TestLeases.lease(1));
    }

    @Test
    void rowWhoseClientKeyDisagreesWithItsClientIsRejected() throws SQLException {
        save(TestLeases.lease(1));
        try (Connection connection = database.connect();
                PreparedStatement tamper = connection.prepareStatement("UPDATE leases SET client_key = 'hw:1:00:00:00:00:00:01'")) {
            tamper.executeUpdate();
        }
        assertThat(leases.loadAll().rejected()).singleElement()
                .satisfies(row -> assertThat(row.reason()).contains("does not match"));
    }
}
