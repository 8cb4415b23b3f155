package org.leasedesk.report;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.leasedesk.lease.Lease;
import org.leasedesk.lease.LeaseEvent;
import org.leasedesk.report.Column.Kind;

/**
 * What a report lists, the lease table or the history: its columns, and the words a report uses for
 * its rows ("1 lease", "2 events").
 *
 * @param <R> the row type
 */
public final class ReportTable<R> {

    public static final ReportTable<Lease> LEASES = new ReportTable<>("lease", "leases", List.of(
            new Column<>("address", "Address", Kind.TEXT, 72, lease -> lease.address().toString()),
            new Column<>("hardware_address", "MAC", Kind.TEXT, 78, lease -> lease.hardwareAddress().toString()),
            new Column<>("client_id", "Client ID", Kind.TEXT, 90, lease -> lease.clientId().toColonHex()),
            new Column<>("hostname", "Hostname", Kind.FREE_TEXT, 140, Lease::hostname),
            new Column<>("subnet_id", "Subnet", Kind.NUMBER, 34, lease -> Long.toString(lease.subnetId())),
            new Column<>("pool_id", "Pool", Kind.NUMBER, 28, lease -> Long.toString(lease.poolId())),
            new Column<>("state", "State", Kind.TEXT, 48, lease -> lease.state().name().toLowerCase(Locale.ROOT)),
            // A printed row has no room for the start of the binding; the files keep it.
            new Column<>("start", "Start (UTC)", Kind.TEXT, 0, lease -> ReportTimes.format(lease.start())),
            new Column<>("last_transaction", "Last transaction (UTC)", Kind.TEXT, 86, lease -> ReportTimes.format(lease.cltt())),
            new Column<>("valid_lifetime_seconds", "Lifetime (s)", Kind.NUMBER, 48,
                    lease -> Long.toString(lease.validLifetime().toSeconds())),
            new Column<>("expires", "Expires (UTC)", Kind.TEXT, 86, ReportTable::expiry),
            new Column<>("relay", "Relay", Kind.TEXT, 60,
                    lease -> lease.relay().isRelayed() ? lease.relay().giaddr().toString() : "")));

    /** Alarms concern no single client: their address and MAC cells stay empty rather than showing 0.0.0.0. */
    public static final ReportTable<LeaseEvent> HISTORY = new ReportTable<>("event", "events", List.of(
            new Column<>("time", "Time (UTC)", Kind.TEXT, 86, event -> ReportTimes.format(event.time())),
            new Column<>("type", "Event", Kind.TEXT, 70, event -> event.type().name().toLowerCase(Locale.ROOT)),
            new Column<>("address", "Address", Kind.TEXT, 72, event -> event.address().isAny() ? "" : event.address().toString()),
            new Column<>("hardware_address", "MAC", Kind.TEXT, 78,
                    event -> event.hardwareAddress().isKnown() ? event.hardwareAddress().toString() : ""),
            new Column<>("client_id", "Client ID", Kind.TEXT, 90, event -> event.clientId().toColonHex()),
            new Column<>("hostname", "Hostname", Kind.FREE_TEXT, 110, LeaseEvent::hostname),
            new Column<>("subnet_id", "Subnet", Kind.NUMBER, 34, event -> Long.toString(event.subnetId())),
            new Column<>("pool_id", "Pool", Kind.NUMBER, 28, event -> Long.toString(event.poolId())),
            new Column<>("relay", "Relay", Kind.TEXT, 60,
                    event -> event.relay().isRelayed() ? event.relay().giaddr().toString() : ""),
            // Option 82's sub-options are vendor bytes, too wide to print; the files keep them.
            new Column<>("circuit_id", "Circuit ID", Kind.TEXT, 0, event -> event.relay().circuitId().toColonHex()),
            new Column<>("remote_id", "Remote ID", Kind.TEXT, 0, event -> event.relay().remoteId().toColonHex()),
            new Column<>("detail", "Detail", Kind.FREE_TEXT, 152, LeaseEvent::detail)));

    private final String rowNoun;
    private final String rowsNoun;
    private final List<Column<R>> columns;

    private ReportTable(String rowNoun, String rowsNoun, List<Column<R>> columns) {
        this.rowNoun = Objects.requireNonNull(rowNoun, "rowNoun");
        this.rowsNoun = Objects.requireNonNull(rowsNoun, "rowsNoun");
        this.columns = List.copyOf(columns);
    }

    /** The plural noun, which also names the rows' array in JSON: "leases", "events". */
    public String rowsNoun() {
        return rowsNoun;
    }

    /** "1 lease", "3 events". */
    public String count(long rows) {
        return rows + " " + (rows == 1 ? rowNoun : rowsNoun);
    }

    List<Column<R>> columns() {
        return columns;
    }

    /** The columns a printed page has room for. */
    List<Column<R>> printedColumns() {
        return columns.stream().filter(column -> column.printWidth() > 0).toList();
    }

    @Override
    public String toString() {
        return rowsNoun;
    }

    /** An infinite lease (lifetime 0xFFFFFFFF) never expires, whatever its arithmetic end says. */
    private static String expiry(Lease lease) {
        return lease.validLifetime().equals(Lease.MAX_LIFETIME) ? "never" : ReportTimes.format(lease.expiry());
    }
}
