package org.leasedesk.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A report table as CSV: a header row of column keys, then one row per row of the table, UTF-8. */
final class CsvDocument<R> implements TableDocument<R> {

    private final Writer out;
    private final List<Column<R>> columns;
    private final List<String> cells;

    CsvDocument(OutputStream stream, ReportTable<R> table) throws IOException {
        this.out = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
        this.columns = table.columns();
        this.cells = new ArrayList<>(columns.size());
        CsvCells.writeRow(out, columns.stream().map(Column::key).toList());
    }

    @Override
    public void row(R row) throws IOException {
        cells.clear();
        columns.forEach(column -> cells.add(column.text(row)));
        CsvCells.writeRow(out, cells);
    }

    @Override
    public void finish() throws IOException {
        out.flush();
    }
}
