package org.leasedesk.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.lease.Lease;
import org.leasedesk.lease.LeaseEvent;
import org.leasedesk.lease.LeaseEventType;
import org.leasedesk.lease.LeaseState;
import org.leasedesk.lease.Octets;
import org.leasedesk.lease.PoolUsage;
import org.leasedesk.lease.RelayInfo;

class ReportExportTest {

    private static final ReportHeader HEADER = new ReportHeader("Leases on site <A>", ReportLeases.T0,
            List.of("subnet 1", "state: active"), List.of(
                    new PoolSummary("192.0.2.100-192.0.2.150", new PoolUsage(51, 30, 2, 1, 3, 1)),
                    new PoolSummary("198.51.100.10-198.51.100.19", new PoolUsage(10, 10, 0, 0, 0, 0))));

    @TempDir
    Path directory;

    @ParameterizedTest
    @ValueSource(strings = {"=1+2", "+cmd", "-2+3", "@SUM(A1)", "\tstart", "\rstart", "\nstart", "'quoted"})
    void csvCellsStartingLikeAFormulaGetAnApostrophe(String dangerous) throws IOException {
        StringBuilder out = new StringBuilder();
        CsvCells.writeRow(new java.io.StringWriter() {
            @Override
            public void write(String text) {
                out.append(text);
            }

            @Override
            public void write(int c) {
                out.append((char) c);
            }
        }, List.of(dangerous, "safe"));

        List<String> row = Rfc4180.parse(out.toString()).getFirst();
        assertThat(row).containsExactly("'" + dangerous, "safe");
    }

    @Test
    void csvQuotesCommasQuotesAndKeepsUnicode() throws IOException {
        Lease odd = ReportLeases.lease(1, "a,b \"c\" ünïcødé 名前", LeaseState.ACTIVE);
        Lease formula = ReportLeases.lease(2, "=HYPERLINK(\"http://x\")", LeaseState.ACTIVE);
        Path file = export(ExportFormat.CSV, List.of(odd, formula));

        List<List<String>> rows = Rfc4180.parse(Files.readString(file, StandardCharsets.UTF_8));
        int hostname = rows.getFirst().indexOf("hostname");
        assertThat(rows.getFirst()).startsWith("address", "hardware_address", "client_id", "hostname");
        assertThat(rows.get(1).get(hostname)).isEqualTo("a,b \"c\" ünïcødé 名前");
        assertThat(rows.get(2).get(hostname)).isEqualTo("'=HYPERLINK(\"http://x\")");
        assertThat(rows).hasSize(3);
    }

    @Test
    void htmlShowsAScriptHostnameOnlyEscaped() throws IOException {
        Path file = export(ExportFormat.HTML, List.of(ReportLeases.lease(1, "<script>alert(1)</script>", LeaseState.ACTIVE)));

        String html = Files.readString(file);
        assertThat(html).doesNotContain("<script").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(html).contains("Leases on site &lt;A&gt;").contains("subnet 1; state: active");
        assertThat(html).contains("@media print").contains("table-header-group").doesNotContain("src=").doesNotContain("href=");
    }

    @Test
    void jsonCarriesTheHeaderAndEveryLease() throws IOException {
        Path file = export(ExportFormat.JSON, List.of(ReportLeases.lease(1), ReportLeases.lease(2, "x\"y\\z", LeaseState.RELEASED)));

        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertThat(json.get("filters")).hasSize(2);
        assertThat(json.get("pools").get(0).get("utilisation_percent").asInt()).isEqualTo(71);
        assertThat(json.get("count").asLong()).isEqualTo(2);
        assertThat(json.get("leases").get(1).get("hostname").asText()).isEqualTo("x\"y\\z");
        assertThat(json.get("leases").get(1).get("state").asText()).isEqualTo("released");
        assertThat(json.get("leases").get(1).get("subnet_id").isNumber()).isTrue();
    }

    @Test
    void pdfShowsTitleFiltersPoolFiguresAndATableOverSeveralPagesWithRepeatedHeader() throws IOException {
        List<Lease> leases = new ArrayList<>();
        for (int n = 0; n < 200; n++) {
            leases.add(ReportLeases.lease(n));
        }
        leases.add(ReportLeases.lease(200, "ünïcødé-名前", LeaseState.DECLINED));
        Path file = export(ExportFormat.PDF, leases);

        List<String> pages = PdfPages.text(file);
        assertThat(pages).hasSizeGreaterThanOrEqualTo(4);
        String text = String.join("\n", pages);
        assertThat(text).contains("Leases on site <A>", "Exported 2025-03-01 12:00:00Z", "Filters: subnet 1; state: active");
        assertThat(text).contains("192.0.2.100-192.0.2.150", "71 % used", "100 % used",
                "total 51, leased 30, reserved in pool 2, reserved outside 1, declined 3, offered 1, free 15");
        assertThat(text).contains("10.0.0.1", "host-0", "10.0.0.200", "host-199", "ünïcødé-??");
        assertThat(pages.getLast()).contains("Address", "MAC", "Hostname", "host-199", "201 leases");
    }

    @Test
    void historyGoesToEveryFormatButKeasLeaseFile() throws IOException {
        List<LeaseEvent> events = List.of(
                LeaseEvent.of(LeaseEventType.GRANTED, ReportLeases.lease(1, "<b>pc</b>", LeaseState.ACTIVE), ReportLeases.T0, ""),
                LeaseEvent.of(LeaseEventType.RELEASED, ReportLeases.lease(1, "=cmd|' /C calc'!A0", LeaseState.RELEASED),
                        ReportLeases.T0.plusSeconds(90), "released by the client"),
                LeaseEvent.alarm(LeaseEventType.THRESHOLD_RAISED, ReportLeases.T0.plusSeconds(120), 1, 1,
                        "pool 1/1 at 96 %, critical from 95 %"));

        List<List<String>> csv = Rfc4180.parse(Files.readString(exportHistory(ExportFormat.CSV, events)));
        assertThat(csv.getFirst()).startsWith("time", "type", "address", "hardware_address").contains("detail", "circuit_id");
        assertThat(csv.get(1)).startsWith("2025-03-01 12:00:00Z", "granted", "10.0.0.2", "02:00:00:00:00:01");
        assertThat(csv.get(2)).contains("'=cmd|' /C calc'!A0", "released by the client");
        // An alarm names no client: its address and MAC cells are empty, not 0.0.0.0.
        assertThat(csv.get(3)).startsWith("2025-03-01 12:02:00Z", "threshold_raised", "", "");

        JsonNode json = new ObjectMapper().readTree(exportHistory(ExportFormat.JSON, events).toFile());
        assertThat(json.get("events")).hasSize(3);
        assertThat(json.get("events").get(2).get("detail").asText()).isEqualTo("pool 1/1 at 96 %, critical from 95 %");
        assertThat(json.get("count").asLong()).isEqualTo(3);

        String html = Files.readString(exportHistory(ExportFormat.HTML, events));
        assertThat(html).doesNotContain("<b>pc").contains("&lt;b&gt;pc&lt;/b&gt;", "3 events", "<th>Detail</th>");

        String pdf = String.join("\n", PdfPages.text(exportHistory(ExportFormat.PDF, events)));
        assertThat(pdf).contains("Time (UTC)", "Event", "threshold_raised", "released by the client", "3 events");

        Path kea = directory.resolve("history-kea.csv");
        assertThatThrownBy(() -> ReportExport.write(ExportFormat.KEA_CSV, ReportTable.HISTORY, ReportRows.of(events), HEADER, kea,
                ExportMonitor.NONE)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("leases only");
        assertThat(kea).doesNotExist();
    }

    private Path exportHistory(ExportFormat format, List<LeaseEvent> events) throws IOException {
        Path target = directory.resolve("history." + format.fileExtension());
        assertThat(ReportExport.write(format, ReportTable.HISTORY, ReportRows.of(events), HEADER, target, ExportMonitor.NONE))
                .isEqualTo(new ExportOutcome.Written(target, events.size()));
        return target;
    }

    @Test
    void keaCsvRoundTripsThroughOurKeaImporter() throws IOException {
        Lease withClientId = new Lease(Ipv4Address.parse("192.0.2.10"), ReportLeases.lease(1).hardwareAddress(),
                Octets.parseHex("01:02:00:00:00:00:01"), "comma,and&#x26amp", 5, 2, LeaseState.ACTIVE, ReportLeases.T0,
                ReportLeases.T0, Duration.ofSeconds(7200), RelayInfo.NONE);
        List<Lease> leases = List.of(withClientId, ReportLeases.lease(2, "", LeaseState.DECLINED),
                ReportLeases.lease(3, "released", LeaseState.RELEASED), ReportLeases.lease(4, "reclaimed", LeaseState.RECLAIMED));
        Path file = export(ExportFormat.KEA_CSV, leases);

        assertThat(Files.readAllLines(file).getFirst())
                .isEqualTo("address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname,state,user_context,pool_id");
        var imported = LeaseImportTest.imported(LeaseImport.read(file, ImportOptions.DEFAULTS));
        assertThat(imported.problems()).isEmpty();
        // Kea keeps no binding start: it comes back as the last transaction.
        assertThat(imported.leases()).containsExactlyElementsOf(leases.stream()
                .map(l -> new Lease(l.address(), l.hardwareAddress(), l.clientId(), l.hostname(), l.subnetId(), l.poolId(),
                        l.state(), l.cltt(), l.cltt(), l.validLifetime(), l.relay()))
                .toList());
    }

    @ParameterizedTest
    @EnumSource
    void progressCountsEveryRowAndEndsAtTheTotal(ExportFormat format) throws IOException {
        int count = 3 * ReportExport.PROGRESS_STEP + 5;
        List<long[]> reports = new ArrayList<>();
        ExportOutcome outcome = ReportExport.write(format, ReportTable.LEASES, ReportLeases.generated(count), HEADER,
                directory.resolve("out." + format.fileExtension()), monitor(reports, () -> false));

        assertThat(outcome).isEqualTo(new ExportOutcome.Written(directory.resolve("out." + format.fileExtension()), count));
        assertThat(reports).extracting(r -> r[0]).containsExactly(0L, 1024L, 2048L, 3072L, (long) count);
        assertThat(reports).extracting(r -> r[1]).containsOnly((long) count);
    }

    @ParameterizedTest
    @EnumSource
    void cancellingLeavesNoFileBehind(ExportFormat format) throws IOException {
        AtomicLong asked = new AtomicLong();
        Path target = directory.resolve("cancelled." + format.fileExtension());
        ExportOutcome outcome = ReportExport.write(format, ReportTable.LEASES, ReportLeases.generated(5000), HEADER, target,
                monitor(new ArrayList<>(), () -> asked.incrementAndGet() > 2000));

        assertThat(outcome).isEqualTo(new ExportOutcome.Cancelled(2000));
        assertThat(directory).isEmptyDirectory();
    }

    @ParameterizedTest
    @EnumSource
    void aFailureMidwayLeavesNoFileAndKeepsTheOldOne(ExportFormat format) throws IOException {
        Path target = directory.resolve("report." + format.fileExtension());
        Files.writeString(target, "previous report");
        Iterable<Lease> failing = () -> new Iterator<>() {
            private int n;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Lease next() {
                if (n == 1500) {
                    throw new UncheckedIOException(new IOException("database connection lost"));
                }
                return ReportLeases.lease(n++);
            }
        };

        assertThatThrownBy(() -> ReportExport.write(format, ReportTable.LEASES, new ReportRows<>(failing, OptionalLong.empty()), HEADER, target,
                ExportMonitor.NONE)).hasMessageContaining("database connection lost");
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files).containsExactly(target);
        }
        assertThat(Files.readString(target)).isEqualTo("previous report");
    }

    /** Run with the surefire fork's heap: 200,000 leases stream through every format without holding them. */
    @ParameterizedTest
    @EnumSource
    void twoHundredThousandLeasesStreamToAFile(ExportFormat format) throws IOException {
        Path target = directory.resolve("big." + format.fileExtension());
        ExportOutcome outcome = ReportExport.write(format, ReportTable.LEASES, ReportLeases.generated(200_000), HEADER, target, ExportMonitor.NONE);

        assertThat(outcome).isInstanceOf(ExportOutcome.Written.class);
        assertThat(Files.size(target)).isGreaterThan(200_000L * 20);
    }

    private Path export(ExportFormat format, List<Lease> leases) throws IOException {
        Path target = directory.resolve("export." + format.fileExtension());
        assertThat(ReportExport.write(format, ReportTable.LEASES, ReportRows.of(leases), HEADER, target, ExportMonitor.NONE))
                .isEqualTo(new ExportOutcome.Written(target, leases.size()));
        return target;
    }

    private static ExportMonitor monitor(List<long[]> reports, java.util.function.BooleanSupplier cancel) {
        return new ExportMonitor() {
            @Override
            public void progress(long done, OptionalLong total) {
                reports.add(new long[] {done, total.orElse(-1)});
            }

            @Override
            public boolean cancelRequested() {
                return cancel.getAsBoolean();
            }
        };
    }
}
