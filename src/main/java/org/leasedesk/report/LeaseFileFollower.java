package org.leasedesk.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Objects;

/**
 * Keeps up with a lease file a running server writes. Kea's memfile only grows between cleanups,
 * so new rows are read from where the last look stopped (only complete lines: Kea may be halfway
 * through one); when the file was replaced or shrank (cleanup rotated it) the whole journal is
 * read again. dhcpd and dnsmasq rewrite their files, so those are read again whenever they change.
 *
 * <p>Not thread-safe: one caller polls it, for example from a scheduled task.
 */
public final class LeaseFileFollower {

    private final Path file;
    private final LeaseFileFormat format;
    private final ImportOptions options;

    private FileIdentity lastSeen;
    private ImportOutcome last;
    // Kea only: where reading stopped in the current file.
    private LeaseTable keaTable;
    private KeaLeaseParser keaParser;
    private long keaOffset;
    private long keaLines;

    /** What tells a file that changed from one that did not: its identity (inode), length and modification time. */
    private record FileIdentity(Object key, long size, Instant modified) {}

    public LeaseFileFollower(Path file, LeaseFileFormat format, ImportOptions options) {
        this.file = Objects.requireNonNull(file, "file");
        this.format = Objects.requireNonNull(format, "format");
        this.options = Objects.requireNonNull(options, "options");
    }

    /** The file's leases as they are now; cheap when nothing changed since the last call. */
    public ImportOutcome refresh() throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        FileIdentity now = new FileIdentity(attributes.fileKey(), attributes.size(), attributes.lastModifiedTime().toInstant());
        if (now.equals(lastSeen)) {
            return last;
        }
        if (format != LeaseFileFormat.KEA_CSV) {
            last = LeaseImport.read(file, format, options);
        } else if (lastSeen != null && keaTable != null && Objects.equals(now.key(), lastSeen.key()) && now.size() >= keaOffset) {
            last = readKeaFrom(keaOffset);
        } else {
            last = readKeaJournal();
        }
        lastSeen = now;
        return last;
    }

    private ImportOutcome readKeaJournal() throws IOException {
        keaTable = new LeaseTable();
        keaParser = new KeaLeaseParser(file);
        keaOffset = 0;
        keaLines = 0;
        for (Path part : LeaseImport.keaJournalParts(file).subList(0, 2)) {
            if (Files.exists(part)) {
                try (InputStream in = Files.newInputStream(part)) {
                    new KeaLeaseParser(part).readAll(new TextLines(LeaseImport.utf8(in), 0), keaTable);
                } catch (NotThisFormatException e) {
                    keaTable = null;
                    return new ImportOutcome.Rejected(part, e.getMessage());
                }
            }
        }
        return readKeaFrom(0);
    }

    /** Reads the complete lines of the current file from {@code offset} on. */
    private ImportOutcome readKeaFrom(long offset) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long end = endOfLastCompleteLine(channel, offset);
            if (end > offset) {
                channel.position(offset);
                InputStream in = new LimitedInputStream(Channels.newInputStream(channel), end - offset);
                TextLines lines = new TextLines(LeaseImport.utf8(in), keaLines);
                if (keaParser.hasHeader()) {
                    keaParser.readRows(lines, keaTable);
                } else {
                    keaParser.readAll(lines, keaTable);
                }
                keaLines = lines.number();
                keaOffset = end;
            }
        } catch (NotThisFormatException e) {
            keaTable = null;
            return new ImportOutcome.Rejected(file, e.getMessage());
        }
        return keaTable.snapshot();
    }

    /** The position just after the last line feed at or after {@code from}, or {@code from} if there is none. */
    private static long endOfLastCompleteLine(FileChannel channel, long from) throws IOException {
        ByteBuffer block = ByteBuffer.allocate(8192);
        long blockEnd = channel.size();
        while (blockEnd > from) {
            long blockStart = Math.max(from, blockEnd - block.capacity());
            block.clear().limit((int) (blockEnd - blockStart));
            channel.read(block, blockStart);
            for (int i = block.position() - 1; i >= 0; i--) {
                if (block.get(i) == '\n') {
                    return blockStart + i + 1;
                }
            }
            blockEnd = blockStart;
        }
        return from;
    }

    /** Reads at most {@code remaining} bytes: the rows written completely before this look. */
    private static final class LimitedInputStream extends InputStream {
        private final InputStream in;
        private long remaining;

        LimitedInputStream(InputStream in, long remaining) {
            this.in = in;
            this.remaining = remaining;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int read = in.read(buffer, offset, (int) Math.min(length, remaining));
            if (read > 0) {
                remaining -= read;
            }
            return read;
        }
    }
}
