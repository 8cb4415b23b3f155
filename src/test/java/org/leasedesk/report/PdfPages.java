package org.leasedesk.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.parser.PdfTextExtractor;

/** A written PDF read back by OpenPDF's own parser, for tests. */
public final class PdfPages {

    private PdfPages() {}

    /** The text of each page, first page first. */
    public static List<String> text(Path file) throws IOException {
        try (PdfReader reader = new PdfReader(file.toString())) {
            PdfTextExtractor extractor = new PdfTextExtractor(reader);
            List<String> pages = new ArrayList<>();
            for (int page = 1; page <= reader.getNumberOfPages(); page++) {
                pages.add(extractor.getTextFromPage(page));
            }
            return pages;
        }
    }
}
