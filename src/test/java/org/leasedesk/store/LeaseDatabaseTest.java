package org.leasedesk.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeaseDatabaseTest {

    @TempDir
    Path dir;

    @Test
    void freshDatabaseGetsEveryMigration() {
        try (LeaseDatabase database = LeaseDatabase.open(dir.resolve("fresh"))) {
            assertThat(database.schemaVersion()).isEqualTo(Migrations.latestVersion());
            assertThat(database.file()).isEqualTo(dir.resolve("fresh.mv.db").toAbsolutePath());
            assertThat(database.file()).exists();
        }
    }

    @Test
    void reopeningKeepsDataAndAppliesNothingTwice() {
        try (LeaseDatabase database = LeaseDatabase.open(dir.resolve("db"))) {
            new EventRepository(database).append(TestLeases.granted(1).event());
        }
        try (LeaseDatabase database = LeaseDatabase.open(dir.resolve("db.mv.db"))) {
            assertThat(database.schemaVersion()).isEqualTo(Migrations.latestVersion());
            assertThat(new EventRepository(database).between(TimeRange.ALL, PageRequest.first(10)).events()).hasSize(1);
        }
    }

    @Test
    void eventIdCacheMigrationKeepsTheHistoryOfAVersion4Database() throws SQLException {
        try (LeaseDatabase database = LeaseDatabase.open(dir.resolve("db"));
                Connection connection = database.connect();
                PreparedStatement back = connection.prepareStatement("ALTER TABLE lease_events ALTER COLUMN id SET CACHE 32");
                PreparedStatement forget = connection.prepareStatement("DELETE FROM schema_version WHERE version = 5")) {
            new EventRepository(database).append(TestLeases.granted(1).event());
            back.execute();
            forget.execute();
        }
        try (LeaseDatabase database = LeaseDatabase.open(dir.resolve("db"));
                Connection connection = database.connect();
                PreparedStatement cache = connection.prepareStatement(
                        "SELECT identity_cache FROM information_schema.columns WHERE table_name = 'LEASE_EVENTS' AND column_name = 'ID'")) {
            assertThat(database.schemaVersion()).isEqualTo(Migrations.latestVersion());
            try (java.sql.ResultSet row = cache.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getLong(1)).isEqualTo(100_000);
            }
            EventRepository events = new EventRepository(database);
            events.append(TestLeases.granted(2).event());
            assertThat(events.between(TimeRange.ALL, PageRequest.first(10)).events())
                    .extracting(StoredEvent::id).hasSize(2).isSorted().doesNotHaveDuplicates();
        }
    }

    @Test
    void refusesASchemaNewerThanThisCodeKnows() throws SQLException {
        try (LeaseDatabase database = LeaseDatabase.open(dir.resolve("db"));
                Connection connection = database.connect();
                PreparedStatement future = connection.prepareStatement(
                        "INSERT INTO schema_version (version, script, applied_at) VALUES (?, 'from-the-future.sql', ?)")) {
            future.setInt(1, Migrations.latestVersion() + 1);
            future.setObject(2, Instant.now());
            future.executeUpdate();
        }
        assertThatThrownBy(() -> LeaseDatabase.open(dir.resolve("db")))
                .isInstanceOf(SchemaTooNewException.class)
                .hasMessageContaining("has schema version " + (Migrations.latestVersion() + 1))
                .hasMessageContaining("knows versions up to " + Migrations.latestVersion())
                .hasMessageContaining("newer LeaseDesk");
        // The refusal must leave the file usable by the newer version: not locked, not modified.
        assertThatThrownBy(() -> LeaseDatabase.open(dir.resolve("db"))).isInstanceOf(SchemaTooNewException.class);
    }

    @Test
    void connectionsAreRefusedAfterClose() {
        LeaseDatabase database = LeaseDatabase.open(dir.resolve("db"));
        database.close();
        assertThatThrownBy(database::connect).isInstanceOf(SQLException.class).hasMessageContaining("closed");
    }

    @Test
    void backupOfALiveDatabaseRestoresToTheSameLeases() throws Exception {
        try (LeaseDatabase database = LeaseDatabase.open(dir.resolve("live"));
                LeaseWriter writer = new LeaseWriter(database, LeaseWriter.Settings.DEFAULTS,
                        java.time.Clock.systemUTC(), alarm -> {})) {
            for (int n = 1; n <= 50; n++) {
                writer.submit(TestLeases.granted(n)).join();
            }
            Path zip = new StoreMaintenance(database, java.time.Clock.fixed(TestLeases.T0, java.time.ZoneOffset.UTC))
                    .backupInto(dir.resolve("backups"));
            assertThat(zip.getFileName()).hasToString("leasedesk-20250301-120000.zip");
            assertThat(zip).isNotEmptyFile();
            Path restored = dir.resolve("restored");
            org.h2.tools.Restore.execute(zip.toString(), restored.toString(), "live");
            try (LeaseDatabase copy = LeaseDatabase.open(restored.resolve("live"))) {
                assertThat(new LeaseRepository(copy).loadAll().leases()).hasSize(50);
            }
        }
    }

    @Test
    void compactionShrinksTheFileAndKeepsTheLeases() throws Exception {
        try (LeaseDatabase database = LeaseDatabase.open(dir.resolve("db"));
                LeaseWriter writer = new LeaseWriter(database, new LeaseWriter.Settings(4096, 1, false, Duration.ZERO),
                        java.time.Clock.systemUTC(), alarm -> {})) {
            // One commit per change is what bloats an MVStore file; compaction should undo it.
            for (int round = 0; round < 3; round++) {
                for (int n = 1; n <= 300; n++) {
                    writer.submit(TestLeases.granted(n)).join();
                }
            }
        }
        LeaseDatabase database = LeaseDatabase.open(dir.resolve("db"));
        long before = Files.size(database.file());
        database.compact();
        long afterCompact = Files.size(database.file());
        assertThat(new LeaseRepository(database).loadAll().leases()).hasSize(300);
        database.closeAndCompact();
        assertThat(afterCompact).isLessThan(before);
        try (LeaseDatabase reopened = LeaseDatabase.open(dir.resolve("db"))) {
            assertThat(new LeaseRepository(reopened).loadAll().leases()).hasSize(300);
        }
    }

    @Test
    void defaultDataDirectoryFollowsEachPlatformsConvention() {
        Path home = Path.of("/home/ana");
        assertThat(DataDirectory.resolve(Map.of(), "Linux", home)).isEqualTo(Path.of("/home/ana/.local/share/leasedesk"));
        assertThat(DataDirectory.resolve(Map.of("XDG_DATA_HOME", "/data/ana"), "Linux", home))
                .isEqualTo(Path.of("/data/ana/leasedesk"));
        assertThat(DataDirectory.resolve(Map.of("XDG_DATA_HOME", "relative/dir"), "Linux", home))
                .as("a relative XDG_DATA_HOME is ignored, as the XDG spec says")
                .isEqualTo(Path.of("/home/ana/.local/share/leasedesk"));
        assertThat(DataDirectory.resolve(Map.of(), "Mac OS X", home))
                .isEqualTo(Path.of("/home/ana/Library/Application Support/LeaseDesk"));
        assertThat(DataDirectory.resolve(Map.of("APPDATA", "/users/ana/AppData/Roaming"), "Windows 11", home))
                .isEqualTo(Path.of("/users/ana/AppData/Roaming/LeaseDesk"));
    }
}
