package org.leasedesk.app;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongBinaryOperator;
import org.leasedesk.lease.Lease;
import org.leasedesk.lease.LeaseState;
import org.leasedesk.report.ExportFormat;
import org.leasedesk.report.ExportMonitor;
import org.leasedesk.report.ExportOutcome;

/**
 * The Reports view's exports: the stored leases filtered by subnet, pool, state, last-change time
 * and free text, in any report format, with progress and cancel. The file appears complete or not
 * at all (see the report package's LeaseExport).
 */
public final class ReportExports {

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

    /**
     * What to export. Empty choices do not filter; the time range applies to each lease's last
     * transaction, from inclusive to exclusive.
     */
    public record Request(Format format, OptionalLong subnetId, OptionalLong poolId, Optional<LeaseState> state,
                          Optional<Instant> from, Optional<Instant> to, String text, Path target) {

        boolean includes(Lease lease) {
            return (subnetId.isEmpty() || lease.subnetId() == subnetId.getAsLong())
                    && (poolId.isEmpty() || lease.poolId() == poolId.getAsLong())
                    && from.map(start -> !lease.cltt().isBefore(start)).orElse(true)
                    && to.map(end -> lease.cltt().isBefore(end)).orElse(true)
                    && new LeaseFilter(OptionalLong.empty(), state, text.isBlank() ? Optional.empty() : Optional.of(text)).test(lease);
        }

        List<String> describe() {
            List<String> words = new ArrayList<>();
            subnetId.ifPresent(id -> words.add("subnet " + id));
            poolId.ifPresent(id -> words.add("pool " + id));
            state.ifPresent(s -> words.add("state " + s.name().toLowerCase(Locale.ROOT)));
            from.ifPresent(t -> words.add("changed from " + t));
            to.ifPresent(t -> words.add("changed before " + t));
            if (!text.isBlank()) {
                words.add("matching '" + text.strip() + "'");
            }
            return words;
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
     * Writes the report; blocks, so call it from a background task. {@code progress} gets rows done
     * and the total; {@code cancelled} is asked before each row.
     */
    public Outcome export(Request request, LongBinaryOperator progress, BooleanSupplier cancelled) throws IOException {
        ExportMonitor monitor = new ExportMonitor() {
            @Override
            public void progress(long done, OptionalLong total) {
                progress.applyAsLong(done, total.orElse(-1));
            }

            @Override
            public boolean cancelRequested() {
                return cancelled.getAsBoolean();
            }
        };
        ExportOutcome outcome = new LeaseReports(clock).exportLeases(workbench.database(), request.format().format,
                request::includes, request.describe(), request.target(), monitor);
        return switch (outcome) {
            case ExportOutcome.Written written -> new Outcome(false, written.file(), written.rows());
            case ExportOutcome.Cancelled stopped -> new Outcome(true, request.target(), stopped.rowsWrittenBeforeStop());
        };
    }
}
