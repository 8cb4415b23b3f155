package org.leasedesk.app;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.LongBinaryOperator;
import java.util.function.Predicate;
import org.leasedesk.lease.PoolRef;
import org.leasedesk.report.ExportFormat;
import org.leasedesk.report.ExportMonitor;
import org.leasedesk.report.ExportOutcome;
import org.leasedesk.report.PoolSummary;
import org.leasedesk.report.ReportTable;
import org.leasedesk.server.DhcpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Reports view's exports: the stored leases or the history, filtered, in any report format that
 * holds them, with progress and cancel. The file appears complete or not at all. The header shows the
 * pools' figures now when a server is running, else as last sampled.
 */
public final class ReportExports {

    private static final Logger log = LoggerFactory.getLogger(ReportExports.class);

    /** How long a report waits for the running server's figures before using the stored samples. */
    private static final long LIVE_FIGURES_TIMEOUT_SECONDS = 5;

    /** What a report lists. */
    public enum Contents {
        LEASES("Leases", ReportTable.LEASES), HISTORY("History (lease events)", ReportTable.HISTORY);

        private final String displayName;
        private final ReportTable<?> table;

        Contents(String displayName, ReportTable<?> table) {
            this.displayName = displayName;
            this.table = table;
        }

        public String displayName() {
            return displayName;
        }

        /** The formats that can hold these contents (Kea's lease file holds leases only). */
        public List<Format> formats() {
            return Arrays.stream(Format.values()).filter(format -> format.format.holds(table)).toList();
        }
    }

    /** The formats offered, named as a person chooses them. */
    public enum Format {
        CSV(ExportFormat.CSV), JSON(ExportFormat.JSON), HTML(ExportFormat.HTML), PDF(ExportFormat.PDF), KEA_CSV(ExportFormat.KEA_CSV);

        private final ExportFormat format;

        Format(ExportFormat format) {
            this.format = format;
        }

        public String displayName() {
            return format.displayName();
        }

        public String fileExtension() {
            return format.fileExtension();
        }
    }

    /** How an export ended: written with its row count, or cancelled with nothing left behind. */
    public record Outcome(boolean cancelled, Path file, long rows) {}

    private final Workbench workbench;
    private final Clock clock;

    public ReportExports(Workbench workbench, Clock clock) {
        this.workbench = workbench;
        this.clock = clock;
    }

    /**
     * Writes the leases {@code filter} keeps; blocks, so call it from a background task. {@code progress}
     * gets rows done and the total (-1 when unknown); {@code cancelled} is asked before each row.
     */
    public Outcome exportLeases(Format format, LeaseFilter filter, Path target, LongBinaryOperator progress,
                                BooleanSupplier cancelled) throws IOException {
        Reports reports = new Reports(workbench.database(), clock);
        return outcome(reports.exportLeases(format.format, filter, pools(reports, Reports.coveredBy(filter)), target,
                monitor(progress, cancelled)), target);
    }

    /** Writes the history events {@code filter} keeps, like {@link #exportLeases}. */
    public Outcome exportHistory(Format format, HistoryFilter filter, Path target, LongBinaryOperator progress,
                                 BooleanSupplier cancelled) throws IOException {
        Reports reports = new Reports(workbench.database(), clock);
        return outcome(reports.exportHistory(format.format, filter, pools(reports, Reports.coveredBy(filter)), target,
                monitor(progress, cancelled)), target);
    }

    private List<PoolSummary> pools(Reports reports, Predicate<PoolRef> covered) {
        if (workbench.server().isPresent()) {
            DhcpServer server = workbench.server().get();
            try {
                return Reports.livePools(server.usage().get(LIVE_FIGURES_TIMEOUT_SECONDS, TimeUnit.SECONDS), covered);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                log.warn("The running server gave no pool figures for the report ({}); using the stored samples", e.toString());
            }
        }
        return reports.sampledPools(covered);
    }

    private static ExportMonitor monitor(LongBinaryOperator progress, BooleanSupplier cancelled) {
        return new ExportMonitor() {
            @Override
            public void progress(long done, OptionalLong total) {
                progress.applyAsLong(done, total.orElse(-1));
            }

            @Override
            public boolean cancelRequested() {
                return cancelled.getAsBoolean();
            }
        };
    }

    private static Outcome outcome(ExportOutcome outcome, Path target) {
        return switch (outcome) {
            case ExportOutcome.Written written -> new Outcome(false, written.file(), written.rows());
            case ExportOutcome.Cancelled stopped -> new Outcome(true, target, stopped.rowsWrittenBeforeStop());
        };
    }
}
