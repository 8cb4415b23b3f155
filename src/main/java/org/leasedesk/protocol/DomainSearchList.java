package org.leasedesk.protocol;

import java.util.List;

/** Option 119, the domain search list (RFC 3397): fully qualified names, compressed on the wire. */
public record DomainSearchList(List<String> domains) {

    /** Names are given without the trailing root dot; one is tolerated and dropped. */
    public DomainSearchList {
        domains = domains.stream().map(DomainSearchList::withoutRootDot).toList();
        if (domains.isEmpty()) {
            throw new IllegalArgumentException("a domain search list needs at least one domain");
        }
        domains.forEach(DomainNames::labels);
    }

    public static DomainSearchList decode(byte[] value) throws MalformedPacketException {
        if (value.length == 0) {
            throw new MalformedPacketException(MalformedPacketException.Reason.BAD_OPTION_LENGTH, "domain search list (119) is empty");
        }
        return new DomainSearchList(DomainNames.decodeCompressed(value));
    }

    /** RFC 1035 encoding with compression pointers to earlier suffixes, as RFC 3397 asks. */
    public byte[] encode() {
        return DomainNames.encodeCompressed(domains);
    }

    private static String withoutRootDot(String domain) {
        String trimmed = domain.strip();
        return trimmed.endsWith(".") && trimmed.length() > 1 ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
