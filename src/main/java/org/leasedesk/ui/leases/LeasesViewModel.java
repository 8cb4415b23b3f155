package org.leasedesk.ui.leases;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import org.leasedesk.app.LeaseFeed;
import org.leasedesk.app.Vendors;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.lease.Lease;
import org.leasedesk.lease.LeaseState;

/**
 * The lease table's state: every lease as a row, filtered by free text, pool and state, sorted by
 * the table. Rows are kept one per address and replaced in place when their lease changes, so a
 * burst of changes moves a few rows rather than rebuilding 100,000. FX thread only; no toolkit
 * needed, so it is tested and benchmarked without a window.
 */
public final class LeasesViewModel {

    public static final String ALL_POOLS = "All pools";

    private final ObservableList<LeaseRow> rows = FXCollections.observableArrayList();
    private final FilteredList<LeaseRow> filtered = new FilteredList<>(rows);
    private final SortedList<LeaseRow> sorted = new SortedList<>(filtered);
    private final Map<Ipv4Address, Integer> indexOf = new HashMap<>();
    private final StringProperty search = new SimpleStringProperty("");
    private final ObjectProperty<String> pool = new SimpleObjectProperty<>(ALL_POOLS);
    private final ObjectProperty<LeaseState> state = new SimpleObjectProperty<>();
    private final ObservableList<String> pools = FXCollections.observableArrayList(ALL_POOLS);
    private final ObjectProperty<Instant> now = new SimpleObjectProperty<>(Instant.now());
    private final StringProperty message = new SimpleStringProperty("");
    /** Read by background threads preparing rows; written on the FX thread once the table is read. */
    private volatile Vendors vendors;

    public LeasesViewModel() {
        search.addListener((o, before, after) -> refilter());
        pool.addListener((o, before, after) -> refilter());
        state.addListener((o, before, after) -> refilter());
    }

    /** The rows as the table shows them: filtered, then sorted by the table's comparator. */
    public SortedList<LeaseRow> shown() {
        return sorted;
    }

    public int total() {
        return rows.size();
    }

    public StringProperty search() {
        return search;
    }

    public ObjectProperty<String> pool() {
        return pool;
    }

    /** The state to show; null shows every state. */
    public ObjectProperty<LeaseState> state() {
        return state;
    }

    /** "All pools" and each pool seen in the leases. */
    public ObservableList<String> pools() {
        return pools;
    }

    /** The moment countdowns count from; one timer moves it for every cell. */
    public ObjectProperty<Instant> now() {
        return now;
    }

    /** The last outcome or error, in a sentence. */
    public StringProperty message() {
        return message;
    }

    /** Vendors arrive after the table (reading the registry takes a moment); rows are redone once. */
    public void useVendors(Vendors loaded) {
        this.vendors = loaded;
        List<LeaseRow> redone = new ArrayList<>(rows.size());
        rows.forEach(row -> redone.add(row.withVendors(loaded)));
        rows.setAll(redone);
    }

    /** A feed update with its rows already built, so the FX thread only swaps them in. */
    public record Prepared(boolean complete, List<LeaseRow> rows) {}

    /** Builds the rows of an update; safe on any thread (formatting 100,000 rows takes a while, so not on the FX thread). */
    public Prepared prepare(LeaseFeed.Update update) {
        Vendors known = vendors;
        List<LeaseRow> built = new ArrayList<>(update.leases().size());
        update.leases().forEach(lease -> built.add(LeaseRow.of(lease, known)));
        return new Prepared(update.complete(), built);
    }

    /** Applies prepared rows: a complete table replaces everything, changes replace their rows in place. */
    public void apply(Prepared prepared) {
        if (prepared.complete()) {
            indexOf.clear();
            for (int i = 0; i < prepared.rows().size(); i++) {
                indexOf.put(prepared.rows().get(i).lease().address(), i);
            }
            rows.setAll(prepared.rows());
            refreshPools();
        } else {
            updateRows(prepared.rows());
        }
    }

    public void replaceAll(List<Lease> leases) {
        apply(prepare(new LeaseFeed.Update(true, leases)));
    }

    /** Replaces the rows of changed leases in place and appends new addresses in one change. */
    public void update(List<Lease> changed) {
        apply(prepare(new LeaseFeed.Update(false, changed)));
    }

    /**
     * Beyond this many changed rows one replacement of the whole list is cheaper: each in-place set
     * costs the sorted view a pass over every row, one setAll costs a single sort.
     */
    private int bulkThreshold() {
        return 32 + rows.size() / 1000;
    }

    private void updateRows(List<LeaseRow> changed) {
        if (changed.size() > bulkThreshold()) {
            List<LeaseRow> next = new ArrayList<>(rows);
            for (LeaseRow row : changed) {
                Integer index = indexOf.get(row.lease().address());
                if (index != null) {
                    next.set(index, row);
                } else {
                    indexOf.put(row.lease().address(), next.size());
                    next.add(row);
                }
            }
            boolean grew = next.size() > rows.size();
            rows.setAll(next);
            if (grew) {
                refreshPools();
            }
            return;
        }
        List<LeaseRow> added = new ArrayList<>();
        for (LeaseRow row : changed) {
            Integer index = indexOf.get(row.lease().address());
            if (index != null) {
                rows.set(index, row);
            } else {
                indexOf.put(row.lease().address(), rows.size() + added.size());
                added.add(row);
            }
        }
        if (!added.isEmpty()) {
            rows.addAll(added);
            refreshPools();
        }
    }

    private void refreshPools() {
        TreeSet<String> seen = new TreeSet<>();
        rows.forEach(row -> seen.add(row.pool()));
        List<String> choices = new ArrayList<>();
        choices.add(ALL_POOLS);
        choices.addAll(seen);
        if (!choices.equals(pools)) {
            String chosen = pool.get();
            pools.setAll(choices);
            pool.set(choices.contains(chosen) ? chosen : ALL_POOLS);
        }
    }

    private void refilter() {
        String needle = search.get() == null ? "" : search.get().strip().toLowerCase(Locale.ROOT);
        String digits = needle.replaceAll("[:.\\-]", "");
        String hexNeedle = !digits.equals(needle) && !digits.isEmpty() && digits.chars().allMatch(c -> Character.digit(c, 16) >= 0)
                ? digits : "";
        String chosenPool = pool.get();
        LeaseState chosenState = state.get();
        Predicate<LeaseRow> test = row -> (chosenState == null || row.lease().state() == chosenState)
                && (chosenPool == null || ALL_POOLS.equals(chosenPool) || row.pool().equals(chosenPool))
                && (needle.isEmpty() || row.searchText().contains(needle)
                        || (!hexNeedle.isEmpty() && row.searchText().contains(hexNeedle)));
        filtered.setPredicate(needle.isEmpty() && chosenState == null && ALL_POOLS.equals(chosenPool) ? null : test);
    }

    /** "in 9m 12s", "expired 3m ago", "never" for an infinite lease. */
    public static String countdown(Lease lease, Instant now) {
        if (lease.validLifetime().equals(Lease.MAX_LIFETIME)) {
            return "never";
        }
        Duration left = Duration.between(now, lease.expiry());
        return left.isNegative() ? "expired " + human(left.negated()) + " ago" : "in " + human(left);
    }

    static String human(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m " + seconds % 60 + "s";
        }
        if (seconds < 86_400) {
            return seconds / 3600 + "h " + seconds % 3600 / 60 + "m";
        }
        return seconds / 86_400 + "d " + seconds % 86_400 / 3600 + "h";
    }
}
