package org.leasedesk.report;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes CSV rows per RFC 4180 (CRLF line ends, fields quoted when they hold a quote, comma, CR or
 * LF, quotes doubled) with spreadsheet formula injection defused: a cell starting with
 * = + - @ TAB CR or LF gets a leading apostrophe, which spreadsheets show as "text follows".
 */
final class CsvCells {

    /** First characters that make a spreadsheet read a cell as a formula (OWASP's list). */
    static final String FORMULA_TRIGGERS = "=+-@\t\r\n";

    /**
     * The apostrophe itself is also prefixed: otherwise a cell that really starts with one could not be
     * told from a defused cell, and stripping one leading apostrophe would not give the original back.
     */
    private static final char DEFUSE = '\'';

    private CsvCells() {}

    static void writeRow(Writer out, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            writeCell(out, defused(cells.get(i)));
        }
        out.write("\r\n");
    }

    static String defused(String cell) {
        if (cell.isEmpty()) {
            return cell;
        }
        char first = cell.charAt(0);
        return first == DEFUSE || FORMULA_TRIGGERS.indexOf(first) >= 0 ? DEFUSE + cell : cell;
    }

    private static void writeCell(Writer out, String cell) throws IOException {
        boolean quote = false;
        for (int i = 0; i < cell.length() && !quote; i++) {
            char c = cell.charAt(i);
            quote = c == '"' || c == ',' || c == '\r' || c == '\n';
        }
        if (!quote) {
            out.write(cell);
            return;
        }
        out.write('"');
        out.write(cell.replace("\"", "\"\""));
        out.write('"');
    }
}
