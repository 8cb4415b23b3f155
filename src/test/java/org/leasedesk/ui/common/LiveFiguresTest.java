package org.leasedesk.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.leasedesk.app.AlertMonitor;
import org.leasedesk.lease.LeaseEvent;
import org.leasedesk.lease.LeaseEventType;

/** How the server's alerts read in the dashboard's feed and its notifications. */
class LiveFiguresTest {

    private static final Instant NOW = Instant.parse("2026-11-23T08:11:00Z");

    @Test
    void aStuckServerIsACriticalEntryOfTheFeed() {
        LeaseEvent stuck = LeaseEvent.alarm(LeaseEventType.SERVER_STUCK, NOW, 0, 0,
                "no lease granted for 10 min although clients sent 50 DISCOVER/REQUEST");

        LiveFigures.Alert entry = LiveFigures.Alert.of(new AlertMonitor.Alert(stuck, AlertMonitor.Level.CRITICAL));

        assertThat(entry.level()).isEqualTo(AlertMonitor.Level.CRITICAL);
        assertThat(entry.time()).isEqualTo(NOW);
        assertThat(entry.text()).isEqualTo("Server stuck: no lease granted for 10 min although clients sent 50 DISCOVER/REQUEST");
    }

    @Test
    void aRecoveryIsNewsThatNeedsNoAction() {
        LeaseEvent recovered = LeaseEvent.alarm(LeaseEventType.SERVER_RECOVERED, NOW, 0, 0, "leases are granted again");

        LiveFigures.Alert entry = LiveFigures.Alert.of(new AlertMonitor.Alert(recovered, AlertMonitor.Level.NORMAL));

        assertThat(entry.level()).isEqualTo(AlertMonitor.Level.NORMAL);
        assertThat(entry.text()).startsWith("Server recovered: ");
    }

    @Test
    void aFailedCommitIsCritical() {
        LiveFigures.Alert entry = LiveFigures.Alert.ofAlarm(LeaseEvent.alarm(NOW, "disk full"));

        assertThat(entry.level()).isEqualTo(AlertMonitor.Level.CRITICAL);
        assertThat(entry.text()).isEqualTo("STORE_FAILURE: disk full");
    }
}
