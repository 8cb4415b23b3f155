package org.leasedesk.ui.common;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.util.Duration;
import org.leasedesk.app.AlertMonitor;
import org.leasedesk.app.DashboardFeed;
import org.leasedesk.app.Thresholds;
import org.leasedesk.app.Workbench;
import org.leasedesk.lease.LeaseEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The window's one source of live figures: every refresh period it takes one dashboard snapshot in
 * the background (never two at once) and publishes it on the FX thread, with the alerts heard since
 * the last one: the running server's {@link AlertMonitor} (threshold crossings, a stuck server, its
 * recovery; the same alerts the history stores) and the server's own alarms (a failed commit).
 * However fast packets arrive, the views see at most one update per period.
 */
public final class LiveFigures {

    private static final Logger log = LoggerFactory.getLogger(LiveFigures.class);
    public static final Duration PERIOD = Duration.millis(500);
    static final int MAX_ALERTS = 200;

    /** An entry of the alert feed; {@link AlertMonitor.Level#NORMAL} is news that needs no action (cleared, recovered). */
    public record Alert(Instant time, AlertMonitor.Level level, String text) {

        static Alert of(AlertMonitor.Alert alert) {
            return new Alert(alert.event().time(), alert.level(), alert.describe());
        }

        /** The server's own alarms are failures clients feel at once (no ACK without a commit). */
        static Alert ofAlarm(LeaseEvent alarm) {
            return new Alert(alarm.time(), AlertMonitor.Level.CRITICAL, alarm.type() + ": " + alarm.detail());
        }
    }

    private final DashboardFeed feed;
    private final Supplier<Thresholds> thresholds;
    private final ObjectProperty<DashboardFeed.Snapshot> snapshot;
    private final ObservableList<Alert> alerts = FXCollections.observableArrayList();
    /** Queued on server threads, shown at the next refresh: an alert storm costs the FX thread one update. */
    private final Queue<Alert> heard = new ConcurrentLinkedQueue<>();
    private final List<Consumer<Alert>> alertListeners = new ArrayList<>();
    private final Timeline timer = new Timeline(new KeyFrame(PERIOD, event -> refresh()));
    private boolean taking;

    public LiveFigures(Workbench workbench, Supplier<Thresholds> thresholds, Clock clock) {
        this.feed = new DashboardFeed(workbench, clock);
        this.thresholds = thresholds;
        this.snapshot = new SimpleObjectProperty<>(DashboardFeed.Snapshot.idle(clock.instant()));
        workbench.addListener(new Workbench.Listener() {
            @Override
            public void alarm(LeaseEvent alarm) {
                heard.add(Alert.ofAlarm(alarm));
            }

            @Override
            public void alert(AlertMonitor.Alert alert) {
                heard.add(Alert.of(alert));
            }
        });
        timer.setCycleCount(Timeline.INDEFINITE);
    }

    public void start() {
        timer.play();
    }

    public void stop() {
        timer.stop();
        feed.close();
    }

    public ReadOnlyObjectProperty<DashboardFeed.Snapshot> snapshot() {
        return snapshot;
    }

    /** Newest first, at most {@value #MAX_ALERTS}. */
    public ObservableList<Alert> alerts() {
        return alerts;
    }

    /** Called on the FX thread for each new alert (the window shows a notification). */
    public void onAlert(Consumer<Alert> listener) {
        alertListeners.add(listener);
    }

    /** Takes a snapshot now rather than at the next tick; used after starting or stopping a server. */
    public void refresh() {
        drainAlarms();
        if (taking) {
            return;
        }
        taking = true;
        Thresholds current = thresholds.get();
        FxBackground.run(() -> feed.take(current), taken -> {
            taking = false;
            snapshot.set(taken);
        }, failure -> {
            taking = false;
            log.warn("the dashboard figures could not be read: {}", failure.getMessage());
        });
    }

    private void drainAlarms() {
        for (Alert alert; (alert = heard.poll()) != null; ) {
            add(alert);
        }
    }

    private void add(Alert alert) {
        alerts.add(0, alert);
        if (alerts.size() > MAX_ALERTS) {
            alerts.remove(MAX_ALERTS, alerts.size());
        }
        alertListeners.forEach(listener -> listener.accept(alert));
    }
}
