package org.leasedesk.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.h2.api.ErrorCode;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.leasedesk.platform.ProcessDescriptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The H2 file that holds leases, their history and utilisation samples. Opening it applies any
 * missing schema migrations. One process at a time: a second one gets {@link DatabaseInUseException}.
 *
 * <p>{@code WRITE_DELAY=0} makes every commit reach the file before {@code commit()} returns; with
 * H2's default of 500 ms a kill -9 loses commits that were already acknowledged (see FACTS). The
 * database stays open while this object is open; connections come from {@link #connect()}.
 *
 * <p>{@code RETENTION_TIME} is how long H2 keeps superseded file chunks before reusing their space
 * (45 s by default). Under steady moderate load every small batch is a commit and a new chunk, so
 * the default let the file grow by about 30 KB per acknowledged lease: 893 MiB after one minute at
 * 500 ACK/s. One second bounds it; the chunks it protects matter only to a power loss before the
 * operating system has written its buffers, which {@code CHECKPOINT SYNC} per batch covers.
 */
public final class LeaseDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LeaseDatabase.class);

    /** H2 appends this to the database name; users may give the path with or without it. */
    static final String FILE_SUFFIX = ".mv.db";

    private static final int RETENTION_MILLIS = 1000;
    /**
     * Compaction holds the store lock, and every commit waits for it: rounds of 64 MB every 5 s
     * stalled the lease writer for up to a second under perfdhcp, long enough to fill its queue and
     * shed ACKs. The same rewrite rate in rounds five times smaller keeps each stall short.
     */
    private static final int RECLAIM_PERIOD_MILLIS = 1000;
    private static final int REWRITE_BUDGET_BYTES = 13 * 1024 * 1024;
    /**
     * Compaction runs while less than this percentage of the chunks' bytes is live. At 90 (what H2's
     * own background thread aims at) it never stopped under load: under perfdhcp at 2000 DORA/s it
     * cost 100 us of CPU per DORA, two thirds of what the writer itself spent, against 10-20 us at 50.
     * The price is a bigger file: after 4 minutes of sustained-load.sh at 1500 DORA/s, 477 MiB
     * instead of 365 MiB (84 and 77 MiB after the compaction of a clean stop).
     */
    private static final int TARGET_FILL_RATE = 50;

    /** The file name used in the data directory when the user names no database. */
    public static final String DEFAULT_NAME = "leasedesk";

    private final Path file;
    private final String url;
    private volatile Connection keepOpen;

    private final ScheduledExecutorService spaceReclaimer;

    private LeaseDatabase(Path file, String url, Connection keepOpen) {
        this.file = file;
        this.url = url;
        this.keepOpen = keepOpen;
        this.spaceReclaimer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("h2-space-reclaimer").daemon(true).factory());
        spaceReclaimer.scheduleWithFixedDelay(this::reclaimSpace, RECLAIM_PERIOD_MILLIS, RECLAIM_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Rewrites sparsely used file chunks so their space is reused. H2 does this in its background
     * thread, but WRITE_DELAY=0 (needed so a commit is on file when it returns) stops that thread;
     * without this the file grew by about 30 KB per acknowledged lease under steady load.
     */
    private void reclaimSpace() {
        Connection connection = keepOpen;
        if (connection == null) {
            return;
        }
        try {
            SessionLocal session = (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
            MVStore store = session.getDatabase().getStore().getMvStore();
            store.compact(TARGET_FILL_RATE, REWRITE_BUDGET_BYTES);
        } catch (SQLException | RuntimeException e) {
            // Closing or compacting offline at the same moment: the next round tries again.
            log.debug("reclaiming space in {} skipped: {}", file, e.getMessage());
        }
    }

    /** Opens (creating if needed) the database in the current user's data directory. */
    public static LeaseDatabase openDefault() {
        return open(defaultFile());
    }

    /** The database {@link #openDefault()} opens. */
    public static Path defaultFile() {
        return DataDirectory.forCurrentUser().resolve(DEFAULT_NAME + FILE_SUFFIX);
    }

    /** Whether a database exists at {@code path} (given with or without its ".mv.db" suffix), without creating one. */
    public static boolean exists(Path path) {
        return Files.isRegularFile(fileOf(path));
    }

    /** The database's name without the suffix H2 adds, as H2's URL wants it. */
    private static Path baseOf(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        String name = absolute.getFileName().toString();
        return name.endsWith(FILE_SUFFIX)
                ? absolute.resolveSibling(name.substring(0, name.length() - FILE_SUFFIX.length()))
                : absolute;
    }

    /** The file on disk for a database path given with or without its ".mv.db" suffix. */
    static Path fileOf(Path path) {
        Path base = baseOf(path);
        return base.resolveSibling(base.getFileName() + FILE_SUFFIX);
    }

    /**
     * Opens (creating if needed) the database at {@code path}, for example
     * {@code ~/.local/share/leasedesk/leasedesk.mv.db}; the ".mv.db" suffix may be left out.
     */
    public static LeaseDatabase open(Path path) {
        Path base = baseOf(path);
        Path file = fileOf(path);
        try {
            Files.createDirectories(base.getParent());
        } catch (IOException e) {
            throw new StoreException("Cannot create the directory " + base.getParent() + " for the lease database: "
                    + e.getMessage() + ". Check its permissions or choose another location.", e);
        }
        // DB_CLOSE_ON_EXIT=FALSE: the application closes the database itself, after the writer has
        // flushed; H2's own shutdown hook could otherwise close it under the writer's feet.
        String url = "jdbc:h2:file:" + base + ";WRITE_DELAY=0;RETENTION_TIME=" + RETENTION_MILLIS + ";DB_CLOSE_ON_EXIT=FALSE";
        Connection connection;
        try {
            connection = DriverManager.getConnection(url, "sa", "");
        } catch (SQLException e) {
            throw openFailure(file, e);
        }
        try {
            Migrations.migrate(connection, file);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(connection);
            if (e instanceof StoreException storeException) {
                throw storeException;
            }
            throw new StoreException("Cannot bring the lease database " + file + " up to date: " + e.getMessage(), e);
        }
        log.info("Opened lease database {} (schema version {})", file, Migrations.latestVersion());
        return new LeaseDatabase(file, url, connection);
    }

    private static StoreException openFailure(Path file, SQLException e) {
        if (e.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1) {
            OptionalLong pid = LockHolder.find(file);
            String holder = pid.isPresent() ? ProcessDescriptions.describe(pid.getAsLong()) : "another process";
            return new DatabaseInUseException("The lease database " + file + " is in use by " + holder
                    + ". Only one LeaseDesk can use a database at a time: stop the other one, or open a different"
                    + " database file.", file, pid, e);
        }
        return new StoreException("Cannot open the lease database " + file + ": " + e.getMessage(), e);
    }


    /** The database file ({@code name.mv.db}). */
    public Path file() {
        return file;
    }

    /** A new connection in auto-commit mode; the caller closes it. */
    public Connection connect() throws SQLException {
        // Without this check an embedded URL would silently reopen the file after close().
        if (keepOpen == null) {
            throw new SQLException("the lease database " + file + " is closed");
        }
        return DriverManager.getConnection(url, "sa", "");
    }

    public int schemaVersion() {
        try (Connection connection = connect()) {
            return Migrations.currentVersion(connection);
        } catch (SQLException e) {
            throw new StoreException("Cannot read the schema version of " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes a consistent copy of the live database to a zip file. Safe while the server writes;
     * copying the .mv.db file directly is not.
     */
    public void backupTo(Path zipFile) {
        Path target = zipFile.toAbsolutePath().normalize();
        try (Connection connection = connect();
                PreparedStatement backup = connection.prepareStatement("BACKUP TO ?")) {
            Files.createDirectories(target.getParent());
            backup.setString(1, target.toString());
            backup.execute();
            log.info("Backed up lease database {} to {}", file, target);
        } catch (SQLException | IOException e) {
            throw new StoreException("Cannot back up the lease database to " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * Rewrites the file without its free space, then opens it again. Every other connection is
     * closed by this, so stop the {@link LeaseWriter} first.
     */
    public synchronized void compact() {
        shutdown("SHUTDOWN COMPACT");
        try {
            keepOpen = DriverManager.getConnection(url, "sa", "");
        } catch (SQLException e) {
            throw openFailure(file, e);
        }
    }

    /** Closes the database, compacting the file first: slower, for an orderly stop. */
    public synchronized void closeAndCompact() {
        shutdown("SHUTDOWN COMPACT");
    }

    @Override
    public synchronized void close() {
        shutdown("SHUTDOWN");
    }

    private void shutdown(String command) {
        if (keepOpen == null) {
            return;
        }
        if (command.equals("SHUTDOWN") || command.equals("SHUTDOWN COMPACT")) {
            spaceReclaimer.shutdownNow();
        }
        long sizeBefore = sizeInBytes(file);
        try (PreparedStatement shutdown = keepOpen.prepareStatement(command)) {
            shutdown.execute();
        } catch (SQLException e) {
            throw new StoreException("Cannot close the lease database " + file + " cleanly: " + e.getMessage(), e);
        } finally {
            closeQuietly(keepOpen);
            keepOpen = null;
        }
        log.info("Closed lease database {} ({}; {} -> {} bytes)", file, command, sizeBefore, sizeInBytes(file));
    }

    /** The file's size for the log, or -1 when it cannot be read. */
    private static long sizeInBytes(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            log.debug("Ignoring failure to close a connection that was being discarded", e);
        }
    }
}
