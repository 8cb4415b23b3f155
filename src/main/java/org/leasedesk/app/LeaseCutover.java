package org.leasedesk.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.leasedesk.lease.Lease;
import org.leasedesk.report.ImportOptions;
import org.leasedesk.report.ImportOutcome;
import org.leasedesk.report.ImportProblem;
import org.leasedesk.report.LeaseFileFormat;
import org.leasedesk.report.LeaseImport;
import org.leasedesk.server.DhcpServer;
import org.leasedesk.server.HeldLeases;
import org.leasedesk.server.ImportPlanner;
import org.leasedesk.server.ImportRequest;
import org.leasedesk.server.ImportResult;
import org.leasedesk.server.config.ServerConfig;
import org.leasedesk.store.LeaseDatabase;
import org.leasedesk.store.LeaseRepository;
import org.leasedesk.store.LeaseWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cut-over from another DHCP server: its lease file (Kea, ISC dhcpd or dnsmasq) is read and its
 * active leases are taken into LeaseDesk, so that a LeaseDesk server replacing it keeps every client's
 * address. Into the lease store while no server runs (the command line), or through the desktop's
 * running server, which owns its leases while it runs. Both plan with the server's
 * {@link ImportPlanner}, so they place leases and find conflicts alike, and both report with
 * {@link ImportReport}.
 */
public final class LeaseCutover {

    private static final Logger log = LoggerFactory.getLogger(LeaseCutover.class);

    /** The file is not a lease file LeaseDesk reads (another format, a binary file): nothing was imported. */
    public static final class FileRefusedException extends IOException {
        FileRefusedException(String message) {
            super(message);
        }
    }

    /**
     * A lease file read for an import.
     *
     * @param leases the file's current leases, as its format defines them (the last record for an address wins)
     * @param badLines lines that could not be read, with their file and line number
     */
    public record LeaseFile(Path file, LeaseFileFormat format, List<Lease> leases, List<ImportProblem> badLines) {
        public LeaseFile {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(format, "format");
            leases = List.copyOf(leases);
            badLines = List.copyOf(badLines);
        }

        /** What the import is asked to do with these leases; only Kea's files record subnet ids of their own. */
        ImportRequest request(boolean replace) {
            return new ImportRequest(leases, file.toString(), format == LeaseFileFormat.KEA_CSV, replace);
        }
    }

    private final Workbench workbench;

    /** The desktop's way in: imports go through the workbench's running server. */
    public LeaseCutover(Workbench workbench) {
        this.workbench = Objects.requireNonNull(workbench, "workbench");
    }

    /** Reads a lease file, recognising its format from its content (a Kea file with its cleanup parts). */
    public static LeaseFile read(Path file) throws IOException {
        LeaseFileFormat format = LeaseFileFormat.detect(file).orElse(null);
        ImportOutcome outcome = LeaseImport.read(file, ImportOptions.DEFAULTS);
        return switch (outcome) {
            case ImportOutcome.Rejected rejected -> throw new FileRefusedException(rejected.reason());
            case ImportOutcome.Imported imported -> new LeaseFile(file, format, imported.leases(), imported.problems());
        };
    }

    /**
     * Imports the file's active leases into the lease database of a server that is not running,
     * checked against the leases stored there. Every change is committed (or failed, with a
     * {@link org.leasedesk.store.StoreException} saying how many) before this returns. A dry run writes
     * nothing, and creates no database where there is none (it then checks against no leases).
     *
     * @throws org.leasedesk.store.DatabaseInUseException when another process, such as a running server, holds the database
     */
    public static ImportReport intoStore(LeaseFile read, ServerConfig config, Path databaseFile, boolean replace, boolean dryRun,
                                         Clock clock) {
        if (dryRun && !LeaseDatabase.exists(databaseFile)) {
            return ImportReport.of(read, ImportPlanner.plan(read.request(replace), config, HeldLeases.NONE, clock.instant()), true);
        }
        try (LeaseDatabase database = LeaseDatabase.open(databaseFile)) {
            ImportResult result = ImportPlanner.plan(read.request(replace), config, HeldLeases.inStore(new LeaseRepository(database)),
                    clock.instant());
            if (!dryRun && !result.changes().isEmpty()) {
                commit(result, database, clock);
                log.info("imported {} lease(s) from {} into {}", result.imported().size(), read.file(), database.file());
            }
            return ImportReport.of(read, result, dryRun);
        }
    }

    private static void commit(ImportResult result, LeaseDatabase database, Clock clock) {
        // The writer logs a failed commit itself, and the failed futures carry it into the exception.
        try (LeaseWriter writer = new LeaseWriter(database, LeaseWriter.Settings.DEFAULTS, clock, alarm -> { })) {
            result.whenCommitted(writer.submitAll(result.changes())).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /**
     * Imports the file's active leases through the desktop's running server (whose allocation engine
     * holds the leases while it runs), checked against the leases it holds; a dry run changes nothing.
     * Fails with a sentence to show when no server runs or the file is not a lease file.
     */
    public CompletableFuture<ImportReport> intoRunningServer(Path file, boolean replace, boolean dryRun) {
        DhcpServer server = workbench.server().orElse(null);
        if (server == null) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "No server is running: start it from the Dashboard, then import into it."));
        }
        return CompletableFuture.supplyAsync(() -> {
            try {
                return read(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
        }).thenCompose(read -> server.importLeases(read.request(replace), dryRun).thenApply(result -> ImportReport.of(read, result, dryRun)));
    }
}
