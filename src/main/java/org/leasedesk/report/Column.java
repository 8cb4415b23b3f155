package org.leasedesk.report;

import java.util.Objects;
import java.util.function.Function;

/**
 * One column of a report table as the human-readable formats (CSV, JSON, HTML, PDF) show it, so every
 * format has the same columns in the same order with the same text.
 *
 * @param key the machine name: CSV header, JSON member
 * @param title the heading a person reads: HTML and PDF
 * @param printWidth the width in points the PDF gives the column on an A4 landscape page; 0 leaves it out of print
 * @param <R> the row type
 */
record Column<R>(String key, String title, Kind kind, float printWidth, Function<R, String> text) {

    /** How a column's text is to be laid out. */
    enum Kind {
        /** Short text: addresses, states, times. */
        TEXT,
        /** A decimal integer: JSON writes it as a number, tables align it right. */
        NUMBER,
        /** Text a client or the server chose, of any length: tables may break it anywhere. */
        FREE_TEXT
    }

    Column {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
    }

    String text(R row) {
        return text.apply(row);
    }

    boolean numeric() {
        return kind == Kind.NUMBER;
    }
}
