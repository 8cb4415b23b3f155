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
import org.leasedesk.app.DashboardFeed;
import org.leasedesk.app.ThresholdWatch;
import org.leasedesk.app.Thresholds;
import org.leasedesk.app.Workbench;
import org.leasedesk.lease.LeaseEvent;
import org.leasedesk.lease.LeaseEventType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The window's one source of live figures: every refresh period it takes one dashboard snapshot in
 * the background (never two at once) and publishes it on the FX thread, with the threshold
 * crossings and server alarms since the last one. However fast packets arrive, the views see at
 * most one update per period.
 */
public final class LiveFigures {

    private static final Logger log = LoggerFactory.getLogger(LiveFigures.class);
    public static final Duration PERIOD = Duration.millis(500);
    static final int MAX_ALERTS = 200;

    /** An entry of the alert feed. */
    public record Alert(Instant time, boolean critical, String text) {}

    private final DashboardFeed feed;
    private final Supplier<Thresholds> thresholds;
    private final ThresholdWatch watch = new ThresholdWatch();
    private final ObjectProperty<DashboardFeed.Snapshot> snapshot;
    private final ObservableList<Alert> alerts = FXCollections.observableArrayList();
    private final Queue<LeaseEvent> alarms = new ConcurrentLinkedQueue<>();
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
                // The server's own threshold alarms (checked once a sample interval, against its default
                // thresholds) are stored in the history; the feed reports crossings of the thresholds the
                // user set, from the live figures, so each crossing is announced once.
                if (alarm.type() != LeaseEventType.THRESHOLD_RAISED && alarm.type() != LeaseEventType.THRESHOLD_CLEAR) {
                    // Queued here, shown at the next refresh: an alarm storm costs the FX thread one update.
                    alarms.add(alarm);
                }
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
        FxBackground.run(() -> {
            DashboardFeed.Snapshot taken = feed.take(current);
            return new Taken(taken, watch.update(taken.pools(), current));
        }, taken -> {
            taking = false;
            snapshot.set(taken.snapshot());
            taken.crossings().forEach(crossing -> add(new Alert(taken.snapshot().time(),
                    crossing.to() == Thresholds.Level.CRITICAL, crossing.describe())));
        }, failure -> {
            taking = false;
            log.warn("the dashboard figures could not be read: {}", failure.getMessage());
        });
    }

    private record Taken(DashboardFeed.Snapshot snapshot, List<ThresholdWatch.Crossing> crossings) {}

    private void drainAlarms() {
        for (LeaseEvent alarm; (alarm = alarms.poll()) != null; ) {
            add(new Alert(alarm.time(), true, alarm.type() + ": " + alarm.detail()));
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
