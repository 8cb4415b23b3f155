package org.leasedesk.report;

import java.io.IOException;
import java.io.OutputStream;

/** The formats a report can be written in. */
public enum ExportFormat {

    /** RFC 4180 CSV for spreadsheets, with formula-like cells defused. */
    CSV("csv", "CSV (spreadsheets)") {
        @Override
        <R> TableDocument<R> open(OutputStream out, ReportHeader header, ReportTable<R> table) throws IOException {
            return new CsvDocument<>(out, table);
        }
    },
    /** One JSON object: the report's header, then the rows as an array. */
    JSON("json", "JSON") {
        @Override
        <R> TableDocument<R> open(OutputStream out, ReportHeader header, ReportTable<R> table) throws IOException {
            return new JsonDocument<>(out, header, table);
        }
    },
    /** A self-contained page (inline CSS) that reads well on screen and prints with the header on every page. */
    HTML("html", "HTML page") {
        @Override
        <R> TableDocument<R> open(OutputStream out, ReportHeader header, ReportTable<R> table) throws IOException {
            return new HtmlDocument<>(out, header, table);
        }
    },
    /** A printable report: header, pool figures with a utilisation chart, then the table. */
    PDF("pdf", "PDF report") {
        @Override
        <R> TableDocument<R> open(OutputStream out, ReportHeader header, ReportTable<R> table) throws IOException {
            return new PdfDocument<>(out, header, table);
        }
    },
    /** Kea's memfile lease file ({@code kea-leases4.csv}), to seed a Kea server with these leases. */
    KEA_CSV("csv", "Kea memfile (kea-leases4.csv)") {
        @Override
        @SuppressWarnings("unchecked") // holds() admits the lease table only, whose rows are leases
        <R> TableDocument<R> open(OutputStream out, ReportHeader header, ReportTable<R> table) throws IOException {
            if (!holds(table)) {
                throw new IllegalArgumentException("Kea's lease file holds leases only, not " + table);
            }
            return (TableDocument<R>) new KeaCsvDocument(out);
        }

        @Override
        public boolean holds(ReportTable<?> table) {
            return table == ReportTable.LEASES;
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

    /** Whether this format can hold {@code table}: every format holds every table, except Kea's lease file. */
    public boolean holds(ReportTable<?> table) {
        return true;
    }

    abstract <R> TableDocument<R> open(OutputStream out, ReportHeader header, ReportTable<R> table) throws IOException;
}
