package org.leasedesk.report;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines (ended by LF, CRLF or CR) with a cap on their length, so a binary file without line
 * ends cannot make one line the size of the file. A longer line is read to its end but cut.
 */
final class TextLines {

    /** Far above any real lease line (a Kea row with a large user context is a few kilobytes). */
    static final int MAX_LINE = 64 * 1024;

    private final Reader in;
    private final StringBuilder line = new StringBuilder(256);
    private long number;
    private boolean cut;
    private int pending = -2;

    TextLines(Reader in, long linesBefore) {
        this.in = in;
        this.number = linesBefore;
    }

    /** The next line without its end, or null at the end of the input. */
    String next() throws IOException {
        line.setLength(0);
        cut = false;
        int c = pending != -2 ? pending : in.read();
        pending = -2;
        if (c == -1) {
            return null;
        }
        while (c != -1 && c != '\n' && c != '\r') {
            if (line.length() < MAX_LINE) {
                line.append((char) c);
            } else {
                cut = true;
            }
            c = in.read();
        }
        if (c == '\r') {
            int after = in.read();
            if (after != '\n') {
                pending = after;
            }
        }
        number++;
        return line.toString();
    }

    /** The number of the line {@link #next()} returned last, counting from 1. */
    long number() {
        return number;
    }

    /** Whether the last line was longer than {@link #MAX_LINE} and was cut. */
    boolean wasCut() {
        return cut;
    }
}
