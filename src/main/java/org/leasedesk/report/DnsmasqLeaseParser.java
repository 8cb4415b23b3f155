package org.leasedesk.report;

import java.io.IOException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import org.leasedesk.lease.HardwareAddress;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.lease.Lease;
import org.leasedesk.lease.LeaseState;
import org.leasedesk.lease.Octets;
import org.leasedesk.lease.RelayInfo;

/**
 * Reads a dnsmasq lease file: one line per lease, {@code expiry mac ip hostname client-id}, with
 * {@code *} for an unknown host name or client id and expiry 0 for a lease that never ends. A
 * {@code duid} line starts the DHCPv6 leases, which are skipped. dnsmasq rewrites the whole file on
 * every change and lists only current leases, so every lease read is active, and two lines giving one
 * address to two clients contradict each other: both are kept (see {@link LeaseTable#putListed}).
 */
final class DnsmasqLeaseParser {

    private static final String UNKNOWN = "*";

    private final Path file;
    private final ImportOptions options;
    private final Instant fileWritten;

    /** @param fileWritten when the file was last written: the last transaction of a lease that never ends */
    DnsmasqLeaseParser(Path file, ImportOptions options, Instant fileWritten) {
        this.file = file;
        this.options = options;
        this.fileWritten = fileWritten;
    }

    void readAll(TextLines lines, LeaseTable table) throws IOException, NotThisFormatException {
        boolean first = true;
        boolean dhcpv6 = false;
        for (String line = lines.next(); line != null; line = lines.next()) {
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.strip().split(" +", -1);
            if (first && !looksLikeLeaseLine(fields)) {
                throw new NotThisFormatException(file + " is not a dnsmasq lease file: its lines should read"
                        + " 'expiry mac address hostname client-id', found '" + Printable.excerpt(line) + "'");
            }
            first = false;
            if (fields[0].equals("duid")) {
                dhcpv6 = true;
            } else if (lines.wasCut()) {
                table.problem(file, lines.number(), "line longer than " + TextLines.MAX_LINE + " characters");
            } else if (!dhcpv6) {
                readLease(fields, lines.number(), table);
            }
        }
    }

    /** The test that tells dnsmasq's file from others: five fields starting with a number, or the DUID line. */
    static boolean looksLikeLeaseLine(String[] fields) {
        return fields.length == 2 && fields[0].equals("duid")
                || fields.length == 5 && !fields[0].isEmpty() && fields[0].chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private void readLease(String[] fields, long number, LeaseTable table) {
        if (fields.length != 5) {
            table.problem(file, number, "expected 5 fields (expiry mac address hostname client-id), found " + fields.length);
            return;
        }
        try {
            long expiry = Long.parseLong(fields[0]);
            Duration lifetime = expiry == 0 ? Lease.MAX_LIFETIME : options.assumedLifetime();
            Instant cltt = expiry == 0 ? fileWritten : Instant.ofEpochSecond(expiry).minus(lifetime);
            String hostname = fields[3].equals(UNKNOWN) ? "" : fields[3];
            Octets clientId = fields[4].equals(UNKNOWN) ? Octets.EMPTY : Octets.parseHex(fields[4]);
            table.putListed(new Lease(Ipv4Address.parse(fields[2]), hardwareAddress(fields[1]), clientId, hostname,
                    options.defaultSubnetId(), 0, LeaseState.ACTIVE, cltt, cltt, lifetime, RelayInfo.NONE));
        } catch (IllegalArgumentException | DateTimeException | ArithmeticException e) {
            table.problem(file, number, e.getMessage());
        }
    }

    /** Ethernet addresses are plain colon hex; other hardware types carry their type in hex first ("20-aa:bb:..."). */
    private static HardwareAddress hardwareAddress(String text) {
        if (text.equals(UNKNOWN) || text.isEmpty()) {
            return HardwareAddress.NONE;
        }
        int dash = text.indexOf('-');
        if (dash > 0 && text.indexOf(':') > dash) {
            int type = Integer.parseInt(text.substring(0, dash), 16);
            return new HardwareAddress(type, Octets.of(org.leasedesk.protocol.HardwareAddress.parse(text.substring(dash + 1)).bytes()));
        }
        return HardwareAddress.parseMac(text);
    }
}
