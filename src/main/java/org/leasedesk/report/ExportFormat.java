package org.leasedesk.report;

import java.io.IOException;
import java.io.OutputStream;

/** The formats a lease table can be exported to. */
public enum ExportFormat {

    /** RFC 4180 CSV for spreadsheets, with formula-like cells defused. */
    CSV("csv", "CSV (spreadsheets)") {
        @Override
        LeaseDocument open(OutputStream out, ReportHeader header) throws IOException {
            return new CsvDocument(out);
        }
    },
    /** One JSON object: the report's header, then the leases as an array. */
    JSON("json", "JSON") {
        @Override
        LeaseDocument open(OutputStream out, ReportHeader header) throws IOException {
            return new JsonDocument(out, header);
        }
    },
    /** A self-contained page (inline CSS) that reads well on screen and prints with the header on every page. */
    HTML("html", "HTML page") {
        @Override
        LeaseDocument open(OutputStream out, ReportHeader header) throws IOException {
            return new HtmlDocument(out, header);
        }
    },
    /** A printable report: header, pool figures with a utilisation chart, then the table. */
    PDF("pdf", "PDF report") {
        @Override
        LeaseDocument open(OutputStream out, ReportHeader header) throws IOException {
            return new PdfDocument(out, header);
        }
    },
    /** Kea's memfile lease file ({@code kea-leases4.csv}), to seed a Kea server with these leases. */
    KEA_CSV("csv", "Kea memfile (kea-leases4.csv)") {
        @Override
        LeaseDocument open(OutputStream out, ReportHeader header) throws IOException {
            return new KeaCsvDocument(out);
        }
    };

    private final String fileExtension;
    private final String displayName;

    ExportFormat(String fileExtension, String displayName) {
        this.fileExtension = fileExtension;
        this.displayName = displayName;
    }

    /** The usual file name extension, without the dot. */
    public String fileExtension() {
        return fileExtension;
    }

    /** The name a file dialog or the CLI's help shows. */
    public String displayName() {
        return displayName;
    }

    abstract LeaseDocument open(OutputStream out, ReportHeader header) throws IOException;
}
