package org.leasedesk.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leasedesk.lease.Ipv4Address;

class ClientHistoryRepositoryTest {

    @TempDir
    Path directory;

    private static final Instant T0 = Instant.parse("2026-11-23T14:00:00Z");

    private static ClientPacketRecord packet(int second, String iface, boolean sent, String type) {
        return new ClientPacketRecord(T0.plusSeconds(second), iface, sent, type, 0xdeadbeefL, type + " xid=0xdeadbeef",
                sent ? Ipv4Address.BROADCAST : Ipv4Address.parse("192.0.2.1"), sent ? 67 : 67, Ipv4Address.ANY,
                sent ? Ipv4Address.ANY : Ipv4Address.parse("192.0.2.103"),
                sent ? Optional.empty() : Optional.of(Ipv4Address.parse("192.0.2.1")));
    }

    @Test
    void packetsAreKeptPerInterfaceAndReadBackOldestFirst() {
        try (LeaseDatabase database = LeaseDatabase.open(directory.resolve("db"))) {
            ClientHistoryRepository history = new ClientHistoryRepository(database);
            history.record(packet(0, "eth0", true, "DISCOVER"));
            history.record(packet(1, "eth0", false, "OFFER"));
            history.record(packet(1, "wlan0", true, "DISCOVER"));
            history.record(packet(2, "eth0", true, "REQUEST"));
            history.record(packet(3, "eth0", false, "ACK"));

            assertThat(history.recent("eth0", 10)).containsExactly(packet(0, "eth0", true, "DISCOVER"),
                    packet(1, "eth0", false, "OFFER"), packet(2, "eth0", true, "REQUEST"), packet(3, "eth0", false, "ACK"));
            assertThat(history.recent("eth0", 2)).extracting(ClientPacketRecord::messageType).containsExactly("REQUEST", "ACK");
            assertThat(history.recent("wlan0", 10)).hasSize(1);
            assertThat(history.pruneBefore(T0.plusSeconds(2))).isEqualTo(3);
            assertThat(history.recent("eth0", 10)).extracting(ClientPacketRecord::messageType).containsExactly("REQUEST", "ACK");
        }
    }

    @Test
    void theRememberedLeaseSurvivesReopeningAndIsReplacedThenForgotten() {
        StoredClientLease first = new StoredClientLease("eth0", Ipv4Address.parse("192.0.2.103"), 24, Ipv4Address.parse("192.0.2.255"),
                Optional.of(Ipv4Address.parse("192.0.2.1")), Ipv4Address.parse("192.0.2.1"), Duration.ofSeconds(120),
                Duration.ofSeconds(60), Duration.ofSeconds(105), T0);
        StoredClientLease renewed = new StoredClientLease("eth0", first.address(), 24, first.broadcast(), Optional.empty(), first.server(),
                Duration.ofSeconds(120), Duration.ofSeconds(60), Duration.ofSeconds(105), T0.plusSeconds(60));
        try (LeaseDatabase database = LeaseDatabase.open(directory.resolve("db"))) {
            new ClientHistoryRepository(database).saveLease(first);
        }
        try (LeaseDatabase database = LeaseDatabase.open(directory.resolve("db"))) {
            ClientHistoryRepository history = new ClientHistoryRepository(database);
            assertThat(history.lease("eth0")).contains(first);

            history.saveLease(renewed);
            assertThat(history.lease("eth0")).contains(renewed);
            assertThat(history.lease("eth0").orElseThrow().expires()).isEqualTo(T0.plusSeconds(180));

            history.forgetLease("eth0");
            assertThat(history.lease("eth0")).isEmpty();
        }
    }
}
