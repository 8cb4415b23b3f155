package org.leasedesk.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Scheduled and on-demand housekeeping: dated backups and pruning of old history. */
public final class StoreMaintenance {

    private static final Logger log = LoggerFactory.getLogger(StoreMaintenance.class);

    /** Deleting in slices keeps each transaction (and H2's undo log) small on a large history. */
    private static final int DELETE_SLICE = 10_000;

    private static final DateTimeFormatter BACKUP_STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final LeaseDatabase database;
    private final Clock clock;

    public StoreMaintenance(LeaseDatabase database, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** How many rows a pruning run deleted. */
    /** How many rows pruning deleted: lease events, utilisation samples, and the embedded client's packets. */
    public record PruneResult(long events, long utilisationSamples, long clientPackets) {}

    /** Backs up the live database to {@code directory/leasedesk-<UTC time>.zip} and returns that path. */
    public Path backupInto(Path directory) {
        Path zip = directory.resolve(LeaseDatabase.DEFAULT_NAME + "-" + BACKUP_STAMP.format(clock.instant()) + ".zip");
        database.backupTo(zip);
        return zip;
    }

    /**
     * Puts a backup in place of the database file {@code target}: the backup's database is extracted
     * beside the target and opened once (so a file that is not a LeaseDesk database of a schema this
     * version knows is refused before anything changes); an existing database is kept as
     * {@code <name>.mv.db.replaced-<UTC time>}, never overwritten. A database in use is refused with
     * the process that holds it. Returns the replaced file, if there was one.
     */
    public static Optional<Path> restore(Path backupZip, Path target, Clock clock) {
        Path databaseFile = LeaseDatabase.fileOf(target);
        if (Files.exists(databaseFile)) {
            // Opening and closing it proves nobody holds it (or names who does).
            LeaseDatabase.open(target).close();
        }
        Path extracted = databaseFile.resolveSibling(databaseFile.getFileName() + ".restoring");
        try {
            extractDatabase(backupZip, extracted);
            LeaseDatabase.open(extracted).close();
            Optional<Path> replaced = Optional.empty();
            if (Files.exists(databaseFile)) {
                Path aside = databaseFile.resolveSibling(databaseFile.getFileName() + ".replaced-" + BACKUP_STAMP.format(clock.instant()));
                Files.move(databaseFile, aside);
                replaced = Optional.of(aside);
            }
            Files.move(LeaseDatabase.fileOf(extracted), databaseFile, StandardCopyOption.ATOMIC_MOVE);
            log.info("Restored {} from {}{}", databaseFile, backupZip, replaced.map(r -> "; the previous database is " + r).orElse(""));
            return replaced;
        } catch (IOException e) {
            throw new StoreException("Cannot restore " + backupZip + " to " + databaseFile + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(LeaseDatabase.fileOf(extracted));
            } catch (IOException e) {
                log.warn("could not remove the partly restored {}: {}", extracted, e.getMessage());
            }
        }
    }

    /** A LeaseDesk backup holds exactly one H2 database file; anything else is not ours. */
    private static void extractDatabase(Path backupZip, Path extracted) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(backupZip))) {
            int found = 0;
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                if (entry.getName().endsWith(".mv.db") && !entry.isDirectory()) {
                    Files.copy(zip, LeaseDatabase.fileOf(extracted), StandardCopyOption.REPLACE_EXISTING);
                    found++;
                }
            }
            if (found != 1) {
                throw new IOException("it is not a LeaseDesk backup: it holds " + found + " database files, one was expected");
            }
        } catch (java.util.zip.ZipException e) {
            throw new IOException("it is not a zip file (" + e.getMessage() + ")", e);
        }
    }

    /**
     * A scheduled backup: backs up into {@code directory}, then deletes the oldest LeaseDesk backups
     * there beyond {@code keep}, so scheduled backups cannot fill the disk.
     */
    public Path backupKeepingNewest(Path directory, int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep at least one backup, not " + keep);
        }
        Path made = backupInto(directory);
        try (Stream<Path> files = Files.list(directory)) {
            // The UTC stamp in the name sorts in time order.
            List<Path> backups = files.filter(f -> f.getFileName().toString().startsWith(LeaseDatabase.DEFAULT_NAME + "-")
                            && f.getFileName().toString().endsWith(".zip"))
                    .sorted(Comparator.comparing(Path::getFileName).reversed())
                    .toList();
            for (Path old : backups.subList(Math.min(keep, backups.size()), backups.size())) {
                Files.delete(old);
                log.info("Deleted old backup {}", old);
            }
        } catch (IOException e) {
            log.warn("Backed up to {} but could not remove older backups in {}: {}", made, directory, e.getMessage());
        }
        return made;
    }

    /** Deletes history events, utilisation samples and client packets older than {@code retention}; current leases are kept. */
    public PruneResult pruneOlderThan(Duration retention) {
        if (retention.isNegative()) {
            throw new IllegalArgumentException("retention must not be negative, got " + retention);
        }
        Instant cutoff = clock.instant().minus(retention);
        PruneResult result = new PruneResult(
                deleteBefore("lease_events", "event_time", cutoff),
                deleteBefore("utilisation_samples", "sample_time", cutoff),
                deleteBefore("client_history", "packet_time", cutoff));
        log.info("Pruned history of {} before {}: {} events, {} utilisation samples, {} client packets", database.file(), cutoff,
                result.events(), result.utilisationSamples(), result.clientPackets());
        return result;
    }

    // Table and column names come from the two call sites above, never from input.
    private long deleteBefore(String table, String timeColumn, Instant cutoff) {
        long deleted = 0;
        try (Connection connection = database.connect();
                PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table + " WHERE "
                        + timeColumn + " < ? FETCH FIRST " + DELETE_SLICE + " ROWS ONLY")) {
            Columns.setTime(delete, 1, cutoff);
            int slice;
            do {
                slice = delete.executeUpdate();
                deleted += slice;
            } while (slice == DELETE_SLICE);
        } catch (SQLException e) {
            throw new StoreException("Cannot prune " + table + " before " + cutoff + " (" + deleted
                    + " rows already deleted): " + e.getMessage(), e);
        }
        return deleted;
    }
}
