package org.leasedesk.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
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
    public record PruneResult(long events, long utilisationSamples) {}

    /** Backs up the live database to {@code directory/leasedesk-<UTC time>.zip} and returns that path. */
    public Path backupInto(Path directory) {
        Path zip = directory.resolve(LeaseDatabase.DEFAULT_NAME + "-" + BACKUP_STAMP.format(clock.instant()) + ".zip");
        database.backupTo(zip);
        return zip;
    }

    /** Deletes history events and utilisation samples older than {@code retention}; current leases are kept. */
    public PruneResult pruneOlderThan(Duration retention) {
        if (retention.isNegative()) {
            throw new IllegalArgumentException("retention must not be negative, got " + retention);
        }
        Instant cutoff = clock.instant().minus(retention);
        PruneResult result = new PruneResult(
                deleteBefore("lease_events", "event_time", cutoff),
                deleteBefore("utilisation_samples", "sample_time", cutoff));
        log.info("Pruned history of {} before {}: {} events, {} utilisation samples", database.file(), cutoff,
                result.events(), result.utilisationSamples());
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
