package org.leasedesk.report;

import java.util.Collection;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.leasedesk.lease.Lease;

/**
 * The rows of a report, read once in order. They may come straight from a database cursor: an
 * export never holds more than one row at a time.
 *
 * @param count how many rows there are, when known beforehand (for progress as a fraction)
 */
public record LeaseRows(Iterable<Lease> leases, OptionalLong count) {

    public LeaseRows {
        Objects.requireNonNull(leases, "leases");
        Objects.requireNonNull(count, "count");
    }

    public static LeaseRows of(Collection<Lease> leases) {
        return new LeaseRows(leases, OptionalLong.of(leases.size()));
    }

    /** Rows from a stream, which is consumed by the export; the caller closes it afterwards. */
    public static LeaseRows of(Stream<Lease> leases, OptionalLong count) {
        return new LeaseRows(leases::iterator, count);
    }
}
