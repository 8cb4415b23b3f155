package org.leasedesk.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a database's schema up to the version this code knows. Migration {@code n} is the
 * resource {@code migration/NNN-name.sql}; {@link #SCRIPTS} lists them in order, so the version of
 * a script is its position (1-based). A migration, once released, is never edited: changes go in a
 * new script.
 */
final class Migrations {

    private static final Logger log = LoggerFactory.getLogger(Migrations.class);

    static final List<String> SCRIPTS = List.of("001-initial-schema.sql",
            "002-client-history.sql",
            "003-analytics.sql",
            "004-deny-list.sql",
            "005-event-id-cache.sql");

    private Migrations() {}

    static int latestVersion() {
        return SCRIPTS.size();
    }

    /** Applies every missing migration; refuses a database whose schema is newer than this code. */
    static void migrate(Connection connection, Path file) throws SQLException {
        try (PreparedStatement create = connection.prepareStatement("""
                CREATE TABLE IF NOT EXISTS schema_version (
                    version     INTEGER PRIMARY KEY,
                    script      VARCHAR(200) NOT NULL,
                    applied_at  TIMESTAMP(3) WITH TIME ZONE NOT NULL
                )""")) {
            create.execute();
        }
        int current = currentVersion(connection);
        if (current > latestVersion()) {
            throw new SchemaTooNewException("The lease database " + file + " has schema version " + current
                    + ", but this LeaseDesk knows versions up to " + latestVersion()
                    + ". It was written by a newer LeaseDesk: run that version, or open a backup made before the upgrade.",
                    current, latestVersion());
        }
        for (int version = current + 1; version <= latestVersion(); version++) {
            apply(connection, version, SCRIPTS.get(version - 1));
            log.info("Lease database {}: applied schema migration {} ({})", file, version, SCRIPTS.get(version - 1));
        }
    }

    static int currentVersion(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT COALESCE(MAX(version), 0) FROM schema_version");
                ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static void apply(Connection connection, int version, String script) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            for (String statement : statementsOf(script)) {
                try (PreparedStatement ddl = connection.prepareStatement(statement)) {
                    ddl.execute();
                }
            }
            try (PreparedStatement record = connection.prepareStatement(
                    "INSERT INTO schema_version (version, script, applied_at) VALUES (?, ?, ?)")) {
                record.setInt(1, version);
                record.setString(2, script);
                record.setObject(3, Instant.now());
                record.executeUpdate();
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** Splits a script at semicolons that end a line; lines starting with "--" are comments. */
    static List<String> statementsOf(String script) {
        String text;
        try (InputStream in = Migrations.class.getResourceAsStream("migration/" + script)) {
            if (in == null) {
                throw new IllegalStateException("migration script " + script + " is missing from the build");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read migration script " + script, e);
        }
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            if (trimmed.endsWith(";")) {
                current.append(trimmed, 0, trimmed.length() - 1);
                statements.add(current.toString());
                current.setLength(0);
            } else {
                current.append(trimmed).append('\n');
            }
        }
        if (!current.isEmpty()) {
            statements.add(current.toString());
        }
        return statements;
    }
}
