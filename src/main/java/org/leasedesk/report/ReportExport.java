package org.leasedesk.report;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way to export a report, whatever the table and the format: the CLI and the GUI both call
 * {@link #write}. The file appears complete or not at all: rows go to a temporary file next to
 * the target, which is moved into place only when the document is finished, and deleted when the
 * export is cancelled or fails.
 */
public final class ReportExport {

    private static final Logger log = LoggerFactory.getLogger(ReportExport.class);

    /** Progress is reported every this many rows: often enough for a bar, rarely enough to cost nothing. */
    static final int PROGRESS_STEP = 1024;

    private ReportExport() {}

    /**
     * Writes {@code rows} of {@code table} to {@code target} in {@code format}, replacing an existing file.
     *
     * @throws IOException when writing fails; the target is then untouched and no temporary file remains
     * @throws IllegalArgumentException when the format cannot hold the table (Kea's lease file and history)
     */
    public static <R> ExportOutcome write(ExportFormat format, ReportTable<R> table, ReportRows<R> rows, ReportHeader header,
            Path target, ExportMonitor monitor) throws IOException {
        if (!format.holds(table)) {
            throw new IllegalArgumentException(format.displayName() + " holds leases only, not " + table);
        }
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        Path temporary = Files.createTempFile(directory, "." + absolute.getFileName() + ".", ".part");
        boolean complete = false;
        try {
            RowsWritten written;
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temporary), 1 << 16);
                    TableDocument<R> document = format.open(out, header, table)) {
                written = writeRows(document, rows, monitor);
            }
            if (written.cancelled()) {
                log.info("{} export to {} cancelled after {} rows", format, absolute, written.rows());
                return new ExportOutcome.Cancelled(written.rows());
            }
            moveIntoPlace(temporary, absolute);
            complete = true;
            log.info("exported {} as {} to {}", table.count(written.rows()), format, absolute);
            return new ExportOutcome.Written(absolute, written.rows());
        } finally {
            if (!complete) {
                Files.deleteIfExists(temporary);
            }
        }
    }

    private record RowsWritten(long rows, boolean cancelled) {}

    private static <R> RowsWritten writeRows(TableDocument<R> document, ReportRows<R> rows, ExportMonitor monitor)
            throws IOException {
        OptionalLong total = rows.count();
        long done = 0;
        monitor.progress(0, total);
        for (R row : rows.rows()) {
            if (monitor.cancelRequested()) {
                return new RowsWritten(done, true);
            }
            document.row(row);
            done++;
            if (done % PROGRESS_STEP == 0) {
                monitor.progress(done, total);
            }
        }
        if (monitor.cancelRequested()) {
            return new RowsWritten(done, true);
        }
        document.finish();
        monitor.progress(done, OptionalLong.of(done));
        return new RowsWritten(done, false);
    }

    private static void moveIntoPlace(Path temporary, Path target) throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // Same directory, so this only happens on file systems without rename (some network shares).
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
