package org.leasedesk.ui.dashboard;

import java.util.Locale;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.leasedesk.app.DashboardFeed;
import org.leasedesk.app.lab.FleetCounters;

/** The dashboard's tile texts, derived from one snapshot; no nodes, so it is tested without a toolkit. */
final class DashboardModel {

    private final ReadOnlyStringWrapper active = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper free = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper utilisation = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper nearExhaustion = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper doraRate = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper naks = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper declines = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper fleet = new ReadOnlyStringWrapper("");

    void show(DashboardFeed.Snapshot snapshot) {
        if (!snapshot.serving()) {
            for (ReadOnlyStringWrapper tile : new ReadOnlyStringWrapper[] {active, free, utilisation, nearExhaustion, doraRate, naks,
                    declines}) {
                tile.set("–");
            }
            fleet.set("");
            return;
        }
        active.set(count(snapshot.activeLeases()));
        free.set(count(snapshot.freeAddresses()));
        utilisation.set(snapshot.utilisationPercent() + " %");
        nearExhaustion.set(Integer.toString(snapshot.poolsNearExhaustion()));
        doraRate.set(rate(snapshot.doraPerSecond()));
        naks.set(count(snapshot.naks()));
        declines.set(count(snapshot.declines()));
        fleet.set(snapshot.fleet().map(DashboardModel::describe).orElse(""));
    }

    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    static String rate(double perSecond) {
        return perSecond >= 100 ? String.format(Locale.ROOT, "%,.0f", perSecond) : String.format(Locale.ROOT, "%.1f", perSecond);
    }

    static String describe(FleetCounters counters) {
        return String.format(Locale.ROOT, "Lab fleet: %,d clients bound · %,d DORAs completed · %,d renewals · %,d releases"
                        + " · %,d declines · %,d NAKs · %,d timeouts", counters.bound(), counters.doraCompleted(), counters.renewals(),
                counters.releases(), counters.declines(), counters.naks(), counters.timeouts());
    }

    ReadOnlyStringProperty active() {
        return active.getReadOnlyProperty();
    }

    ReadOnlyStringProperty free() {
        return free.getReadOnlyProperty();
    }

    ReadOnlyStringProperty utilisation() {
        return utilisation.getReadOnlyProperty();
    }

    ReadOnlyStringProperty nearExhaustion() {
        return nearExhaustion.getReadOnlyProperty();
    }

    ReadOnlyStringProperty doraRate() {
        return doraRate.getReadOnlyProperty();
    }

    ReadOnlyStringProperty naks() {
        return naks.getReadOnlyProperty();
    }

    ReadOnlyStringProperty declines() {
        return declines.getReadOnlyProperty();
    }

    ReadOnlyStringProperty fleet() {
        return fleet.getReadOnlyProperty();
    }
}
