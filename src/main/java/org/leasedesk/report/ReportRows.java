package org.leasedesk.report;

import java.util.Collection;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * The rows of a report, read once in order. They may come straight from a database cursor: an
 * export never holds more than one row at a time.
 *
 * @param count how many rows there are, when known beforehand (for progress as a fraction)
 * @param <R> the row type
 */
public record ReportRows<R>(Iterable<R> rows, OptionalLong count) {

    public ReportRows {
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(count, "count");
    }

    public static <R> ReportRows<R> of(Collection<R> rows) {
        return new ReportRows<>(rows, OptionalLong.of(rows.size()));
    }

    /** Rows from a stream, which is consumed by the export; the caller closes it afterwards. */
    public static <R> ReportRows<R> of(Stream<R> rows, OptionalLong count) {
        return new ReportRows<>(rows::iterator, count);
    }
}
