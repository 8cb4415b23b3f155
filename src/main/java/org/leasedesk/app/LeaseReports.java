package org.leasedesk.app;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
import org.leasedesk.lease.Lease;
import org.leasedesk.report.ExportFormat;
import org.leasedesk.report.ExportMonitor;
import org.leasedesk.report.ExportOutcome;
import org.leasedesk.report.LeaseExport;
import org.leasedesk.report.LeaseRows;
import org.leasedesk.report.ReportHeader;
import org.leasedesk.store.LeaseDatabase;
import org.leasedesk.store.LeaseRepository;

/** Exports the stored lease table, filtered, in any report format: for the CLI's {@code report} and the Reports view. */
public final class LeaseReports {

    private final Clock clock;

    public LeaseReports(Clock clock) {
        this.clock = clock;
    }

    /** Rows read from the database per query while exporting: enough to be quick, few enough to hold. */
    static final int PAGE = 5_000;

    /**
     * Exports the leases {@code filter} keeps, in address order. They are read from the database a
     * page at a time while the document is written, never all at once, so the memory an export needs
     * does not grow with the table (the PDF format aside; see its own note).
     */
    public ExportOutcome exportLeases(LeaseDatabase database, ExportFormat format, LeaseFilter filter, Path target,
                                      ExportMonitor monitor) throws IOException {
        return exportLeases(database, format, filter, filter.describe(), filter.equals(LeaseFilter.ALL), target, monitor);
    }

    /**
     * Exports the stored leases that {@code filter} keeps, streamed like the above; {@code filterWords}
     * say in the header what it kept.
     */
    public ExportOutcome exportLeases(LeaseDatabase database, ExportFormat format, Predicate<Lease> filter,
                                      List<String> filterWords, Path target, ExportMonitor monitor) throws IOException {
        return exportLeases(database, format, filter, filterWords, false, target, monitor);
    }

    private ExportOutcome exportLeases(LeaseDatabase database, ExportFormat format, Predicate<Lease> filter, List<String> filterWords,
                                       boolean keepsEverything, Path target, ExportMonitor monitor) throws IOException {
        LeaseRepository leases = new LeaseRepository(database);
        Iterable<Lease> stored = leases.inAddressOrder(PAGE);
        // Progress as a fraction needs the row count up front; with a filter it is unknown until the end.
        OptionalLong count = keepsEverything ? OptionalLong.of(leases.count()) : OptionalLong.empty();
        Iterable<Lease> chosen = () -> StreamSupport.stream(stored.spliterator(), false).filter(filter).iterator();
        ReportHeader header = new ReportHeader("LeaseDesk leases", clock.instant(), filterWords, List.of());
        return LeaseExport.write(format, new LeaseRows(chosen, count), header, target, monitor);
    }
}
