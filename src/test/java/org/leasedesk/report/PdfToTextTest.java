package org.leasedesk.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leasedesk.lease.Lease;
import org.leasedesk.lease.PoolUsage;
import org.leasedesk.testing.netns.NetnsExtension;

/**
 * The exported PDF read by poppler's {@code pdftotext}, a reader that shares no code with OpenPDF.
 * Without the tool the test is skipped, saying so; CI (which sets {@code leasedesk.netns.required=true}
 * and installs poppler-utils) fails instead, so a missing tool never passes silently there.
 */
class PdfToTextTest {

    @TempDir
    Path directory;

    @Test
    void pdftotextFindsTheTitleThePoolFiguresAndTheRows() throws Exception {
        requirePdftotext();
        List<Lease> leases = new ArrayList<>();
        for (int n = 0; n < 120; n++) {
            leases.add(ReportLeases.lease(n));
        }
        ReportHeader header = new ReportHeader("Leases of building 7", ReportLeases.T0, List.of("subnet 1"), List.of(
                new PoolSummary("192.0.2.100-192.0.2.150", new PoolUsage(51, 30, 2, 1, 3, 1))));
        Path pdf = directory.resolve("leases.pdf");
        ReportExport.write(ExportFormat.PDF, ReportTable.LEASES, ReportRows.of(leases), header, pdf, ExportMonitor.NONE);

        String text = pdftotext(pdf);
        assertThat(text).contains("Leases of building 7", "Exported 2025-03-01 12:00:00Z", "Filters: subnet 1");
        assertThat(text).contains("192.0.2.100-192.0.2.150", "71 % used",
                "total 51, leased 30, reserved in pool 2, reserved outside 1, declined 3, offered 1, free 15");
        assertThat(text).contains("10.0.0.1", "host-0", "host-119", "page 3");
    }

    private static void requirePdftotext() throws InterruptedException {
        String reason = pdftotextMissing();
        if (reason == null) {
            return;
        }
        if (Boolean.getBoolean(NetnsExtension.REQUIRED_PROPERTY)) {
            Assertions.fail(reason + " (" + NetnsExtension.REQUIRED_PROPERTY + "=true: install poppler-utils)");
        }
        Assumptions.abort(reason + "; install poppler-utils to run it");
    }

    /** Why pdftotext cannot run here, or null when it can. */
    private static String pdftotextMissing() throws InterruptedException {
        try {
            Process version = new ProcessBuilder("pdftotext", "-v").redirectErrorStream(true).start();
            version.getInputStream().readAllBytes();
            return version.waitFor(10, TimeUnit.SECONDS) ? null : "pdftotext -v did not finish";
        } catch (IOException e) {
            return "pdftotext is not installed (" + e.getMessage() + ")";
        }
    }

    private static String pdftotext(Path pdf) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("pdftotext", "-layout", "-enc", "UTF-8", pdf.toString(), "-")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        process.getOutputStream().close();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("pdftotext finished").isTrue();
        assertThat(process.exitValue()).as("pdftotext exit code").isZero();
        return text;
    }
}
