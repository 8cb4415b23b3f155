package org.leasedesk.report;

import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.leasedesk.lease.PoolUsage;
import org.openpdf.text.Document;
import org.openpdf.text.DocumentException;
import org.openpdf.text.ExceptionConverter;
import org.openpdf.text.PageSize;
import org.openpdf.text.Rectangle;
import org.openpdf.text.pdf.BaseFont;
import org.openpdf.text.pdf.PdfContentByte;
import org.openpdf.text.pdf.PdfWriter;

/**
 * A printable report on A4 landscape: title, export time, filters, one line of figures per pool and
 * a stacked utilisation bar per pool, then the table continued over as many pages as it needs, its
 * header repeated on each.
 *
 * <p>Memory: OpenPDF writes each page to the output as soon as the next one begins and keeps only
 * the page's place in the file (some tens of bytes), so the heap an export needs hardly grows with
 * its length: a million leases are about 20,000 pages.
 *
 * <p>The standard Helvetica font needs no embedding but only covers WinAnsi (Western European)
 * characters; others are shown as '?'. The CSV, JSON and HTML exports keep every character.
 */
final class PdfDocument<R> implements TableDocument<R> {

    private static final Rectangle PAGE_SIZE = PageSize.A4.rotate();
    private static final float MARGIN = 36;
    private static final float TABLE_FONT_SIZE = 7;
    private static final float ROW_HEIGHT = 10;
    private static final float CELL_PADDING = 2;
    private static final float BAR_WIDTH = 320;
    private static final float BAR_HEIGHT = 9;

    /** The parts of a pool's use, in the order the stacked bar draws them, with their colours (RGB 0-1). */
    private enum UsagePart {
        LEASED("leased", 0.04f, 0.41f, 0.85f),
        RESERVED("reserved", 0.51f, 0.31f, 0.86f),
        DECLINED("declined", 0.82f, 0.14f, 0.18f),
        OFFERED("offered", 0.60f, 0.60f, 0.60f);

        final String label;
        final float red;
        final float green;
        final float blue;

        UsagePart(String label, float red, float green, float blue) {
            this.label = label;
            this.red = red;
            this.green = green;
            this.blue = blue;
        }

        long count(PoolUsage usage) {
            return switch (this) {
                case LEASED -> usage.dynamicLeased();
                case RESERVED -> usage.reservedInPool();
                case DECLINED -> usage.declined();
                case OFFERED -> usage.offered();
            };
        }
    }

    private final OutputStream out;
    private final ReportHeader header;
    private final ReportTable<R> table;
    private final List<Column<R>> columns;
    private final Document document;
    private final PdfContentByte page;
    private final BaseFont regular;
    private final BaseFont bold;
    /** Whether the fonts can show a code point; bounded by the characters that actually occur. */
    private final Map<Integer, Boolean> printable = new HashMap<>();

    private int pageNumber;
    private float y;
    private long rows;

    PdfDocument(OutputStream out, ReportHeader header, ReportTable<R> table) throws IOException {
        this.out = out;
        this.header = header;
        this.table = table;
        this.columns = table.printedColumns();
        try {
            regular = BaseFont.createFont(BaseFont.HELVETICA, BaseFont.WINANSI, BaseFont.NOT_EMBEDDED);
            bold = BaseFont.createFont(BaseFont.HELVETICA_BOLD, BaseFont.WINANSI, BaseFont.NOT_EMBEDDED);
            document = new Document(PAGE_SIZE);
            PdfWriter writer = PdfWriter.getInstance(document, out);
            // The caller closes the stream once it has decided whether the file is kept.
            writer.setCloseStream(false);
            document.addTitle(safe(header.title()));
            document.addCreator("LeaseDesk");
            document.open();
            page = writer.getDirectContent();
        } catch (DocumentException e) {
            throw new IOException("Cannot start the PDF: " + e.getMessage(), e);
        }
        startPage();
        writeTitle();
        writePools();
        y -= ROW_HEIGHT;
        writeTableHeader();
    }

    @Override
    public void row(R row) throws IOException {
        if (y - ROW_HEIGHT < MARGIN + ROW_HEIGHT) {
            newPage();
            writeTableHeader();
        }
        float x = MARGIN;
        for (Column<R> column : columns) {
            text(regular, TABLE_FONT_SIZE, x + CELL_PADDING, y, fitted(column.text(row), column.printWidth()));
            x += column.printWidth();
        }
        y -= ROW_HEIGHT;
        rows++;
    }

    @Override
    public void finish() throws IOException {
        if (y - ROW_HEIGHT < MARGIN + ROW_HEIGHT) {
            newPage();
        }
        y -= 4;
        text(bold, 8, MARGIN, y, table.count(rows));
        try {
            document.close();
        } catch (ExceptionConverter e) {
            throw writeFailed(e);
        }
        out.flush();
    }

    /** Ends the page, which OpenPDF then writes out, and starts the next with its footer. */
    private void newPage() throws IOException {
        try {
            document.newPage();
        } catch (ExceptionConverter e) {
            throw writeFailed(e);
        }
        startPage();
    }

    /** OpenPDF reports a failed write as an unchecked wrapper; the export expects the IOException inside. */
    private static IOException writeFailed(ExceptionConverter e) {
        return e.getException() instanceof IOException io ? io : new IOException("Cannot write the PDF: " + e.getMessage(), e);
    }

    private void startPage() {
        pageNumber++;
        text(regular, 7, MARGIN, MARGIN / 2, safe(header.title()) + " - page " + pageNumber);
        y = PAGE_SIZE.getHeight() - MARGIN;
    }

    private void writeTitle() {
        y -= 16;
        text(bold, 16, MARGIN, y, fitted(header.title(), bold, 16, PAGE_SIZE.getWidth() - 2 * MARGIN));
        y -= 16;
        text(regular, 9, MARGIN, y, "Exported " + ReportTimes.format(header.exportedAt()));
        y -= 12;
        text(regular, 9, MARGIN, y, fitted("Filters: " + header.filtersInWords(table), regular, 9,
                PAGE_SIZE.getWidth() - 2 * MARGIN));
        y -= 20;
    }

    private void writePools() throws IOException {
        if (header.pools().isEmpty()) {
            return;
        }
        text(bold, 11, MARGIN, y, "Pools");
        y -= 14;
        float barX = MARGIN + 210;
        writeLegend(barX);
        for (PoolSummary pool : header.pools()) {
            if (y - 2 * ROW_HEIGHT < MARGIN + ROW_HEIGHT) {
                newPage();
            }
            PoolUsage usage = pool.usage();
            text(regular, 8, MARGIN, y, fitted(pool.name(), regular, 8, barX - MARGIN - 6));
            drawBar(barX, y - 1, usage);
            text(regular, 8, barX + BAR_WIDTH + 8, y, usage.utilisationPercent() + " % used");
            y -= ROW_HEIGHT + 1;
            text(regular, 7, MARGIN + 8, y, "total " + usage.total() + ", leased " + usage.dynamicLeased()
                    + ", reserved in pool " + usage.reservedInPool() + ", reserved outside " + usage.reservedOutsidePool()
                    + ", declined " + usage.declined() + ", offered " + usage.offered() + ", free " + usage.free());
            y -= ROW_HEIGHT + 4;
        }
    }

    private void writeLegend(float x) {
        float legendX = x;
        for (UsagePart part : UsagePart.values()) {
            page.setRGBColorFillF(part.red, part.green, part.blue);
            page.rectangle(legendX, y - 1, 8, 7);
            page.fill();
            page.setRGBColorFillF(0f, 0f, 0f);
            text(regular, 7, legendX + 10, y, part.label);
            legendX += 60;
        }
        y -= ROW_HEIGHT + 2;
    }

    /** A stacked bar: each part of the pool's use in its own colour, the free rest as the empty frame. */
    private void drawBar(float x, float barY, PoolUsage usage) {
        float left = x;
        for (UsagePart part : UsagePart.values()) {
            long count = part.count(usage);
            if (count == 0 || usage.total() == 0) {
                continue;
            }
            float width = BAR_WIDTH * count / usage.total();
            page.setRGBColorFillF(part.red, part.green, part.blue);
            page.rectangle(left, barY, width, BAR_HEIGHT);
            page.fill();
            left += width;
        }
        page.setRGBColorFillF(0f, 0f, 0f);
        page.setRGBColorStrokeF(0.4f, 0.4f, 0.4f);
        page.setLineWidth(0.5f);
        page.rectangle(x, barY, BAR_WIDTH, BAR_HEIGHT);
        page.stroke();
    }

    private void writeTableHeader() {
        float x = MARGIN;
        for (Column<R> column : columns) {
            text(bold, TABLE_FONT_SIZE, x + CELL_PADDING, y, fitted(column.title(), bold, TABLE_FONT_SIZE,
                    column.printWidth() - 2 * CELL_PADDING));
            x += column.printWidth();
        }
        page.setRGBColorStrokeF(0.4f, 0.4f, 0.4f);
        page.setLineWidth(0.5f);
        page.moveTo(MARGIN, y - 3);
        page.lineTo(x, y - 3);
        page.stroke();
        y -= ROW_HEIGHT + 2;
    }

    private void text(BaseFont font, float size, float x, float baseline, String text) {
        page.beginText();
        page.setFontAndSize(font, size);
        page.setTextMatrix(x, baseline);
        page.showText(text);
        page.endText();
    }

    private String fitted(String text, float columnWidth) {
        return fitted(text, regular, TABLE_FONT_SIZE, columnWidth - 2 * CELL_PADDING);
    }

    /** The text made printable and cut with "..." to fit {@code width} points. */
    private String fitted(String text, BaseFont font, float size, float width) {
        String shown = safe(text);
        if (width(font, size, shown) <= width) {
            return shown;
        }
        int end = shown.length();
        while (end > 0 && width(font, size, shown.substring(0, end) + "...") > width) {
            end = shown.offsetByCodePoints(end, -1);
        }
        return shown.substring(0, end) + "...";
    }

    private static float width(BaseFont font, float size, String text) {
        return font.getWidthPoint(text, size);
    }

    /** Replaces what Helvetica cannot show (anything outside WinAnsi) with '?'. */
    private String safe(String text) {
        boolean plainAscii = text.chars().allMatch(c -> c >= 0x20 && c < 0x7F);
        if (plainAscii) {
            return text;
        }
        StringBuilder shown = new StringBuilder(text.length());
        text.codePoints().forEach(codePoint -> {
            if (printable.computeIfAbsent(codePoint, this::canShow)) {
                shown.appendCodePoint(codePoint);
            } else {
                shown.append('?');
            }
        });
        return shown.toString();
    }

    private boolean canShow(int codePoint) {
        if (Character.isISOControl(codePoint)) {
            return false;
        }
        return regular.charExists(codePoint) && bold.charExists(codePoint);
    }
}
