package org.leasedesk.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way to read a foreign lease file into the lease model. Bad lines are skipped and listed
 * with their file and line number; a file that is not of the format at all is refused as a whole.
 */
public final class LeaseImport {

    private static final Logger log = LoggerFactory.getLogger(LeaseImport.class);

    private LeaseImport() {}

    /** Reads {@code file}, recognising its format from its content. */
    public static ImportOutcome read(Path file, ImportOptions options) throws IOException {
        Optional<LeaseFileFormat> format = LeaseFileFormat.detect(file);
        if (format.isEmpty()) {
            return new ImportOutcome.Rejected(file, file + " is not a lease file LeaseDesk knows"
                    + " (Kea kea-leases4.csv, ISC dhcpd.leases or a dnsmasq lease file)");
        }
        return format.get() == LeaseFileFormat.KEA_CSV ? readKeaJournal(file, options) : read(file, format.get(), options);
    }

    /** Reads exactly one file in the given format. */
    public static ImportOutcome read(Path file, LeaseFileFormat format, ImportOptions options) throws IOException {
        Instant written = Files.getLastModifiedTime(file).toInstant();
        try (InputStream in = Files.newInputStream(file)) {
            return logged(read(in, file, format, options, written));
        }
    }

    /**
     * Reads a Kea lease file with the history its lease file cleanup left: {@code NAME.2}, then
     * {@code NAME.1}, then {@code NAME} itself, each when present, later rows winning.
     */
    public static ImportOutcome readKeaJournal(Path currentFile, ImportOptions options) throws IOException {
        LeaseTable table = new LeaseTable();
        for (Path part : keaJournalParts(currentFile)) {
            if (!Files.exists(part)) {
                continue;
            }
            try (InputStream in = Files.newInputStream(part)) {
                new KeaLeaseParser(part).readAll(new TextLines(utf8(in), 0), table);
            } catch (NotThisFormatException e) {
                return logged(new ImportOutcome.Rejected(part, e.getMessage()));
            }
        }
        return logged(table.snapshot());
    }

    /** The parts of a Kea journal in the order they are read. */
    static List<Path> keaJournalParts(Path currentFile) {
        String name = currentFile.getFileName().toString();
        return List.of(currentFile.resolveSibling(name + ".2"), currentFile.resolveSibling(name + ".1"), currentFile);
    }

    /**
     * Reads lease file content from a stream.
     *
     * @param file the name problems are reported under
     * @param written when the file was last written (dnsmasq's never-ending leases count from then)
     */
    static ImportOutcome read(InputStream in, Path file, LeaseFileFormat format, ImportOptions options, Instant written)
            throws IOException {
        LeaseTable table = new LeaseTable();
        try {
            switch (format) {
                case KEA_CSV -> new KeaLeaseParser(file).readAll(new TextLines(utf8(in), 0), table);
                case ISC_DHCPD -> new DhcpdLeaseParser(file, options).readAll(
                        new InputStreamReader(in, StandardCharsets.ISO_8859_1), table);
                case DNSMASQ -> new DnsmasqLeaseParser(file, options, written).readAll(new TextLines(utf8(in), 0), table);
            }
        } catch (NotThisFormatException e) {
            return new ImportOutcome.Rejected(file, e.getMessage());
        }
        return table.snapshot();
    }

    /** Invalid UTF-8 becomes U+FFFD: a damaged host name spoils its own row at most, never the whole file. */
    static Reader utf8(InputStream in) {
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }

    private static ImportOutcome logged(ImportOutcome outcome) {
        switch (outcome) {
            case ImportOutcome.Imported imported -> {
                log.debug("imported {} leases, {} lines skipped (the outcome carries them for the caller to show)", imported.leases().size(), imported.problems().size());
                imported.problems().forEach(problem -> log.debug("skipped {}", problem));
            }
            case ImportOutcome.Rejected rejected -> log.debug("refused {}: {}", rejected.file(), rejected.reason());
        }
        return outcome;
    }
}
