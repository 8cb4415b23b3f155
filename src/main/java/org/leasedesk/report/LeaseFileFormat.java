package org.leasedesk.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The foreign lease files LeaseDesk reads. */
public enum LeaseFileFormat {
    /** Kea's memfile, {@code kea-leases4.csv}: a CSV journal with a header row. */
    KEA_CSV,
    /** ISC dhcpd's {@code dhcpd.leases}: {@code lease A.B.C.D { ... }} blocks. */
    ISC_DHCPD,
    /** dnsmasq's lease file: {@code expiry mac address hostname client-id} per line. */
    DNSMASQ;

    /** Enough of the start of a file to recognise it, even after a long dhcpd comment header. */
    private static final int HEAD_BYTES = 8192;

    /** Recognises a lease file by its content (never by its name); empty when it is none of ours or is binary. */
    public static Optional<LeaseFileFormat> detect(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(HEAD_BYTES);
        }
        return detect(head);
    }

    static Optional<LeaseFileFormat> detect(byte[] head) {
        for (byte b : head) {
            if (b == 0) {
                return Optional.empty();
            }
        }
        for (String line : new String(head, StandardCharsets.ISO_8859_1).split("\r?\n|\r")) {
            String text = line.strip();
            if (text.isEmpty()) {
                continue;
            }
            // Neither Kea nor dnsmasq write comments; dhcpd starts its file with one.
            if (text.startsWith("#")) {
                return Optional.of(ISC_DHCPD);
            }
            if (text.startsWith("address,hwaddr,")) {
                return Optional.of(KEA_CSV);
            }
            if (DnsmasqLeaseParser.looksLikeLeaseLine(text.split(" +", -1))) {
                return Optional.of(DNSMASQ);
            }
            String firstWord = text.split("[\\s{;]", 2)[0];
            return firstWord.equals("lease") || DhcpdLeaseParser.isOtherStatement(firstWord)
                    ? Optional.of(ISC_DHCPD) : Optional.empty();
        }
        return Optional.empty();
    }
}
