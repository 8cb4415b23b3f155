package org.leasedesk.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.leasedesk.lease.LeaseEvent;
import org.leasedesk.lease.LeaseEventType;
import org.leasedesk.lease.PoolRef;
import org.leasedesk.lease.PoolUsage;
import org.leasedesk.protocol.MessageType;
import org.leasedesk.server.DhcpServer;
import org.leasedesk.server.ServerStatistics;
import org.leasedesk.testing.MutableClock;

class AlertMonitorTest {

    private static final PoolRef POOL = new PoolRef(1, 1);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T08:00:00Z"));
    private final List<LeaseEvent> alerts = new ArrayList<>();
    private final List<AlertMonitor.Level> levels = new ArrayList<>();
    private final AlertMonitor monitor = new AlertMonitor(AlertMonitor.Settings.DEFAULTS, alert -> {
        alerts.add(alert.event());
        levels.add(alert.level());
    });

    private long discovers;
    private long requests;
    private long acks;

    /** One minute later, pool 1/1 (100 addresses) has {@code used} leased. */
    private void minuteWithUsed(long used) {
        clock.advance(Duration.ofMinutes(1));
        monitor.observe(clock.instant(), List.of(pool(1, 1, used)), statistics());
    }

    private static DhcpServer.SubnetUsage pool(long subnet, long pool, long used) {
        return new DhcpServer.SubnetUsage(subnet, pool, "192.0.2.1-192.0.2.100", new PoolUsage(100, used, 0, 0, 0, 0));
    }

    private ServerStatistics.Snapshot statistics() {
        Map<MessageType, Long> received = new EnumMap<>(MessageType.class);
        received.put(MessageType.DISCOVER, discovers);
        received.put(MessageType.REQUEST, requests);
        return new ServerStatistics.Snapshot(received, Map.of(MessageType.ACK, acks), Map.of());
    }

    private List<LeaseEventType> types() {
        return alerts.stream().map(LeaseEvent::type).toList();
    }

    @Test
    void crossingTheWarningThresholdRaisesOnceAndClearsOnceBelowTheHysteresis() {
        for (long used : new long[] {50, 79, 80, 85, 90, 79, 76, 75, 80, 74, 70}) {
            minuteWithUsed(used);
        }
        // Up at 80, still warning at 79-75 (hysteresis 5), cleared at 74.
        assertThat(types()).containsExactly(LeaseEventType.THRESHOLD_RAISED, LeaseEventType.THRESHOLD_CLEAR);
        assertThat(alerts.get(0).time()).isEqualTo(Instant.parse("2026-11-23T08:03:00Z"));
        assertThat(alerts.get(0).detail()).contains("pool 1/1", "80.0 %", "warning threshold of 80 %");
        assertThat(alerts.get(1).time()).isEqualTo(Instant.parse("2026-11-23T08:10:00Z"));
        assertThat(alerts.get(1).detail()).contains("74.0 %", "now normal");
        assertThat(alerts).allSatisfy(alert -> {
            assertThat(alert.type().isAlarm()).isTrue();
            assertThat(alert.subnetId()).isEqualTo(1);
            assertThat(alert.poolId()).isEqualTo(1);
        });
    }

    @Test
    void aPoolHoveringAtTheThresholdDoesNotFlap() {
        for (int minute = 0; minute < 30; minute++) {
            minuteWithUsed(minute % 2 == 0 ? 80 : 79);
        }
        assertThat(types()).containsExactly(LeaseEventType.THRESHOLD_RAISED);
    }

    @Test
    void criticalIsRaisedOnTopOfWarningAndFallsBackStepByStep() {
        for (long used : new long[] {85, 96, 91, 89, 60}) {
            minuteWithUsed(used);
        }
        assertThat(types()).containsExactly(LeaseEventType.THRESHOLD_RAISED, LeaseEventType.THRESHOLD_RAISED,
                LeaseEventType.THRESHOLD_CLEAR, LeaseEventType.THRESHOLD_CLEAR);
        assertThat(alerts.get(1).detail()).contains("critical threshold of 95 %");
        assertThat(alerts.get(2).detail()).contains("below its critical threshold", "now warning");
        assertThat(monitor.level(POOL)).isEqualTo(AlertMonitor.Level.NORMAL);
        // Each alert carries the level it leaves the pool at, so a notification need not read the text.
        assertThat(levels).containsExactly(AlertMonitor.Level.WARNING, AlertMonitor.Level.CRITICAL, AlertMonitor.Level.WARNING,
                AlertMonitor.Level.NORMAL);
    }

    @Test
    void anAlertDescribesItselfByKindAndLevel() {
        for (long used : new long[] {85, 96, 60}) {
            minuteWithUsed(used);
        }
        AlertMonitor.Alert critical = new AlertMonitor.Alert(alerts.get(1), levels.get(1));
        assertThat(critical.describe()).startsWith("Critical: pool 1/1");
        assertThat(new AlertMonitor.Alert(alerts.get(0), levels.get(0)).describe()).startsWith("Warning: pool 1/1");
        assertThat(new AlertMonitor.Alert(alerts.get(2), levels.get(2)).describe()).startsWith("Cleared: pool 1/1");
    }

    @Test
    void aPoolsOwnThresholdsApply() {
        monitor.setThresholds(POOL, new Thresholds(50, 60));
        minuteWithUsed(55);
        assertThat(monitor.level(POOL)).isEqualTo(AlertMonitor.Level.WARNING);
        assertThat(alerts).singleElement().satisfies(alert -> assertThat(alert.detail()).contains("threshold of 50 %"));
        clock.advance(Duration.ofMinutes(1));
        monitor.observe(clock.instant(), List.of(pool(1, 2, 55)), statistics());
        assertThat(monitor.level(new PoolRef(1, 2))).isEqualTo(AlertMonitor.Level.NORMAL);
    }

    @Test
    void thresholdsOutOfOrderAreRefusedNamingTheField() {
        assertThatThrownBy(() -> new Thresholds(90, 80)).hasMessageContaining("critical threshold");
        assertThatThrownBy(() -> new Thresholds(0, 80)).hasMessageContaining("warning threshold");
    }

    @Test
    void noGrantForTenMinutesWhileClientsAskRaisesStuckOnceAndAGrantClearsIt() {
        minuteWithUsed(10);
        for (int minute = 1; minute <= 15; minute++) {
            discovers += 5;
            minuteWithUsed(10);
        }
        assertThat(types()).containsExactly(LeaseEventType.SERVER_STUCK);
        assertThat(alerts.get(0).time()).isEqualTo(Instant.parse("2026-11-23T08:11:00Z"));
        assertThat(alerts.get(0).detail()).contains("no lease granted for 10 min", "50 DISCOVER/REQUEST");
        assertThat(levels).containsExactly(AlertMonitor.Level.CRITICAL);
        assertThat(monitor.isStuck()).isTrue();
        acks++;
        minuteWithUsed(11);
        assertThat(types()).containsExactly(LeaseEventType.SERVER_STUCK, LeaseEventType.SERVER_RECOVERED);
        assertThat(levels).containsExactly(AlertMonitor.Level.CRITICAL, AlertMonitor.Level.NORMAL);
        assertThat(monitor.isStuck()).isFalse();
    }

    @Test
    void aQuietNetworkIsNotAStuckServer() {
        minuteWithUsed(10);
        for (int minute = 1; minute <= 30; minute++) {
            minuteWithUsed(10);
        }
        assertThat(alerts).isEmpty();
    }

    @Test
    void requestsThatStoppedLongAgoAreNotClientsThatKeepAsking() {
        minuteWithUsed(10);
        requests += 20;
        minuteWithUsed(10);
        for (int minute = 1; minute <= 30; minute++) {
            minuteWithUsed(10);
        }
        // The 20 requests arrived in the first minute; by the time ten minutes passed without a grant
        // they were nine minutes old and nobody had asked since.
        assertThat(types()).doesNotContain(LeaseEventType.SERVER_STUCK);
    }

    @Test
    void aServerThatKeepsGrantingIsNotStuck() {
        minuteWithUsed(10);
        for (int minute = 1; minute <= 30; minute++) {
            discovers += 5;
            requests += 5;
            acks += 5;
            minuteWithUsed(10);
        }
        assertThat(alerts).isEmpty();
    }
}
