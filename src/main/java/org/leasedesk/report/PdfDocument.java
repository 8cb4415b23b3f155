package org.leasedesk.report;

import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.leasedesk.lease.Lease;
import org.leasedesk.lease.PoolUsage;

/**
 * A printable report on A4 landscape: title, export time, filters, one line of figures per pool and
 * a stacked utilisation bar per pool, then the lease table continued over as many pages as it
 * needs, its header repeated on each.
 *
 * <p>Memory: each page's content goes to a scratch file as soon as the page is full, but PDFBox keeps
 * every page's objects until the document is saved: measured about 14 KiB of heap per page of 50 rows
 * (1,000,000 leases, 19,600 pages, needed about 280 MiB). Unlike the other formats this is not
 * bounded; it suits reports of up to some tens of thousands of leases.
 *
 * <p>The standard Helvetica font needs no embedding but only covers WinAnsi (Western European)
 * characters; others are shown as '?'. The CSV, JSON and HTML exports keep every character.
 */
final class PdfDocument implements LeaseDocument {

    private static final PDRectangle PAGE_SIZE = new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth());
    private static final float MARGIN = 36;
    private static final float TABLE_FONT_SIZE = 7;
    private static final float ROW_HEIGHT = 10;
    private static final float CELL_PADDING = 2;
    private static final float BAR_WIDTH = 320;
    private static final float BAR_HEIGHT = 9;

    /** The printed columns and their widths in points; the start of the binding is left to the other formats. */
    private static final List<PrintedColumn> COLUMNS = List.of(
            new PrintedColumn(LeaseColumn.ADDRESS, 72),
            new PrintedColumn(LeaseColumn.HARDWARE_ADDRESS, 78),
            new PrintedColumn(LeaseColumn.CLIENT_ID, 90),
            new PrintedColumn(LeaseColumn.HOSTNAME, 140),
            new PrintedColumn(LeaseColumn.SUBNET_ID, 34),
            new PrintedColumn(LeaseColumn.POOL_ID, 28),
            new PrintedColumn(LeaseColumn.STATE, 48),
            new PrintedColumn(LeaseColumn.LAST_TRANSACTION, 86),
            new PrintedColumn(LeaseColumn.VALID_LIFETIME, 48),
            new PrintedColumn(LeaseColumn.EXPIRES, 86),
            new PrintedColumn(LeaseColumn.RELAY, 60));

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

    private record PrintedColumn(LeaseColumn column, float width) {}

    private final OutputStream out;
    private final ReportHeader header;
    private final PDDocument document;
    private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    /** Whether the fonts can show a code point; bounded by the characters that actually occur. */
    private final Map<Integer, Boolean> printable = new HashMap<>();

    private PDPageContentStream page;
    private int pageNumber;
    private float y;

    PdfDocument(OutputStream out, ReportHeader header) throws IOException {
        this.out = out;
        this.header = header;
        document = new PDDocument(IOUtils.createTempFileOnlyStreamCache());
        try {
            document.getDocumentInformation().setTitle(safe(header.title()));
            document.getDocumentInformation().setCreator("LeaseDesk");
            newPage();
            writeTitle();
            writePools();
            y -= ROW_HEIGHT;
            writeTableHeader();
        } catch (IOException | RuntimeException e) {
            document.close();
            throw e;
        }
    }

    @Override
    public void row(Lease lease) throws IOException {
        if (y - ROW_HEIGHT < MARGIN + ROW_HEIGHT) {
            newPage();
            writeTableHeader();
        }
        float x = MARGIN;
        for (PrintedColumn printed : COLUMNS) {
            text(regular, TABLE_FONT_SIZE, x + CELL_PADDING, y, fitted(printed.column().text(lease), printed.width()));
            x += printed.width();
        }
        y -= ROW_HEIGHT;
    }

    @Override
    public void finish() throws IOException {
        page.close();
        page = null;
        document.save(out);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        document.close();
    }

    private void newPage() throws IOException {
        if (page != null) {
            page.close();
        }
        PDPage next = new PDPage(PAGE_SIZE);
        document.addPage(next);
        page = new PDPageContentStream(document, next);
        pageNumber++;
        text(regular, 7, MARGIN, MARGIN / 2, safe(header.title()) + " - page " + pageNumber);
        y = PAGE_SIZE.getHeight() - MARGIN;
    }

    private void writeTitle() throws IOException {
        y -= 16;
        text(bold, 16, MARGIN, y, fitted(header.title(), bold, 16, PAGE_SIZE.getWidth() - 2 * MARGIN));
        y -= 16;
        text(regular, 9, MARGIN, y, "Exported " + LeaseColumn.time(header.exportedAt()));
        y -= 12;
        text(regular, 9, MARGIN, y, fitted("Filters: " + header.filtersInWords(), regular, 9,
                PAGE_SIZE.getWidth() - 2 * MARGIN));
        y -= 20;
    }

    private void writePools() throws IOException {
        if (header.pools().isEmpty()) {
            return;
        }
        text(bold, 11, MARGIN, y, "Pools");
        y -= 14;
        float barX = MARGIN + 150;
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

    private void writeLegend(float x) throws IOException {
        float legendX = x;
        for (UsagePart part : UsagePart.values()) {
            page.setNonStrokingColor(part.red, part.green, part.blue);
            page.addRect(legendX, y - 1, 8, 7);
            page.fill();
            page.setNonStrokingColor(0f, 0f, 0f);
            text(regular, 7, legendX + 10, y, part.label);
            legendX += 60;
        }
        y -= ROW_HEIGHT + 2;
    }

    /** A stacked bar: each part of the pool's use in its own colour, the free rest as the empty frame. */
    private void drawBar(float x, float barY, PoolUsage usage) throws IOException {
        float left = x;
        for (UsagePart part : UsagePart.values()) {
            long count = part.count(usage);
            if (count == 0 || usage.total() == 0) {
                continue;
            }
            float width = BAR_WIDTH * count / usage.total();
            page.setNonStrokingColor(part.red, part.green, part.blue);
            page.addRect(left, barY, width, BAR_HEIGHT);
            page.fill();
            left += width;
        }
        page.setNonStrokingColor(0f, 0f, 0f);
        page.setStrokingColor(0.4f, 0.4f, 0.4f);
        page.setLineWidth(0.5f);
        page.addRect(x, barY, BAR_WIDTH, BAR_HEIGHT);
        page.stroke();
    }

    private void writeTableHeader() throws IOException {
        float x = MARGIN;
        for (PrintedColumn printed : COLUMNS) {
            text(bold, TABLE_FONT_SIZE, x + CELL_PADDING, y, fitted(printed.column().title(), bold, TABLE_FONT_SIZE,
                    printed.width() - 2 * CELL_PADDING));
            x += printed.width();
        }
        page.setStrokingColor(0.4f, 0.4f, 0.4f);
        page.setLineWidth(0.5f);
        page.moveTo(MARGIN, y - 3);
        page.lineTo(x, y - 3);
        page.stroke();
        y -= ROW_HEIGHT + 2;
    }

    private void text(PDType1Font font, float size, float x, float baseline, String text) throws IOException {
        page.beginText();
        page.setFont(font, size);
        page.newLineAtOffset(x, baseline);
        page.showText(text);
        page.endText();
    }

    private String fitted(String text, float columnWidth) throws IOException {
        return fitted(text, regular, TABLE_FONT_SIZE, columnWidth - 2 * CELL_PADDING);
    }

    /** The text made printable and cut with "..." to fit {@code width} points. */
    private String fitted(String text, PDType1Font font, float size, float width) throws IOException {
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

    private static float width(PDType1Font font, float size, String text) throws IOException {
        return font.getStringWidth(text) / 1000 * size;
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
        try {
            regular.encode(Character.toString(codePoint));
            bold.encode(Character.toString(codePoint));
            return true;
        } catch (IllegalArgumentException | IOException notInEncoding) {
            return false;
        }
    }
}
