package org.leasedesk.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.leasedesk.lease.Lease;
import org.leasedesk.report.ImportOptions;
import org.leasedesk.report.ImportOutcome;
import org.leasedesk.report.LeaseFileFollower;
import org.leasedesk.report.LeaseFileFormat;

/**
 * Another server's lease file (Kea memfile, ISC dhcpd.leases, dnsmasq) watched read-only: each
 * refresh reads only what changed since the last, so the Reports view can poll it every few seconds.
 * Not thread-safe: one background task polls it.
 */
public final class LeaseFileMonitor {

    /** The file's leases now, the lines that were skipped, and which format it is. */
    public record Snapshot(String format, List<Lease> leases, List<String> problems) {
        public Snapshot {
            leases = List.copyOf(leases);
            problems = List.copyOf(problems);
        }
    }

    private final Path file;
    private final LeaseFileFormat format;
    private final LeaseFileFollower follower;

    private LeaseFileMonitor(Path file, LeaseFileFormat format) {
        this.file = file;
        this.format = format;
        this.follower = new LeaseFileFollower(file, format, ImportOptions.DEFAULTS);
    }

    /** Recognises the file's format from its content; refuses a file that is none of the known ones. */
    public static LeaseFileMonitor open(Path file) throws IOException {
        LeaseFileFormat format = LeaseFileFormat.detect(file).orElseThrow(() -> new IOException(file.getFileName()
                + " is not a Kea, ISC dhcpd or dnsmasq lease file"));
        return new LeaseFileMonitor(file, format);
    }

    public Path file() {
        return file;
    }

    public Snapshot refresh() throws IOException {
        return switch (follower.refresh()) {
            case ImportOutcome.Imported imported -> new Snapshot(format.name(), imported.leases(),
                    imported.problems().stream().map(Object::toString).toList());
            case ImportOutcome.Rejected rejected -> throw new IOException(rejected.reason());
        };
    }
}
