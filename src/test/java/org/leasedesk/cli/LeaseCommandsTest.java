package org.leasedesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leasedesk.lease.HardwareAddress;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.lease.Lease;
import org.leasedesk.lease.LeaseEvent;
import org.leasedesk.lease.LeaseEventType;
import org.leasedesk.lease.Octets;
import org.leasedesk.lease.PoolUsage;
import org.leasedesk.lease.RelayInfo;
import org.leasedesk.lease.UtilisationSample;
import org.leasedesk.report.PdfPages;
import org.leasedesk.store.LeaseChange;
import org.leasedesk.store.LeaseDatabase;
import org.leasedesk.store.LeaseWriter;
import org.leasedesk.store.UtilisationRepository;

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
    void historyFiltersByTypeAndPoolWithinATimeRange() {
        CliRun released = run("history", "--type", "released");
        assertThat(released.exitCode()).isZero();
        assertThat(released.out()).isEqualTo("2026-11-17T09:00:00Z  RELEASED  192.0.2.10  00:00:5e:00:53:01 (laptop)\n");
        CliRun wednesday = run("history", "--pool", "1/1", "--from", "2026-11-18T00:00:00Z", "--until", "2026-11-19T00:00:00Z");
        assertThat(wednesday.out().lines()).hasSize(2).allMatch(line -> line.startsWith("2026-11-18T09:00:00Z  GRANTED"));
        assertThat(run("history", "--pool", "1/2").out()).isEqualTo("no lease events recorded\n");
        assertThat(run("history", "--ip", "192.0.2.10", "--limit", "1").out())
                .contains("GRANTED   192.0.2.10  00:00:5e:00:53:01 (laptop)", "first 1 events shown")
                .doesNotContain("RELEASED");
    }

    @Test
    void historyShowsAClientsTimelineAsSpans() {
        CliRun run = run("history", "--mac", "00:00:5e:00:53:01", "--timeline");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("192.0.2.10  2026-11-16T09:00:00Z - 2026-11-16T09:00:00Z  ended 2026-11-17T09:00:00Z (released)  laptop\n");
    }

    @Test
    void historyRefusesOptionsThatDoNotGoTogetherOrBadValuesNamingTheOption() {
        assertThat(run("history").err()).contains("name what to show");
        assertThat(run("history", "--timeline", "--ip", "192.0.2.10").err()).contains("--timeline goes with --mac");
        CliRun badType = run("history", "--type", "leased");
        assertThat(badType.exitCode()).isEqualTo(2);
        assertThat(badType.err()).contains("--type 'leased' is not an event type", "granted");
        assertThat(run("history", "--pool", "one", "--type", "granted").err()).contains("pool 'one' is not SUBNET_ID/POOL_ID");
        assertThat(run("history", "--ip", "192.0.2.10", "--from", "yesterday").err()).contains("--from 'yesterday' is not an ISO-8601 time");
    }

    @Test
    void utilisationShowsEachPoolsPartsForecastAndSeries() {
        try (LeaseDatabase database = LeaseDatabase.open(databaseFile)) {
            java.util.List<org.leasedesk.lease.UtilisationSample> samples = new java.util.ArrayList<>();
            for (int hour = 0; hour < 24 * 5; hour++) {
                samples.add(new org.leasedesk.lease.UtilisationSample(MONDAY.plus(Duration.ofHours(hour)), 1, 1,
                        new org.leasedesk.lease.PoolUsage(100, 10 + hour / 6, 2, 1, 1, 0)));
            }
            new org.leasedesk.store.UtilisationRepository(database).record(samples);
        }
        CliRun now = run("utilisation");
        assertThat(now.exitCode()).isZero();
        assertThat(now.out()).startsWith("pool 1/1: 32 % used of 100: leased 29, reserved 2, reserved outside 1, declined 1, offered 0, free 68"
                + " (sampled 2026-11-21T08:00:00Z)\n");
        // Daily peaks grow 4 a day (one more lease every 6 hours) from 32 used: 68 free last 17 days.
        assertThat(now.out()).contains("forecast: full around 2026-12-08T08:00:00Z (daily peaks growing 4.0 addresses/day over 5 days)");
        CliRun series = run("utilisation", "--series", "--pool", "1/1", "--from", "2026-11-16T00:00:00Z", "--until", "2026-11-22T00:00:00Z",
                "--points", "5");
        assertThat(series.out().lines()).hasSize(6);
        assertThat(series.out()).contains("120 samples, each line the busiest sample of PT24H")
                .contains("2026-11-21T03:00:00Z  32 % used");
        assertThat(run("utilisation", "--from", "2026-11-16T00:00:00Z").err()).contains("go with --series");
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
        assertThat(run.out()).isEqualTo("wrote 2 leases to " + csv + "\n");
        String written = Files.readString(csv);
        assertThat(written).contains("192.0.2.10", "printer", "192.0.2.11", "'=cmd|' /C calc'!A0").doesNotContain("laptop");
    }

    @Test
    void reportExportsTheHistoryFilteredByAddressAndTime() throws Exception {
        Path csv = directory.resolve("history.csv");

        CliRun run = run("report", "--contents", "history", "--format", "csv", "--out", csv.toString(),
                "--ip", "192.0.2.10", "--until", "2026-11-18T00:00:00Z");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("wrote 2 events to " + csv + "\n");
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.getFirst()).startsWith("time,type,address,hardware_address");
        assertThat(lines.get(1)).startsWith("2026-11-16 09:00:00Z,granted,192.0.2.10,00:00:5e:00:53:01").contains("laptop");
        assertThat(lines.get(2)).startsWith("2026-11-17 09:00:00Z,released,192.0.2.10");
        assertThat(lines).hasSize(3);
    }

    @Test
    void aHistoryPdfCarriesThePoolsLastSampledFigures() throws Exception {
        try (LeaseDatabase database = LeaseDatabase.open(databaseFile)) {
            new UtilisationRepository(database).record(List.of(
                    new UtilisationSample(WEDNESDAY, 1, 1, new PoolUsage(50, 2, 0, 0, 0, 0))));
        }
        Path pdf = directory.resolve("history.pdf");

        CliRun run = run("report", "--contents", "history", "--format", "pdf", "--out", pdf.toString(), "--search", "printer");

        assertThat(run.exitCode()).as(run.err()).isZero();
        String text = String.join("\n", PdfPages.text(pdf));
        assertThat(text).contains("LeaseDesk lease history", "Filters: matching 'printer'", "pool 1/1 (sampled 2026-11-18T09:00:00Z)",
                "4 % used", "printer", "1 event").doesNotContain("laptop");
    }

    @Test
    void reportRefusesHistoryInKeasFormatAndEventFiltersOnLeases() {
        CliRun kea = run("report", "--contents", "history", "--format", "kea-csv", "--out", directory.resolve("x.csv").toString());
        assertThat(kea.exitCode()).isEqualTo(2);
        assertThat(kea.err()).contains("holds leases only");
        CliRun ip = run("report", "--format", "csv", "--out", directory.resolve("y.csv").toString(), "--ip", "192.0.2.10");
        assertThat(ip.exitCode()).isEqualTo(2);
        assertThat(ip.err()).contains("--contents history", "--search");
        assertThat(directory.resolve("x.csv")).doesNotExist();
        assertThat(directory.resolve("y.csv")).doesNotExist();
    }

    @Test
    void reportInKeaFormatCanBeReadBackByImport() throws Exception {
        Path kea = directory.resolve("kea-leases4.csv");
        assertThat(run("report", "--format", "kea-csv", "--out", kea.toString()).exitCode()).isZero();

        CliRun imported = CliRun.of("import", kea.toString(), "--list");

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

        CliRun run = CliRun.of("import", notes.toString(), "--list");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("leasedesk import: ");
    }
}
