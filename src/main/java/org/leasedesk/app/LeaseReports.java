package org.leasedesk.app;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
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

    public ExportOutcome exportLeases(LeaseDatabase database, ExportFormat format, LeaseFilter filter, Path target,
                                      ExportMonitor monitor) throws IOException {
        return exportLeases(database, format, filter, filter.describe(), target, monitor);
    }

    /** Exports the stored leases that {@code filter} keeps; {@code filterWords} say in the header what it kept. */
    public ExportOutcome exportLeases(LeaseDatabase database, ExportFormat format, java.util.function.Predicate<Lease> filter,
                                      List<String> filterWords, Path target, ExportMonitor monitor) throws IOException {
        List<Lease> leases = new LeaseRepository(database).loadAll().leases().stream()
                .filter(filter)
                .sorted(Comparator.comparing(Lease::address))
                .toList();
        ReportHeader header = new ReportHeader("LeaseDesk leases", clock.instant(), filterWords, List.of());
        return LeaseExport.write(format, LeaseRows.of(leases), header, target, monitor);
    }
}
