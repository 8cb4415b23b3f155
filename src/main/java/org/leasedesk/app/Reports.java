package org.leasedesk.app;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
import org.leasedesk.lease.Lease;
import org.leasedesk.lease.LeaseEvent;
import org.leasedesk.lease.PoolRef;
import org.leasedesk.report.ExportFormat;
import org.leasedesk.report.ExportMonitor;
import org.leasedesk.report.ExportOutcome;
import org.leasedesk.report.PoolSummary;
import org.leasedesk.report.ReportExport;
import org.leasedesk.report.ReportHeader;
import org.leasedesk.report.ReportRows;
import org.leasedesk.report.ReportTable;
import org.leasedesk.server.DhcpServer;
import org.leasedesk.store.EventPage;
import org.leasedesk.store.EventRepository;
import org.leasedesk.store.LeaseDatabase;
import org.leasedesk.store.LeaseRepository;
import org.leasedesk.store.PageRequest;
import org.leasedesk.store.StoredEvent;
import org.leasedesk.store.TimeRange;
import org.leasedesk.store.UtilisationRepository;

/**
 * Exports the stored lease table or the history, filtered, in any report format: for the CLI's
 * {@code report} and the Reports view. Rows are read from the database a page at a time while the
 * document is written, never all at once, so the memory an export needs does not grow with the rows.
 * The header carries the figures of the pools the filter looks at.
 */
public final class Reports {

    /** Rows read from the database per query while exporting: enough to be quick, few enough to hold. */
    static final int PAGE = 5_000;

    private final LeaseDatabase database;
    private final Clock clock;

    public Reports(LeaseDatabase database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Exports the leases {@code filter} keeps, in address order, with {@code pools} in the header. */
    public ExportOutcome exportLeases(ExportFormat format, LeaseFilter filter, List<PoolSummary> pools, Path target,
                                      ExportMonitor monitor) throws IOException {
        LeaseRepository leases = new LeaseRepository(database);
        Iterable<Lease> stored = leases.inAddressOrder(PAGE);
        Predicate<Lease> keeps = filter.asPredicate();
        // Progress as a fraction needs the row count up front; with a filter it is unknown until the end.
        OptionalLong count = filter.equals(LeaseFilter.ALL) ? OptionalLong.of(leases.count()) : OptionalLong.empty();
        Iterable<Lease> chosen = () -> StreamSupport.stream(stored.spliterator(), false).filter(keeps).iterator();
        ReportHeader header = new ReportHeader("LeaseDesk leases", clock.instant(), filter.describe(), pools);
        return ReportExport.write(format, ReportTable.LEASES, new ReportRows<>(chosen, count), header, target, monitor);
    }

    /** Exports the history events {@code filter} keeps, oldest first, with {@code pools} in the header. */
    public ExportOutcome exportHistory(ExportFormat format, HistoryFilter filter, List<PoolSummary> pools, Path target,
                                       ExportMonitor monitor) throws IOException {
        EventRepository events = new EventRepository(database);
        Predicate<LeaseEvent> keeps = filter.textTest();
        OptionalLong count = filter.text().isEmpty() ? OptionalLong.of(events.count(filter.query(), filter.range()))
                : OptionalLong.empty();
        Iterable<LeaseEvent> stored = () -> new EventPages(events, filter);
        Iterable<LeaseEvent> chosen = () -> StreamSupport.stream(stored.spliterator(), false).filter(keeps).iterator();
        ReportHeader header = new ReportHeader("LeaseDesk lease history", clock.instant(), filter.describe(), pools);
        return ReportExport.write(format, ReportTable.HISTORY, new ReportRows<>(chosen, count), header, target, monitor);
    }

    /**
     * The pools' figures as last sampled into the database (by a server that ran on it), for a report
     * made without a running server; only the pools {@code covered} keeps.
     */
    public List<PoolSummary> sampledPools(Predicate<PoolRef> covered) {
        UtilisationRepository samples = new UtilisationRepository(database);
        List<PoolSummary> pools = new ArrayList<>();
        for (PoolRef pool : samples.pools()) {
            if (covered.test(pool)) {
                samples.latest(pool.subnetId(), pool.poolId(), TimeRange.ALL).ifPresent(sample -> pools.add(
                        new PoolSummary("pool " + pool + " (sampled " + sample.time() + ")", sample.usage())));
            }
        }
        return pools;
    }

    /** A running server's figures now, only the pools {@code covered} keeps. */
    public static List<PoolSummary> livePools(List<DhcpServer.SubnetUsage> usage, Predicate<PoolRef> covered) {
        return usage.stream()
                .filter(pool -> covered.test(new PoolRef(pool.subnetId(), pool.poolId())))
                .map(pool -> new PoolSummary(pool.range() + " (pool " + pool.subnetId() + "/" + pool.poolId() + ")", pool.usage()))
                .toList();
    }

    /** The pools a history filter looks at: the one it names, or all. */
    public static Predicate<PoolRef> coveredBy(HistoryFilter filter) {
        return pool -> filter.query().pool().map(pool::equals).orElse(true);
    }

    /** The pools a lease filter looks at: those of its subnet and pool, or all. */
    public static Predicate<PoolRef> coveredBy(LeaseFilter filter) {
        return filter::covers;
    }

    /** History read a page at a time, each page continuing where the last one ended. */
    private static final class EventPages implements Iterator<LeaseEvent> {

        private final EventRepository events;
        private final HistoryFilter filter;
        private Iterator<StoredEvent> page = Collections.emptyIterator();
        private Optional<PageRequest> next = Optional.of(PageRequest.first(PAGE));

        EventPages(EventRepository events, HistoryFilter filter) {
            this.events = events;
            this.filter = filter;
        }

        @Override
        public boolean hasNext() {
            while (!page.hasNext() && next.isPresent()) {
                EventPage read = events.find(filter.query(), filter.range(), next.get());
                page = read.events().iterator();
                next = read.next();
            }
            return page.hasNext();
        }

        @Override
        public LeaseEvent next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return page.next().event();
        }
    }
}
