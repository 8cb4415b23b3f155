package org.leasedesk.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.leasedesk.lease.Lease;

/** The lease table as CSV: a header row of column keys, then one row per lease, UTF-8. */
final class CsvDocument implements LeaseDocument {

    private static final List<LeaseColumn> COLUMNS = List.of(LeaseColumn.values());

    private final Writer out;
    private final List<String> cells = new ArrayList<>(COLUMNS.size());

    CsvDocument(OutputStream stream) throws IOException {
        this.out = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
        CsvCells.writeRow(out, COLUMNS.stream().map(LeaseColumn::key).toList());
    }

    @Override
    public void row(Lease lease) throws IOException {
        cells.clear();
        COLUMNS.forEach(column -> cells.add(column.text(lease)));
        CsvCells.writeRow(out, cells);
    }

    @Override
    public void finish() throws IOException {
        out.flush();
    }
}
