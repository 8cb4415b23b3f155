package org.leasedesk.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leasedesk.lease.HardwareAddress;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.lease.Lease;
import org.leasedesk.lease.LeaseState;
import org.leasedesk.lease.Octets;

class LeaseImportTest {

    @TempDir
    Path directory;

    @Test
    void keaFileKeepsTheLastRowPerAddressAndDropsDeletedLeases() throws IOException {
        var imported = imported(LeaseImport.read(sample("kea-leases4.csv"), LeaseFileFormat.KEA_CSV, ImportOptions.DEFAULTS));
        Map<String, Lease> byAddress = byAddress(imported);

        assertThat(byAddress).containsOnlyKeys("192.0.2.100", "192.0.2.101", "192.0.2.102", "192.0.2.108", "192.0.2.109");
        Lease renewed = byAddress.get("192.0.2.100");
        assertThat(renewed.hostname()).isEqualTo("alpha-renewed");
        assertThat(renewed.validLifetime()).isEqualTo(Duration.ofHours(2));
        assertThat(renewed.expiry()).isEqualTo(Instant.ofEpochSecond(1740841200));
        assertThat(renewed.clientId()).isEqualTo(Octets.parseHex("01:52:54:00:aa:bb:01"));
        assertThat(byAddress.get("192.0.2.102").hostname()).as("Kea's escaped comma").isEqualTo("comma,host");
        assertThat(byAddress.get("192.0.2.102").state()).isEqualTo(LeaseState.RELEASED);
        assertThat(byAddress.get("192.0.2.102").subnetId()).isEqualTo(2);
        assertThat(byAddress.get("192.0.2.102").poolId()).isEqualTo(1);
        assertThat(byAddress.get("192.0.2.108").validLifetime()).isEqualTo(Lease.MAX_LIFETIME);
        assertThat(byAddress.get("192.0.2.109").state()).isEqualTo(LeaseState.RECLAIMED);
        assertThat(imported.problems()).extracting(ImportProblem::line).containsExactly(8L, 9L, 10L, 11L);
        assertThat(imported.problems().get(1).reason()).contains("state 7");
        assertThat(imported.problems().get(3).reason()).contains("expected 12");
    }

    @Test
    void olderKeaLayoutsWithFewerColumnsRead() throws IOException {
        Lease v2 = imported(LeaseImport.read(sample("kea-leases4-v2.0.csv"), LeaseFileFormat.KEA_CSV, ImportOptions.DEFAULTS))
                .leases().getFirst();
        Lease v1 = imported(LeaseImport.read(sample("kea-leases4-v1.0.csv"), LeaseFileFormat.KEA_CSV, ImportOptions.DEFAULTS))
                .leases().getFirst();

        assertThat(v2.hostname()).isEqualTo("old-kea");
        assertThat(v2.subnetId()).isEqualTo(3);
        assertThat(v1.hostname()).isEqualTo("oldest-kea");
        assertThat(v1.state()).as("files before the state column hold assigned leases").isEqualTo(LeaseState.ACTIVE);
        assertThat(v1.poolId()).isZero();
    }

    @Test
    void keaJournalReadsTheCleanupPartsOldestFirst() throws IOException {
        String header = String.join(",", KeaCsv.COLUMNS) + "\n";
        Path current = directory.resolve("kea-leases4.csv");
        Files.writeString(directory.resolve("kea-leases4.csv.2"), header
                + "192.0.2.10,52:54:00:00:00:01,,3600,1000003600,1,0,0,from-2,0,,0\n"
                + "192.0.2.11,52:54:00:00:00:02,,3600,1000003600,1,0,0,only-in-2,0,,0\n");
        Files.writeString(directory.resolve("kea-leases4.csv.1"), header
                + "192.0.2.10,52:54:00:00:00:01,,3600,1000007200,1,0,0,from-1,0,,0\n");
        Files.writeString(current, header + "192.0.2.12,52:54:00:00:00:03,,3600,1000007200,1,0,0,current,0,,0\n");

        Map<String, Lease> byAddress = byAddress(imported(LeaseImport.read(current, ImportOptions.DEFAULTS)));

        assertThat(byAddress).containsOnlyKeys("192.0.2.10", "192.0.2.11", "192.0.2.12");
        assertThat(byAddress.get("192.0.2.10").hostname()).isEqualTo("from-1");
    }

    @Test
    void dhcpdLeasesKeepTheLastBlockAndReadEveryTimeAndUidForm() throws IOException {
        var imported = imported(LeaseImport.read(sample("dhcpd.leases"), LeaseFileFormat.ISC_DHCPD, new ImportOptions(7, Duration.ofHours(1))));
        Map<String, Lease> byAddress = byAddress(imported);

        assertThat(byAddress).containsOnlyKeys("192.0.2.50", "192.0.2.51", "192.0.2.52", "192.0.2.53", "192.0.2.54");
        Lease renewed = byAddress.get("192.0.2.50");
        assertThat(renewed.hostname()).isEqualTo("laptop-renewed");
        assertThat(renewed.start()).isEqualTo(Instant.parse("2025-03-01T12:30:00Z"));
        assertThat(renewed.validLifetime()).isEqualTo(Duration.ofHours(1));
        assertThat(renewed.subnetId()).as("the caller's default").isEqualTo(7);
        assertThat(renewed.hardwareAddress()).isEqualTo(HardwareAddress.parseMac("52:54:00:12:34:56"));

        Lease forever = byAddress.get("192.0.2.51");
        assertThat(forever.validLifetime()).isEqualTo(Lease.MAX_LIFETIME);
        assertThat(forever.hardwareAddress()).as("one-digit groups").isEqualTo(HardwareAddress.parseMac("00:01:02:0a:0b:0c"));
        assertThat(forever.clientId()).isEqualTo(Octets.parseHex("01:00:01:02:0a:0b:0c"));
        assertThat(forever.hostname()).isEqualTo("quote\"and\\backslash");

        assertThat(byAddress.get("192.0.2.52").state()).isEqualTo(LeaseState.RELEASED);
        assertThat(byAddress.get("192.0.2.53").state()).isEqualTo(LeaseState.DECLINED);
        assertThat(byAddress.get("192.0.2.53").hostname()).isEqualTo("café");
        assertThat(byAddress.get("192.0.2.54").state()).isEqualTo(LeaseState.RECLAIMED);
        assertThat(byAddress.get("192.0.2.54").expiry()).isEqualTo(Instant.ofEpochSecond(1740834000));
        assertThat(imported.problems()).extracting(ImportProblem::line).containsExactly(62L, 67L, 72L);
        assertThat(imported.problems().get(2).reason()).contains("not closed");
    }

    @Test
    void dhcpdQuotedUidKeepsItsBytes() throws IOException {
        Path file = write("uid.leases", """
                lease 192.0.2.60 {
                  starts 6 2025/03/01 12:00:00;
                  ends 6 2025/03/01 13:00:00;
                  uid "\\001RT\\000\\0224V";
                }
                """);
        Lease lease = imported(LeaseImport.read(file, ImportOptions.DEFAULTS)).leases().getFirst();
        assertThat(lease.clientId()).isEqualTo(Octets.parseHex("01:52:54:00:12:34:56"));
    }

    @Test
    void dnsmasqLeasesReadWithInfiniteAndNonEthernetLeases() throws IOException {
        Path file = sample("dnsmasq.leases");
        var imported = imported(LeaseImport.read(file, LeaseFileFormat.DNSMASQ, new ImportOptions(4, Duration.ofMinutes(30))));
        Map<String, Lease> byAddress = byAddress(imported);

        assertThat(byAddress).containsOnlyKeys("192.0.2.120", "192.0.2.121", "192.0.2.122");
        Lease phone = byAddress.get("192.0.2.120");
        assertThat(phone.hostname()).isEqualTo("phone-again");
        assertThat(phone.expiry()).isEqualTo(Instant.ofEpochSecond(1740834000));
        assertThat(phone.validLifetime()).isEqualTo(Duration.ofMinutes(30));
        assertThat(phone.subnetId()).isEqualTo(4);
        Lease infinite = byAddress.get("192.0.2.121");
        assertThat(infinite.validLifetime()).isEqualTo(Lease.MAX_LIFETIME);
        assertThat(infinite.hostname()).isEmpty();
        assertThat(infinite.cltt()).isEqualTo(Files.getLastModifiedTime(file).toInstant());
        assertThat(byAddress.get("192.0.2.122").hardwareAddress().type()).isEqualTo(32);
        assertThat(imported.problems()).extracting(ImportProblem::line).containsExactly(4L, 5L);
    }

    @Test
    void aDnsmasqFileGivingOneAddressToTwoClientsKeepsBothForTheReaderToSee() throws IOException {
        Path file = Files.writeString(directory.resolve("dnsmasq.leases"), """
                1740834000 52:54:00:00:01:01 192.0.2.120 phone *
                1740834000 52:54:00:00:01:02 192.0.2.121 tv *
                1740834100 52:54:00:00:01:03 192.0.2.120 tablet *
                1740834200 52:54:00:00:01:01 192.0.2.120 phone-again *
                """);

        var imported = imported(LeaseImport.read(file, LeaseFileFormat.DNSMASQ, ImportOptions.DEFAULTS));

        assertThat(imported.leases()).extracting(lease -> lease.address().toString(), Lease::hostname)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("192.0.2.120", "phone-again"),
                        org.assertj.core.groups.Tuple.tuple("192.0.2.121", "tv"),
                        org.assertj.core.groups.Tuple.tuple("192.0.2.120", "tablet"));
        assertThat(imported.problems()).isEmpty();
    }

    @Test
    void formatsAreRecognisedFromTheirContent() throws IOException {
        assertThat(LeaseFileFormat.detect(sample("kea-leases4.csv"))).contains(LeaseFileFormat.KEA_CSV);
        assertThat(LeaseFileFormat.detect(sample("dhcpd.leases"))).contains(LeaseFileFormat.ISC_DHCPD);
        assertThat(LeaseFileFormat.detect(sample("dnsmasq.leases"))).contains(LeaseFileFormat.DNSMASQ);
        assertThat(LeaseFileFormat.detect(write("jpeg", "\u00ff\u00d8\u00ff\u00e0\0\u0010JFIF\0"))).isEmpty();
    }

    @Test
    void aFileOfAnotherFormatIsRejectedWithOneMessage() throws IOException {
        Path dnsmasq = sample("dnsmasq.leases");
        Path kea = sample("kea-leases4.csv");
        Path jpeg = directory.resolve("photo.jpg");
        Files.write(jpeg, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F', 'I', 'F', 0, 1});

        assertThat(LeaseImport.read(dnsmasq, LeaseFileFormat.KEA_CSV, ImportOptions.DEFAULTS))
                .isInstanceOfSatisfying(ImportOutcome.Rejected.class, r -> assertThat(r.reason()).contains("not a Kea lease file"));
        assertThat(LeaseImport.read(kea, LeaseFileFormat.DNSMASQ, ImportOptions.DEFAULTS))
                .isInstanceOfSatisfying(ImportOutcome.Rejected.class, r -> assertThat(r.reason()).contains("not a dnsmasq lease file"));
        assertThat(LeaseImport.read(kea, LeaseFileFormat.ISC_DHCPD, ImportOptions.DEFAULTS))
                .isInstanceOfSatisfying(ImportOutcome.Rejected.class, r -> assertThat(r.reason()).contains("not an ISC dhcpd lease file"));
        for (LeaseFileFormat format : LeaseFileFormat.values()) {
            assertThat(LeaseImport.read(jpeg, format, ImportOptions.DEFAULTS)).as(format.name()).isInstanceOf(ImportOutcome.Rejected.class);
        }
        assertThat(LeaseImport.read(jpeg, ImportOptions.DEFAULTS)).isInstanceOf(ImportOutcome.Rejected.class);
    }

    @Test
    void followerReadsOnlyAppendedKeaRowsAndWaitsForAnUnfinishedLine() throws IOException {
        Path file = write("kea-leases4.csv", String.join(",", KeaCsv.COLUMNS) + "\n"
                + "192.0.2.10,52:54:00:00:00:01,,3600,1000003600,1,0,0,first,0,,0\n");
        LeaseFileFollower follower = new LeaseFileFollower(file, LeaseFileFormat.KEA_CSV, ImportOptions.DEFAULTS);
        assertThat(imported(follower.refresh()).leases()).hasSize(1);

        Files.writeString(file, "192.0.2.11,52:54:00:00:00:02,,3600,1000003600,1,0,0,second,0,,0\n192.0.2.12,52:54",
                StandardOpenOption.APPEND);
        assertThat(imported(follower.refresh()).leases()).extracting(Lease::hostname).containsExactly("first", "second");

        Files.writeString(file, ":00:00:00:03,,3600,1000003600,1,0,0,third,0,,0\nnot-a-row\n", StandardOpenOption.APPEND);
        var imported = imported(follower.refresh());
        assertThat(imported.leases()).extracting(Lease::hostname).containsExactly("first", "second", "third");
        assertThat(imported.problems()).extracting(ImportProblem::line).as("line numbers continue").containsExactly(5L);
    }

    @Test
    void followerReadsARotatedKeaFileAgain() throws IOException {
        String header = String.join(",", KeaCsv.COLUMNS) + "\n";
        Path file = write("kea-leases4.csv", header + "192.0.2.10,52:54:00:00:00:01,,3600,1000003600,1,0,0,old,0,,0\n"
                + "192.0.2.11,52:54:00:00:00:02,,3600,1000003600,1,0,0,gone,0,,0\n");
        LeaseFileFollower follower = new LeaseFileFollower(file, LeaseFileFormat.KEA_CSV, ImportOptions.DEFAULTS);
        follower.refresh();

        Path replacement = write("kea-leases4.csv.new", header + "192.0.2.20,52:54:00:00:00:03,,3600,1000003600,1,0,0,new,0,,0\n");
        Files.move(replacement, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertThat(imported(follower.refresh()).leases()).extracting(Lease::hostname).containsExactly("new");
    }

    @Test
    void followerRereadsAChangedDnsmasqFile() throws IOException {
        Path file = write("dnsmasq.leases", "1740834000 52:54:00:00:01:01 192.0.2.120 one *\n");
        LeaseFileFollower follower = new LeaseFileFollower(file, LeaseFileFormat.DNSMASQ, ImportOptions.DEFAULTS);
        assertThat(imported(follower.refresh()).leases()).extracting(Lease::hostname).containsExactly("one");

        Files.writeString(file, "1740834000 52:54:00:00:01:02 192.0.2.121 two-instead *\n");
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(imported(follower.refresh()).leases()).extracting(Lease::hostname).containsExactly("two-instead");
    }

    private Path sample(String name) throws IOException {
        Path copy = directory.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("samples/" + name)) {
            Files.copy(in, copy);
        }
        return copy;
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(directory.resolve(name), content, StandardCharsets.ISO_8859_1);
    }

    static ImportOutcome.Imported imported(ImportOutcome outcome) {
        assertThat(outcome).isInstanceOf(ImportOutcome.Imported.class);
        return (ImportOutcome.Imported) outcome;
    }

    private static Map<String, Lease> byAddress(ImportOutcome.Imported imported) {
        return imported.leases().stream().collect(Collectors.toMap(lease -> lease.address().toString(), Function.identity()));
    }

    static Ipv4Address address(String text) {
        return Ipv4Address.parse(text);
    }
}
