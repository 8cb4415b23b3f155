package org.leasedesk.report;

import java.nio.file.Path;
import java.util.List;
import org.leasedesk.lease.Lease;

/** What reading a lease file gave: its leases (bad lines skipped and listed), or a refusal of the whole file. */
public sealed interface ImportOutcome {

    /**
     * The file's current leases, one per address (the last record wins; a dnsmasq file that gives one
     * address to two clients keeps both), and the lines that were skipped.
     */
    record Imported(List<Lease> leases, List<ImportProblem> problems) implements ImportOutcome {
        public Imported {
            leases = List.copyOf(leases);
            problems = List.copyOf(problems);
        }
    }

    /** The file is not of the format at all (another format, a binary file): nothing was imported. */
    record Rejected(Path file, String reason) implements ImportOutcome {}
}
