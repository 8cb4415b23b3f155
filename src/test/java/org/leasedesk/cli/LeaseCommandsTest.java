package org.leasedesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leasedesk.lease.HardwareAddress;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.lease.Lease;
import org.leasedesk.lease.LeaseEvent;
import org.leasedesk.lease.LeaseEventType;
import org.leasedesk.lease.Octets;
import org.leasedesk.lease.RelayInfo;
import org.leasedesk.store.LeaseChange;
import org.leasedesk.store.LeaseDatabase;
import org.leasedesk.store.LeaseWriter;

/** report, history and import against a real H2 file holding a hand-built timeline. */
class LeaseCommandsTest {

    private static final Instant MONDAY = Instant.parse("2026-11-16T09:00:00Z");
    private static final Instant TUESDAY = Instant.parse("2026-11-17T09:00:00Z");
    private static final Instant WEDNESDAY = Instant.parse("2026-11-18T09:00:00Z");

    @TempDir
    Path directory;

    private Path databaseFile;

    /** 192.0.2.10: the laptop from Monday, released Tuesday; the printer from Wednesday. 192.0.2.11: a phone. */
    @BeforeEach
    void recordATimeline() throws Exception {
        databaseFile = directory.resolve("leases");
        try (LeaseDatabase database = LeaseDatabase.open(databaseFile);
             LeaseWriter writer = new LeaseWriter(database, LeaseWriter.Settings.DEFAULTS, Clock.systemUTC(), alarm -> {})) {
            Lease laptop = lease("192.0.2.10", "00:00:5e:00:53:01", "laptop", MONDAY);
            store(writer, laptop, LeaseEventType.GRANTED, MONDAY);
            store(writer, laptop.released(TUESDAY), LeaseEventType.RELEASED, TUESDAY);
            store(writer, lease("192.0.2.10", "00:00:5e:00:53:02", "printer", WEDNESDAY), LeaseEventType.GRANTED, WEDNESDAY);
            store(writer, lease("192.0.2.11", "00:00:5e:00:53:03", "=cmd|' /C calc'!A0", WEDNESDAY), LeaseEventType.GRANTED, WEDNESDAY);
        }
    }

    private static Lease lease(String address, String mac, String hostname, Instant time) {
        return Lease.granted(Ipv4Address.parse(address), HardwareAddress.parseMac(mac), Octets.EMPTY, hostname, 1, 1, time,
                Duration.ofDays(30), RelayInfo.NONE);
    }

    private static void store(LeaseWriter writer, Lease lease, LeaseEventType type, Instant time) throws Exception {
        writer.submit(new LeaseChange(lease, LeaseEvent.of(type, lease, time, "test"))).get();
    }

    private CliRun run(String... args) {
        String[] withDatabase = java.util.Arrays.copyOf(args, args.length + 2);
        withDatabase[args.length] = "--database";
        withDatabase[args.length + 1] = databaseFile.toString();
        return CliRun.of(withDatabase);
    }

    @Test
    void historyTellsWhoHeldAnAddressAtAGivenTime() {
        assertThat(run("history", "--ip", "192.0.2.10", "--at", "2026-11-16T12:00:00Z").out())
                .isEqualTo("192.0.2.10 was held at 2026-11-16T12:00:00Z by 00:00:5e:00:53:01 (laptop) (granted at 2026-11-16T09:00:00Z)\n");
        assertThat(run("history", "--ip", "192.0.2.10", "--at", "2026-11-17T12:00:00Z").out())
                .isEqualTo("192.0.2.10 was held by nobody at 2026-11-17T12:00:00Z\n");
        assertThat(run("history", "--ip", "192.0.2.10", "--at", "2026-11-18T12:00:00Z").out())
                .contains("by 00:00:5e:00:53:02 (printer)");
        assertThat(run("history", "--ip", "192.0.2.10", "--at", "2026-11-15T12:00:00Z").out()).contains("held by nobody");
    }

    @Test
    void historyListsAClientsEventsWhateverTheMacSpelling() {
        CliRun run = run("history", "--mac", "00-00-5E-00-53-01");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines()).containsExactly(
                "2026-11-16T09:00:00Z  GRANTED   192.0.2.10  00:00:5e:00:53:01 (laptop)",
                "2026-11-17T09:00:00Z  RELEASED  192.0.2.10  00:00:5e:00:53:01 (laptop)");
    }

    @Test
    void historyRefusesABadAddressClearly() {
        CliRun run = run("history", "--ip", "192.0.2.300", "--at", "2026-11-16T12:00:00Z");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("leasedesk history: ").contains("192.0.2.300");
    }

    @Test
    void reportWritesTheFilteredTableWithFormulasDefused() throws Exception {
        Path csv = directory.resolve("active.csv");

        CliRun run = run("report", "--format", "csv", "--out", csv.toString(), "--state", "ACTIVE");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("wrote 2 lease(s) to " + csv + "\n");
        String written = Files.readString(csv);
        assertThat(written).contains("192.0.2.10", "printer", "192.0.2.11", "'=cmd|' /C calc'!A0").doesNotContain("laptop");
    }

    @Test
    void reportInKeaFormatCanBeReadBackByImport() throws Exception {
        Path kea = directory.resolve("kea-leases4.csv");
        assertThat(run("report", "--format", "kea-csv", "--out", kea.toString()).exitCode()).isZero();

        CliRun imported = CliRun.of("import", kea.toString());

        assertThat(imported.exitCode()).isZero();
        assertThat(imported.out()).contains("192.0.2.10", "00:00:5e:00:53:02", "192.0.2.11", "2 lease(s), 0 line(s) skipped");
    }

    @Test
    void aBackupRestoresTheHistoryAndKeepsTheReplacedDatabase() throws Exception {
        Path backups = directory.resolve("backups");
        CliRun backup = run("db", "backup", "--to", backups.toString());
        assertThat(backup.exitCode()).isZero();
        Path zip;
        try (var listing = Files.list(backups)) {
            zip = listing.findFirst().orElseThrow();
        }
        assertThat(run("db", "prune", "--older-than", "0").out()).isEqualTo("deleted 4 event(s), 0 utilisation sample(s) and 0 client packet(s)\n");
        assertThat(run("history", "--mac", "00:00:5e:00:53:01").out()).isEqualTo("no lease events recorded\n");

        CliRun restore = run("db", "restore", zip.toString());

        assertThat(restore.exitCode()).isZero();
        assertThat(restore.out()).contains("restored " + zip, "the previous database is kept as");
        assertThat(run("history", "--mac", "00:00:5e:00:53:01").out().lines()).hasSize(2);
        try (var listing = Files.list(directory)) {
            assertThat(listing.map(path -> path.getFileName().toString())).anyMatch(name -> name.startsWith("leases.mv.db.replaced-"));
        }
    }

    @Test
    void restoringSomethingThatIsNoBackupChangesNothing() throws Exception {
        Path bogus = Files.writeString(directory.resolve("bogus.zip"), "not a zip");

        CliRun restore = run("db", "restore", bogus.toString());

        assertThat(restore.exitCode()).isEqualTo(3);
        assertThat(restore.err()).startsWith("leasedesk db restore: Cannot restore ");
        assertThat(run("history", "--mac", "00:00:5e:00:53:01").out().lines()).hasSize(2);
    }

    @Test
    void importRejectsAFileThatIsNoLeaseFile() throws Exception {
        Path notes = Files.writeString(directory.resolve("notes.txt"), "shopping list\nmilk\n");

        CliRun run = CliRun.of("import", notes.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("leasedesk import: ");
    }
}
