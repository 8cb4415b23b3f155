package org.leasedesk.report;

import java.nio.file.Path;

/** How an export ended when it did not fail: written in full, or stopped on request with nothing left behind. */
public sealed interface ExportOutcome {

    record Written(Path file, long rows) implements ExportOutcome {}

    record Cancelled(long rowsWrittenBeforeStop) implements ExportOutcome {}
}
