package org.leasedesk.report;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a report says about itself besides its rows: a title, when it was made, the filters that
 * chose the rows (in words, as the user set them) and the pools' figures at that moment.
 */
public record ReportHeader(String title, Instant exportedAt, List<String> filters, List<PoolSummary> pools) {

    public ReportHeader {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(exportedAt, "exportedAt");
        filters = List.copyOf(filters);
        pools = List.copyOf(pools);
    }

    /** The filters as one line, or "none" so a reader never wonders whether rows are missing. */
    public String filtersInWords(ReportTable<?> table) {
        return filters.isEmpty() ? "none (all " + table.rowsNoun() + ")" : String.join("; ", filters);
    }
}
