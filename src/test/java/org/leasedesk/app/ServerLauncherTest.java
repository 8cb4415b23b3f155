package org.leasedesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.lease.LeaseEvent;
import org.leasedesk.platform.LocalInterfaces;
import org.leasedesk.server.ServerListener;
import org.leasedesk.store.EventRepository;
import org.leasedesk.store.PageRequest;
import org.leasedesk.store.TimeRange;

class ServerLauncherTest {

    @TempDir
    Path directory;

    private List<Path> backupsIn(Path backups) throws Exception {
        if (!Files.isDirectory(backups)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(backups)) {
            return files.sorted().toList();
        }
    }

    @Test
    void historyOlderThanTheRetentionIsPrunedWhileServing() throws Exception {
        Path config = Files.writeString(directory.resolve("kea-dhcp4.conf"),
                "{ \"Dhcp4\": { \"subnet4\": [ { \"id\": 1, \"subnet\": \"192.0.2.0/24\", \"pools\": [ { \"pool\": \"192.0.2.10 - 192.0.2.20\" } ] } ] } }");
        ServerLauncher.Request request = new ServerLauncher.Request(config, Optional.empty(), InetAddress.getLoopbackAddress(), 0, 10068,
                Optional.of(Ipv4Address.parse("192.0.2.1")), Optional.of(directory.resolve("leases")), false,
                Optional.empty(), Optional.of(Duration.ofSeconds(20)));
        Instant now = Instant.now();
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);

        try (ServerLauncher.RunningServer running = new ServerLauncher(new LocalInterfaces(), clock).start(request, ServerListener.NONE)) {
            EventRepository events = new EventRepository(running.database());
            events.append(LeaseEvent.alarm(now.minus(Duration.ofHours(1)), "an hour old"));
            events.append(LeaseEvent.alarm(now.minus(Duration.ofSeconds(5)), "five seconds old"));
            // The first prune runs a tenth of the retention after the start, and the clock stands still.
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (details(events).size() > 1 && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
            assertThat(details(events)).containsExactly("five seconds old");
        }
    }

    private static List<String> details(EventRepository events) {
        return events.between(TimeRange.ALL, PageRequest.first(10)).events().stream().map(e -> e.event().detail()).toList();
    }

    @Test
    void aPoolPastItsThresholdRaisesAnAlertThatIsLoggedStoredAndToldToTheListener() throws Exception {
        // One reservation inside an 11-address pool: 9.1 % unavailable, past a warning threshold of 5 %.
        Path config = Files.writeString(directory.resolve("kea-dhcp4.conf"), """
                { "Dhcp4": { "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24",
                    "pools": [ { "pool": "192.0.2.10 - 192.0.2.20" } ],
                    "reservations": [ { "hw-address": "00:00:5e:00:53:01", "ip-address": "192.0.2.12" } ] } ] } }""");
        ServerLauncher.Request request = new ServerLauncher.Request(config, Optional.empty(), InetAddress.getLoopbackAddress(), 0, 10068,
                Optional.of(Ipv4Address.parse("192.0.2.1")), Optional.of(directory.resolve("leases")), false,
                Optional.empty(), Optional.empty());
        AlertMonitor.Settings settings = new AlertMonitor.Settings(new Thresholds(5, 50), java.util.Map.of(), 2,
                Duration.ofMinutes(10), 10);
        java.util.concurrent.BlockingQueue<LeaseEvent> told = new java.util.concurrent.LinkedBlockingQueue<>();
        ServerListener listener = new ServerListener() {
            @Override
            public void alarm(LeaseEvent alarm) {
                told.add(alarm);
            }
        };
        ServerLauncher launcher = new ServerLauncher(new LocalInterfaces(), Clock.systemUTC(), settings, Duration.ofMillis(100));
        try (ServerLauncher.RunningServer running = launcher.start(request, listener)) {
            LeaseEvent alert = told.poll(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(alert).isNotNull();
            assertThat(alert.type()).isEqualTo(org.leasedesk.lease.LeaseEventType.THRESHOLD_RAISED);
            assertThat(alert.detail()).contains("pool 1/1", "9.1 %", "warning threshold of 5 %");
            assertThat(running.alerts().level(new org.leasedesk.lease.PoolRef(1, 1))).isEqualTo(AlertMonitor.Level.WARNING);
            // Raised once: later checks see the same level and stay quiet.
            assertThat(told.poll(500, java.util.concurrent.TimeUnit.MILLISECONDS)).isNull();
            assertThat(details(new EventRepository(running.database()))).containsExactly(alert.detail());
        }
    }

    @Test
    void pruningRunsAtATenthOfTheRetentionAndAtLeastHourly() {
        assertThat(ServerLauncher.pruneInterval(Duration.ofMinutes(30))).isEqualTo(Duration.ofMinutes(3));
        assertThat(ServerLauncher.pruneInterval(Duration.ofDays(400))).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void scheduledBackupsKeepOnlyTheNewestAndTheDatabaseSurvivesTheStop() throws Exception {
        Path config = Files.writeString(directory.resolve("kea-dhcp4.conf"),
                "{ \"Dhcp4\": { \"subnet4\": [ { \"id\": 1, \"subnet\": \"192.0.2.0/24\", \"pools\": [ { \"pool\": \"192.0.2.10 - 192.0.2.20\" } ] } ] } }");
        Path backups = directory.resolve("backups");
        ServerLauncher.Request request = new ServerLauncher.Request(config, Optional.empty(), InetAddress.getLoopbackAddress(), 0, 10068,
                Optional.of(Ipv4Address.parse("192.0.2.1")), Optional.of(directory.resolve("leases")), false,
                Optional.of(new ServerLauncher.Backups(Duration.ofMillis(200), Optional.of(backups), 2)), Optional.empty());

        ServerLauncher launcher = new ServerLauncher(new LocalInterfaces(), Clock.systemUTC());
        try (ServerLauncher.RunningServer running = launcher.start(request, ServerListener.NONE)) {
            // Backup names carry the time to the second: wait long enough for three distinct ones.
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (backupsIn(backups).size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            Thread.sleep(2100);
        }

        List<Path> kept = backupsIn(backups);
        assertThat(kept).hasSize(2);
        assertThat(kept).allSatisfy(zip -> assertThat(zip.getFileName().toString()).matches("leasedesk-\\d{8}-\\d{6}\\.zip"));
        assertThat(directory.resolve("leases.mv.db")).exists();
    }
}
