package org.leasedesk.protocol;

import java.util.Optional;

/** Values of option 53: RFC 2132's eight, FORCERENEW (RFC 3203) and the leasequery family (RFC 4388, 6926, 7724). */
public enum MessageType {
    DISCOVER(1),
    OFFER(2),
    REQUEST(3),
    DECLINE(4),
    ACK(5),
    NAK(6),
    RELEASE(7),
    INFORM(8),
    FORCERENEW(9),
    LEASEQUERY(10),
    LEASEUNASSIGNED(11),
    LEASEUNKNOWN(12),
    LEASEACTIVE(13),
    BULKLEASEQUERY(14),
    LEASEQUERYDONE(15),
    ACTIVELEASEQUERY(16),
    LEASEQUERYSTATUS(17),
    TLS(18);

    static final int OPTION_CODE = 53;

    private static final MessageType[] BY_CODE = new MessageType[19];

    static {
        for (MessageType type : values()) {
            BY_CODE[type.code] = type;
        }
    }

    private final int code;

    MessageType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<MessageType> fromCode(int code) {
        return code > 0 && code < BY_CODE.length ? Optional.of(BY_CODE[code]) : Optional.empty();
    }

    /** The name packet analysers and logs use, e.g. DHCPREQUEST. */
    public String wireName() {
        return "DHCP" + name();
    }
}
