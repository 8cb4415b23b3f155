package org.leasedesk.report;

import java.io.IOException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.leasedesk.lease.HardwareAddress;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.lease.Lease;
import org.leasedesk.lease.LeaseState;
import org.leasedesk.lease.Octets;
import org.leasedesk.lease.RelayInfo;

/**
 * Reads one Kea memfile ({@code kea-leases4.csv} or one of its {@code .1}/{@code .2} parts). The
 * header names the columns, so every version of the layout reads the same way; rows are applied in
 * order as a journal: a later row for an address replaces the earlier one, and a row with a valid
 * lifetime of 0 is Kea's record that the lease was deleted.
 *
 * <p>A parser reads one file: after its header it may be fed further rows later (a journal that grew).
 */
final class KeaLeaseParser {

    private final Path file;
    private final Map<String, Integer> columns = new HashMap<>();
    /** Cells per row: the header's length, which may exceed the names known when a header repeats one. */
    private int width;

    KeaLeaseParser(Path file) {
        this.file = file;
    }

    /** Reads the header and every complete row from {@code lines}. An empty file has no leases. */
    void readAll(TextLines lines, LeaseTable table) throws IOException, NotThisFormatException {
        String header = lines.next();
        if (header == null) {
            return;
        }
        readHeader(header);
        readRows(lines, table);
    }

    /** Reads rows after the header has been read, for example the lines appended since the last look. */
    void readRows(TextLines lines, LeaseTable table) throws IOException {
        for (String line = lines.next(); line != null; line = lines.next()) {
            if (lines.wasCut()) {
                table.problem(file, lines.number(), "line longer than " + TextLines.MAX_LINE + " characters");
            } else if (!line.isBlank()) {
                readRow(line, lines.number(), table);
            }
        }
    }

    boolean hasHeader() {
        return !columns.isEmpty();
    }

    private void readHeader(String line) throws NotThisFormatException {
        List<String> names = List.of(line.strip().split(",", -1));
        if (!names.containsAll(KeaCsv.REQUIRED) || !names.getFirst().equals("address")) {
            throw new NotThisFormatException(file + " is not a Kea lease file: its first line should be a header"
                    + " starting with '" + String.join(",", KeaCsv.REQUIRED) + "', found '" + Printable.excerpt(line) + "'");
        }
        for (int i = 0; i < names.size(); i++) {
            columns.putIfAbsent(names.get(i), i);
        }
        width = names.size();
    }

    private void readRow(String line, long number, LeaseTable table) {
        String[] cells = line.split(",", -1);
        if (cells.length != width) {
            table.problem(file, number, "expected " + width + " comma-separated columns as in the header, found "
                    + cells.length);
            return;
        }
        try {
            Ipv4Address address = Ipv4Address.parse(cell(cells, "address"));
            long lifetimeSeconds = Long.parseLong(cell(cells, "valid_lifetime"));
            if (lifetimeSeconds == 0) {
                // Kea appends the lease with lifetime 0 when it deletes it.
                table.remove(address);
                return;
            }
            Duration lifetime = Duration.ofSeconds(lifetimeSeconds);
            Instant expire = Instant.ofEpochSecond(Long.parseLong(cell(cells, "expire")));
            Instant cltt = expire.minus(lifetime);
            LeaseState state = LeaseState.ACTIVE;
            if (columns.containsKey("state")) {
                long stateNumber = Long.parseLong(cell(cells, "state"));
                state = KeaCsv.stateOf(stateNumber);
                if (state == null) {
                    table.problem(file, number, "state " + stateNumber + " is not one of Kea's (0 assigned, 1 declined,"
                            + " 2 expired-reclaimed, 3 released)");
                    return;
                }
            }
            String pool = columns.containsKey("pool_id") ? cell(cells, "pool_id") : "";
            String hostname = columns.containsKey("hostname") ? KeaCsv.unescape(cell(cells, "hostname")) : "";
            // Kea keeps no binding start: the last transaction is the earliest time known.
            table.put(new Lease(address, hardwareAddress(cell(cells, "hwaddr")), hex(cell(cells, "client_id")), hostname,
                    Long.parseLong(cell(cells, "subnet_id")), pool.isEmpty() ? 0 : Long.parseLong(pool), state, cltt, cltt,
                    lifetime, RelayInfo.NONE));
        } catch (IllegalArgumentException | DateTimeException | ArithmeticException e) {
            table.problem(file, number, e.getMessage());
        }
    }

    private String cell(String[] cells, String column) {
        return cells[columns.get(column)].strip();
    }

    /** Kea writes the chaddr bytes without their type and assumes Ethernet; other lengths keep type 0 (unknown). */
    private static HardwareAddress hardwareAddress(String text) {
        if (text.isEmpty()) {
            return HardwareAddress.NONE;
        }
        Octets bytes = Octets.of(org.leasedesk.protocol.HardwareAddress.parse(text).bytes());
        return new HardwareAddress(bytes.length() == 6 ? HardwareAddress.ETHERNET : 0, bytes);
    }

    private static Octets hex(String text) {
        return text.isEmpty() ? Octets.EMPTY : Octets.parseHex(text);
    }
}
