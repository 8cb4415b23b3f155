package org.leasedesk.report;

import java.nio.file.Path;
import java.util.Objects;

/** A line of a lease file that was skipped, and why, in words an admin can act on. */
public record ImportProblem(Path file, long line, String reason) {

    public ImportProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return file + ":" + line + ": " + reason;
    }
}
