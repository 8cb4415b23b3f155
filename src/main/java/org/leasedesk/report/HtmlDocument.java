package org.leasedesk.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The report as one self-contained HTML page: inline CSS, no scripts, no external resources, so it
 * can be mailed or archived as is. In print the table header repeats on every page and rows are
 * not split. Every string in it passes through {@link #escape}, since host names are chosen by clients.
 */
final class HtmlDocument<R> implements TableDocument<R> {

    private static final String STYLE = """
            body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 2em; color: #1f2328; }
            h1 { font-size: 1.4em; margin-bottom: 0.2em; }
            .meta { color: #59636e; margin: 0.1em 0; }
            table { border-collapse: collapse; width: 100%; font-size: 0.85em; margin-top: 1em; }
            th, td { border: 1px solid #d1d9e0; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
            th { background: #f6f8fa; }
            td.number { text-align: right; font-variant-numeric: tabular-nums; }
            tbody tr:nth-child(even) { background: #f6f8fa; }
            .bar { background: #d1d9e0; width: 12em; height: 0.8em; display: inline-block; vertical-align: middle; }
            .bar span { display: block; height: 100%; background: #0969da; }
            .bar span.high { background: #d1242f; }
            td.free { word-break: break-all; }
            @media print {
              body { margin: 0; font-size: 9pt; }
              thead { display: table-header-group; }
              tr { break-inside: avoid; page-break-inside: avoid; }
              tbody tr:nth-child(even) { background: none; }
              .bar, .bar span { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
              @page { size: A4 landscape; margin: 12mm; }
            }
            """;

    /** Pools at or above this share are drawn in the warning colour. */
    static final int HIGH_UTILISATION_PERCENT = 90;

    private final Writer out;
    private final ReportTable<R> table;
    private final List<Column<R>> columns;
    private long count;

    HtmlDocument(OutputStream stream, ReportHeader header, ReportTable<R> table) throws IOException {
        this.table = table;
        this.columns = table.columns();
        out = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
        out.write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
        out.write(escape(header.title()));
        out.write("</title>\n<style>\n");
        out.write(STYLE);
        out.write("</style>\n</head>\n<body>\n<h1>");
        out.write(escape(header.title()));
        out.write("</h1>\n<p class=\"meta\">Exported ");
        out.write(escape(ReportTimes.format(header.exportedAt())));
        out.write("</p>\n<p class=\"meta\">Filters: ");
        out.write(escape(header.filtersInWords(table)));
        out.write("</p>\n");
        writePools(header);
        out.write("<table>\n<thead><tr>");
        for (Column<R> column : columns) {
            out.write("<th>" + escape(column.title()) + "</th>");
        }
        out.write("</tr></thead>\n<tbody>\n");
    }

    private void writePools(ReportHeader header) throws IOException {
        if (header.pools().isEmpty()) {
            return;
        }
        out.write("<table class=\"pools\">\n<thead><tr><th>Pool</th><th>Total</th><th>Leased</th>"
                + "<th>Reserved in pool</th><th>Reserved outside</th><th>Declined</th><th>Offered</th><th>Free</th>"
                + "<th>Used</th></tr></thead>\n<tbody>\n");
        for (PoolSummary pool : header.pools()) {
            var usage = pool.usage();
            int percent = usage.utilisationPercent();
            out.write("<tr><td>" + escape(pool.name()) + "</td>");
            for (long figure : new long[] {usage.total(), usage.dynamicLeased(), usage.reservedInPool(),
                    usage.reservedOutsidePool(), usage.declined(), usage.offered(), usage.free()}) {
                out.write("<td class=\"number\">" + figure + "</td>");
            }
            out.write("<td><span class=\"bar\"><span" + (percent >= HIGH_UTILISATION_PERCENT ? " class=\"high\"" : "")
                    + " style=\"width:" + percent + "%\"></span></span> " + percent + " %</td></tr>\n");
        }
        out.write("</tbody>\n</table>\n");
    }

    @Override
    public void row(R row) throws IOException {
        out.write("<tr>");
        for (Column<R> column : columns) {
            out.write(switch (column.kind()) {
                case NUMBER -> "<td class=\"number\">";
                case FREE_TEXT -> "<td class=\"free\">";
                case TEXT -> "<td>";
            });
            out.write(escape(column.text(row)));
            out.write("</td>");
        }
        out.write("</tr>\n");
        count++;
    }

    @Override
    public void finish() throws IOException {
        out.write("</tbody>\n</table>\n<p class=\"meta\">");
        out.write(table.count(count));
        out.write("</p>\n</body>\n</html>\n");
        out.flush();
    }

    /** Escapes text for element content and quoted attribute values alike. */
    static String escape(String text) {
        StringBuilder escaped = null;
        for (int i = 0; i < text.length(); i++) {
            String replacement = switch (text.charAt(i)) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (replacement != null && escaped == null) {
                escaped = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (escaped != null) {
                if (replacement != null) {
                    escaped.append(replacement);
                } else {
                    escaped.append(text.charAt(i));
                }
            }
        }
        return escaped == null ? text : escaped.toString();
    }
}
