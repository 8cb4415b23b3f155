package org.leasedesk.report;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

class CsvExportFuzzTest {

    /**
     * Any strings survive a CSV row: an RFC 4180 reader gets them back after one leading apostrophe is
     * removed, and no cell a spreadsheet reads starts with a formula trigger.
     */
    @FuzzTest(maxDuration = "2m")
    void anyCellSurvivesAndNoneStartsAFormula(FuzzedDataProvider data) throws IOException {
        List<String> cells = new ArrayList<>();
        int count = data.consumeInt(1, 8);
        for (int i = 0; i < count; i++) {
            cells.add(data.consumeString(200));
        }
        StringWriter out = new StringWriter();
        CsvCells.writeRow(out, cells);

        List<List<String>> rows = Rfc4180.parse(out.toString());
        if (rows.size() != 1 || rows.getFirst().size() != cells.size()) {
            throw new AssertionError("one row of " + cells.size() + " cells expected: " + rows);
        }
        for (int i = 0; i < cells.size(); i++) {
            String read = rows.getFirst().get(i);
            if (!read.isEmpty() && CsvCells.FORMULA_TRIGGERS.indexOf(read.charAt(0)) >= 0) {
                throw new AssertionError("cell starts with a formula trigger: " + read);
            }
            String restored = read.startsWith("'") ? read.substring(1) : read;
            if (!restored.equals(cells.get(i))) {
                throw new AssertionError("cell changed: " + cells.get(i) + " -> " + read);
            }
        }
    }
}
