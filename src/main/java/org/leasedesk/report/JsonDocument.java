package org.leasedesk.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * The report as one JSON object, written with Jackson's streaming generator so rows go out one by
 * one: {@code title}, {@code exported_at}, {@code filters}, {@code pools}, then the rows under the
 * table's name ({@code leases} or {@code events}: objects keyed like the CSV header) and finally
 * {@code count}.
 */
final class JsonDocument<R> implements TableDocument<R> {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private final JsonGenerator json;
    private final List<Column<R>> columns;
    private long count;

    JsonDocument(OutputStream out, ReportHeader header, ReportTable<R> table) throws IOException {
        columns = table.columns();
        json = FACTORY.createGenerator(out, JsonEncoding.UTF8);
        // The caller owns the stream and closes it after an atomic move decision.
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        json.writeStartObject();
        json.writeStringField("title", header.title());
        json.writeStringField("exported_at", header.exportedAt().toString());
        json.writeArrayFieldStart("filters");
        for (String filter : header.filters()) {
            json.writeString(filter);
        }
        json.writeEndArray();
        json.writeArrayFieldStart("pools");
        for (PoolSummary pool : header.pools()) {
            json.writeStartObject();
            json.writeStringField("name", pool.name());
            json.writeNumberField("total", pool.usage().total());
            json.writeNumberField("leased", pool.usage().dynamicLeased());
            json.writeNumberField("reserved_in_pool", pool.usage().reservedInPool());
            json.writeNumberField("reserved_outside_pool", pool.usage().reservedOutsidePool());
            json.writeNumberField("declined", pool.usage().declined());
            json.writeNumberField("offered", pool.usage().offered());
            json.writeNumberField("free", pool.usage().free());
            json.writeNumberField("utilisation_percent", pool.usage().utilisationPercent());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart(table.rowsNoun());
    }

    @Override
    public void row(R row) throws IOException {
        json.writeStartObject();
        for (Column<R> column : columns) {
            json.writeFieldName(column.key());
            if (column.numeric()) {
                json.writeRawValue(column.text(row));
            } else {
                json.writeString(column.text(row));
            }
        }
        json.writeEndObject();
        count++;
    }

    @Override
    public void finish() throws IOException {
        json.writeEndArray();
        json.writeNumberField("count", count);
        json.writeEndObject();
        json.flush();
    }
}
