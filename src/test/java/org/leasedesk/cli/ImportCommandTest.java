package org.leasedesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leasedesk.lease.HardwareAddress;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.lease.Lease;
import org.leasedesk.lease.LeaseEvent;
import org.leasedesk.lease.LeaseEventType;
import org.leasedesk.lease.LeaseState;
import org.leasedesk.lease.Octets;
import org.leasedesk.lease.RelayInfo;
import org.leasedesk.store.EventRepository;
import org.leasedesk.store.HoldDatabaseMain;
import org.leasedesk.store.LeaseChange;
import org.leasedesk.store.LeaseDatabase;
import org.leasedesk.store.LeaseRepository;
import org.leasedesk.store.LeaseWriter;
import org.leasedesk.store.PageRequest;
import org.leasedesk.store.StoredEvent;
import org.leasedesk.store.TimeRange;
import org.leasedesk.testing.ChildJvm;

/** {@code leasedesk import}: a cut-over from Kea, ISC dhcpd and dnsmasq files into a real H2 file, read back from the store. */
class ImportCommandTest {

    private static final String CONFIG = """
            { "Dhcp4": {
                "valid-lifetime": 600,
                "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24",
                               "pools": [ { "pool": "192.0.2.100 - 192.0.2.199" } ],
                               "reservations": [ { "hw-address": "00:00:5e:00:53:99", "ip-address": "192.0.2.150" } ] } ] } }
            """;
    private static final String KEA_HEADER =
            "address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname,state,user_context,pool_id\n";

    /** Whole seconds: every format keeps times to the second. */
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @TempDir
    Path directory;

    private Path config;
    private Path databaseFile;

    @BeforeEach
    void writeTheConfiguration() throws Exception {
        config = Files.writeString(directory.resolve("kea-dhcp4.conf"), CONFIG);
        databaseFile = directory.resolve("leases");
    }

    private CliRun importing(Path file, String... options) {
        List<String> args = new java.util.ArrayList<>(List.of("import", file.toString(), "--config", config.toString(),
                "--database", databaseFile.toString()));
        args.addAll(List.of(options));
        return CliRun.of(args.toArray(String[]::new));
    }

    /** A Kea row for a lease granted ten minutes ago for an hour; state 0 is assigned. */
    private String keaRow(String address, String mac, String clientId, String hostname, long subnetId, int state) {
        return address + "," + mac + "," + clientId + ",3600," + now.plus(Duration.ofMinutes(50)).getEpochSecond() + "," + subnetId
                + ",0,0," + hostname + "," + state + ",,0\n";
    }

    private Path keaFile(String... rows) throws Exception {
        return Files.writeString(directory.resolve("kea-leases4.csv"), KEA_HEADER + String.join("", rows));
    }

    private Path dnsmasqFile(String... lines) throws Exception {
        return Files.writeString(directory.resolve("dnsmasq.leases"), String.join("\n", lines) + "\n");
    }

    private String dnsmasqLine(String address, String mac, String hostname) {
        return now.plus(Duration.ofMinutes(30)).getEpochSecond() + " " + mac + " " + address + " " + hostname + " *";
    }

    /** LeaseDesk's own lease, as a server stored it: pool 1 of subnet 1, granted five minutes ago for an hour. */
    private void store(String address, String mac, String hostname) throws Exception {
        Lease lease = Lease.granted(Ipv4Address.parse(address), HardwareAddress.parseMac(mac), Octets.EMPTY, hostname, 1, 1,
                now.minus(Duration.ofMinutes(5)), Duration.ofHours(1), RelayInfo.NONE);
        try (LeaseDatabase database = LeaseDatabase.open(databaseFile);
             LeaseWriter writer = new LeaseWriter(database, LeaseWriter.Settings.DEFAULTS, Clock.systemUTC(), alarm -> {})) {
            writer.submit(new LeaseChange(lease, LeaseEvent.of(LeaseEventType.GRANTED, lease, lease.start(), "test"))).get(5, TimeUnit.SECONDS);
        }
    }

    private List<Lease> storedLeases() {
        try (LeaseDatabase database = LeaseDatabase.open(databaseFile)) {
            return new LeaseRepository(database).loadAll().leases();
        }
    }

    private Lease storedLease(String address) {
        return storedLeases().stream().filter(lease -> lease.address().equals(Ipv4Address.parse(address))).findFirst().orElseThrow();
    }

    private List<LeaseEvent> storedEvents() {
        try (LeaseDatabase database = LeaseDatabase.open(databaseFile)) {
            return new EventRepository(database).between(TimeRange.ALL, PageRequest.first(PageRequest.MAX_SIZE)).events().stream()
                    .map(StoredEvent::event).toList();
        }
    }

    @Test
    void aKeaFileImportsItsActiveLeasesAndReportsEverythingElse() throws Exception {
        Path kea = keaFile(
                keaRow("192.0.2.101", "52:54:00:aa:bb:01", "01:52:54:00:aa:bb:01", "alpha", 1, 0),
                keaRow("192.0.2.102", "52:54:00:aa:bb:02", "", "beta", 9, 0),
                keaRow("192.0.2.103", "52:54:00:aa:bb:03", "", "gone", 1, 3),
                "192.0.2.104,52:54:00:aa:bb:04,,3600," + now.minus(Duration.ofMinutes(1)).getEpochSecond() + ",1,0,0,old,0,,0\n",
                keaRow("203.0.113.5", "52:54:00:aa:bb:05", "", "elsewhere", 1, 0),
                "192.0.2.106,not-a-mac\n");

        CliRun run = importing(kea);

        assertThat(run.exitCode()).as("a refused lease and a bad line leave the cut-over incomplete").isEqualTo(ImportCommand.INCOMPLETE);
        assertThat(storedLeases()).extracting(lease -> lease.address().toString()).containsExactly("192.0.2.101", "192.0.2.102");
        Lease alpha = storedLease("192.0.2.101");
        assertThat(alpha.hardwareAddress()).isEqualTo(HardwareAddress.parseMac("52:54:00:aa:bb:01"));
        assertThat(alpha.clientId()).isEqualTo(Octets.parseHex("01:52:54:00:aa:bb:01"));
        assertThat(alpha.hostname()).isEqualTo("alpha");
        assertThat(alpha.state()).isEqualTo(LeaseState.ACTIVE);
        assertThat(alpha.poolId()).isEqualTo(1);
        assertThat(alpha.expiry()).isEqualTo(now.plus(Duration.ofMinutes(50)));
        assertThat(storedLease("192.0.2.102").subnetId()).as("the containing subnet wins over the file's").isEqualTo(1);
        assertThat(storedEvents()).hasSize(2).allSatisfy(event -> {
            assertThat(event.type()).isEqualTo(LeaseEventType.IMPORTED);
            assertThat(event.detail()).isEqualTo("imported from " + kea);
        });
        assertThat(run.out()).contains(
                "imported      192.0.2.101      52:54:00:aa:bb:01  alpha             subnet 1 pool 1, expires",
                "skipped       192.0.2.103      52:54:00:aa:bb:03  gone              not active: it is released in the file",
                "skipped       192.0.2.104      52:54:00:aa:bb:04  old               expired: it expired at",
                "refused       203.0.113.5      52:54:00:aa:bb:05  elsewhere         outside the configured subnets:"
                        + " no configured subnet contains 203.0.113.5",
                "bad line      " + kea + ":7: ",
                "note          192.0.2.102: the file says subnet 9, the configuration places it in subnet 1 (192.0.2.0/24)");
        assertThat(run.out().lines().toList().getLast()).isEqualTo("Imported 2 lease(s) from " + kea + " (Kea memfile): already present 0,"
                + " conflicts 0, skipped 3 (not active 1, expired 1, outside the configured subnets 1), bad lines 1.");
    }

    @Test
    void importedLeasesShowInTheHistoryAndItsExports() throws Exception {
        Path kea = keaFile(keaRow("192.0.2.101", "52:54:00:aa:bb:01", "", "alpha", 1, 0));
        assertThat(importing(kea).exitCode()).isZero();

        CliRun history = CliRun.of("history", "--type", "imported", "--database", databaseFile.toString());
        assertThat(history.exitCode()).isZero();
        assertThat(history.out()).contains("IMPORTED  192.0.2.101  52:54:00:aa:bb:01 (alpha)");
        CliRun holder = CliRun.of("history", "--ip", "192.0.2.101", "--at", Instant.now().toString(), "--database", databaseFile.toString());
        assertThat(holder.out()).contains("was held at", "by 52:54:00:aa:bb:01 (alpha) (imported at");
        Path csv = directory.resolve("history.csv");
        assertThat(CliRun.of("report", "--contents", "history", "--format", "csv", "--out", csv.toString(), "--type", "imported",
                "--database", databaseFile.toString()).exitCode()).isZero();
        assertThat(Files.readString(csv)).contains("imported", "192.0.2.101", "imported from " + kea);
    }

    @Test
    void anIscDhcpdFileImportsItsActiveLeases() throws Exception {
        DateTimeFormatter dhcpdTime = DateTimeFormatter.ofPattern("e yyyy/MM/dd HH:mm:ss").withZone(ZoneOffset.UTC);
        Path leases = Files.writeString(directory.resolve("dhcpd.leases"), """
                # The format of this file is documented in the dhcpd.leases(5) manual page.
                lease 192.0.2.120 {
                  starts %1$s;
                  ends %2$s;
                  cltt %1$s;
                  binding state active;
                  hardware ethernet 52:54:00:12:34:56;
                  uid "\\001RT\\000\\0224V";
                  client-hostname "laptop";
                }
                lease 192.0.2.121 {
                  starts %1$s;
                  ends %1$s;
                  binding state free;
                  hardware ethernet 52:54:00:12:34:57;
                }
                """.formatted(dhcpdTime.format(now.minus(Duration.ofMinutes(10))), dhcpdTime.format(now.plus(Duration.ofMinutes(50)))));

        CliRun run = importing(leases);

        assertThat(run.exitCode()).isZero();
        assertThat(storedLeases()).singleElement().satisfies(lease -> {
            assertThat(lease.address()).isEqualTo(Ipv4Address.parse("192.0.2.120"));
            assertThat(lease.hostname()).isEqualTo("laptop");
            assertThat(lease.clientId()).isEqualTo(Octets.parseHex("01:52:54:00:12:34:56"));
            assertThat(lease.cltt()).isEqualTo(now.minus(Duration.ofMinutes(10)));
            assertThat(lease.expiry()).isEqualTo(now.plus(Duration.ofMinutes(50)));
        });
        assertThat(storedEvents()).singleElement().satisfies(event -> assertThat(event.type()).isEqualTo(LeaseEventType.IMPORTED));
        assertThat(run.out()).contains("(ISC dhcpd.leases)", "skipped 1 (not active 1)");
    }

    @Test
    void aDnsmasqFileImportsItsLeasesKeepingTheirExpiry() throws Exception {
        Path leases = dnsmasqFile(
                dnsmasqLine("192.0.2.130", "52:54:00:00:01:01", "nas").replace(" *", " 01:52:54:00:00:01:01"),
                "0 52:54:00:00:01:02 192.0.2.131 forever *");

        CliRun run = importing(leases);

        assertThat(run.exitCode()).isZero();
        assertThat(storedLeases()).hasSize(2);
        Lease nas = storedLease("192.0.2.130");
        assertThat(nas.expiry()).isEqualTo(now.plus(Duration.ofMinutes(30)));
        assertThat(nas.clientId()).isEqualTo(Octets.parseHex("01:52:54:00:00:01:01"));
        assertThat(storedLease("192.0.2.131").validLifetime()).as("expiry 0 never ends").isEqualTo(Lease.MAX_LIFETIME);
        assertThat(run.out()).contains("Imported 2 lease(s)", "(dnsmasq leases)");
    }

    @Test
    void aDryRunReportsWhatItWouldWriteAndLeavesTheDatabaseAsItWas() throws Exception {
        store("192.0.2.110", "00:00:5e:00:53:01", "laptop");
        List<Lease> leasesBefore = storedLeases();
        List<LeaseEvent> eventsBefore = storedEvents();
        Path kea = keaFile(keaRow("192.0.2.111", "52:54:00:aa:bb:01", "", "alpha", 1, 0),
                keaRow("192.0.2.110", "52:54:00:aa:bb:02", "", "intruder", 1, 0));

        CliRun run = importing(kea, "--dry-run", "--replace");

        assertThat(run.exitCode()).as("what the import would return").isZero();
        assertThat(run.out()).contains("would import  192.0.2.111", "would import  192.0.2.110",
                "conflict      192.0.2.110      52:54:00:aa:bb:02  intruder          address held by another client:",
                "Dry run, nothing written: would import 2 lease(s)");
        assertThat(storedLeases()).isEqualTo(leasesBefore);
        assertThat(storedEvents()).isEqualTo(eventsBefore);
    }

    @Test
    void aDryRunCreatesNoDatabaseWhereThereIsNone() throws Exception {
        CliRun run = importing(keaFile(keaRow("192.0.2.111", "52:54:00:aa:bb:01", "", "alpha", 1, 0)), "--dry-run");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("would import  192.0.2.111");
        assertThat(directory.resolve("leases.mv.db")).doesNotExist();
    }

    @Test
    void anAddressAnotherClientHoldsIsLeftOutUnlessReplaced() throws Exception {
        store("192.0.2.110", "00:00:5e:00:53:01", "laptop");
        Path kea = keaFile(keaRow("192.0.2.110", "52:54:00:aa:bb:02", "", "intruder", 1, 0));

        CliRun kept = importing(kea);
        assertThat(kept.exitCode()).isEqualTo(ImportCommand.INCOMPLETE);
        assertThat(kept.out()).contains("192.0.2.110 is held by hw:1:00:00:5e:00:53:01 (laptop) until", "; left out",
                "conflicts 1 (address held by another client 1)", "Leases in conflict were left out: --replace");
        assertThat(storedLease("192.0.2.110").hostname()).isEqualTo("laptop");

        CliRun replaced = importing(kea, "--replace");
        assertThat(replaced.exitCode()).isZero();
        assertThat(replaced.out()).contains("of which 1 settled by --replace");
        assertThat(storedLease("192.0.2.110").hostname()).isEqualTo("intruder");
        assertThat(storedEvents().getLast().detail()).isEqualTo("imported from " + kea
                + "; replaces the lease of hw:1:00:00:5e:00:53:01 (laptop) (replace)");
    }

    @Test
    void anAddressReservedForAnotherClientIsLeftOutEvenWithReplace() throws Exception {
        CliRun run = importing(keaFile(keaRow("192.0.2.150", "52:54:00:aa:bb:02", "", "intruder", 1, 0)), "--replace");

        assertThat(run.exitCode()).isEqualTo(ImportCommand.INCOMPLETE);
        assertThat(run.out()).contains("address reserved for another client: 192.0.2.150 is reserved for hw-address=00:00:5e:00:53:99"
                + " in subnet 1; left out", "change the configuration's reservations")
                .doesNotContain("Leases in conflict were left out: --replace");
        assertThat(storedLeases()).isEmpty();
    }

    @Test
    void aClientHoldingAnotherAddressConflictsAndReplaceReleasesThatAddress() throws Exception {
        store("192.0.2.120", "52:54:00:aa:bb:01", "alpha");
        Path kea = keaFile(keaRow("192.0.2.121", "52:54:00:aa:bb:01", "", "alpha", 1, 0));

        CliRun kept = importing(kea);
        assertThat(kept.exitCode()).isEqualTo(ImportCommand.INCOMPLETE);
        assertThat(kept.out()).contains("client holds another address: the client already holds 192.0.2.120 until");
        assertThat(storedLeases()).hasSize(1);

        CliRun replaced = importing(kea, "--replace");
        assertThat(replaced.exitCode()).isZero();
        assertThat(replaced.out()).contains("released      192.0.2.120", "released 1 of LeaseDesk's leases to make way");
        assertThat(storedLease("192.0.2.120").state()).isEqualTo(LeaseState.RELEASED);
        assertThat(storedLease("192.0.2.121").state()).isEqualTo(LeaseState.ACTIVE);
    }

    @Test
    void aFileGivingOneAddressToTwoClientsIsAConflictForBoth() throws Exception {
        CliRun run = importing(dnsmasqFile(dnsmasqLine("192.0.2.140", "52:54:00:00:01:01", "phone"),
                dnsmasqLine("192.0.2.140", "52:54:00:00:01:02", "tablet")));

        assertThat(run.exitCode()).isEqualTo(ImportCommand.INCOMPLETE);
        assertThat(run.out()).contains("conflicts 2 (listed twice in the file 2)",
                "listed twice in the file: the file also gives 192.0.2.140 to hw:1:52:54:00:00:01:02 (tablet); left out");
        assertThat(storedLeases()).isEmpty();
    }

    @Test
    void importingTheSameFileAgainFindsEveryLeaseAlreadyPresent() throws Exception {
        Path kea = keaFile(keaRow("192.0.2.101", "52:54:00:aa:bb:01", "", "alpha", 1, 0));
        assertThat(importing(kea).exitCode()).isZero();

        CliRun again = importing(kea);

        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("present       192.0.2.101", "Imported 0 lease(s)", "already present 1");
        assertThat(storedEvents()).hasSize(1);
    }

    @Test
    void aDatabaseARunningServerHoldsIsNamedAndNothingIsWritten() throws Exception {
        Process holder = ChildJvm.start(HoldDatabaseMain.class, databaseFile.toString());
        try {
            String line = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertThat(line).startsWith("OPEN ");

            CliRun run = importing(keaFile(keaRow("192.0.2.101", "52:54:00:aa:bb:01", "", "alpha", 1, 0)));

            assertThat(run.exitCode()).isEqualTo(ImportCommand.DATABASE_FAILED);
            assertThat(run.err()).contains("leasedesk import: The lease database " + databaseFile + ".mv.db is in use by",
                    "the server that uses it must be stopped", "Reports page", "Nothing was written.");
            assertThat(run.out()).isEmpty();
        } finally {
            holder.getOutputStream().close();
            if (!holder.waitFor(10, TimeUnit.SECONDS)) {
                holder.destroyForcibly();
            }
        }
        assertThat(storedLeases()).isEmpty();
    }

    @Test
    void optionsThatCannotWorkAreRefusedBeforeAnythingIsRead() throws Exception {
        Path kea = keaFile(keaRow("192.0.2.101", "52:54:00:aa:bb:01", "", "alpha", 1, 0));

        CliRun withoutConfig = CliRun.of("import", kea.toString());
        assertThat(withoutConfig.exitCode()).isEqualTo(ImportCommand.BAD_INPUT);
        assertThat(withoutConfig.err()).contains("--config FILE", "--list");
        CliRun listAndImport = CliRun.of("import", kea.toString(), "--list", "--replace");
        assertThat(listAndImport.exitCode()).isEqualTo(ImportCommand.BAD_INPUT);
        Files.writeString(config, "{ \"Dhcp4\": { \"subnet4\": [ { \"id\": 1, \"subnet\": \"192.0.2.0/33\" } ] } }");
        assertThat(importing(kea).exitCode()).as("a configuration LeaseDesk refuses").isEqualTo(ImportCommand.BAD_INPUT);
        assertThat(directory.resolve("leases.mv.db")).doesNotExist();
    }

    @Test
    void listOnlyListsTheFileAsBefore() throws Exception {
        CliRun run = CliRun.of("import", keaFile(keaRow("192.0.2.101", "52:54:00:aa:bb:01", "", "alpha", 1, 0), "oops\n").toString(),
                "--list");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("ADDRESS          MAC                STATE      EXPIRES               HOSTNAME\n")
                .contains("192.0.2.101      52:54:00:aa:bb:01  ACTIVE", "1 lease(s), 1 line(s) skipped");
        assertThat(run.err()).contains("kea-leases4.csv:3: ");
        assertThat(directory.resolve("leases.mv.db")).doesNotExist();
    }

    @Test
    void helpExplainsTheCutOverReplaceAndTheExitCodes() {
        CliRun run = CliRun.of("import", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().replaceAll("\\s+", " ")).contains("--config", "--dry-run", "--replace", "--list",
                "A reservation in the configuration always wins", "Exit codes:", "4 Some leases were left out", "Stop that server first");
    }
}
