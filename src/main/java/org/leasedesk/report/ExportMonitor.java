package org.leasedesk.report;

import java.util.OptionalLong;

/**
 * How the caller follows and stops an export: the GUI binds progress to a bar and cancel to a
 * button, the CLI prints progress and never cancels. Both methods are called on the exporting
 * thread and must return quickly.
 */
public interface ExportMonitor {

    /** Follows nothing and never cancels. */
    ExportMonitor NONE = new ExportMonitor() {
        @Override
        public void progress(long done, OptionalLong total) {}

        @Override
        public boolean cancelRequested() {
            return false;
        }
    };

    /** {@code done} rows are written out of {@code total}, when the total is known. */
    void progress(long done, OptionalLong total);

    /** Asked before each row; once true the export stops and deletes what it wrote. */
    boolean cancelRequested();
}
