package org.leasedesk.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Option 81, the client FQDN (RFC 4702): flags, two deprecated RCODE bytes and a name.
 *
 * <p>The flags byte is kept whole so unknown (must-be-zero) bits survive a round trip. With the E flag
 * the name travels in DNS wire format and {@link #name()} follows {@link DomainNames}' text form (a
 * trailing dot means fully qualified, none means a partial name); without it the name is the
 * deprecated ASCII form, kept byte for byte (ISO-8859-1).
 */
public record ClientFqdn(int flags, int rcode1, int rcode2, String name) {

    /** S: the client asks the server to update the A record. */
    public static final int FLAG_SERVER_UPDATES = 0x01;
    /** O: the server overrode the client's S choice. */
    public static final int FLAG_OVERRIDE = 0x02;
    /** E: the name is in DNS wire format. */
    public static final int FLAG_ENCODED = 0x04;
    /** N: no server updates at all. */
    public static final int FLAG_NO_UPDATES = 0x08;

    public ClientFqdn {
        requireByte("flags", flags);
        requireByte("rcode1", rcode1);
        requireByte("rcode2", rcode2);
        Objects.requireNonNull(name, "name");
        if ((flags & FLAG_ENCODED) != 0) {
            DomainNames.labels(name);
        } else if (!name.chars().allMatch(c -> c <= 0xff)) {
            throw new IllegalArgumentException("client FQDN '" + name + "' in ASCII form must use single-byte characters");
        }
    }

    /** A client's usual choice: E set, rcodes 0, the given flags added. */
    public static ClientFqdn encoded(String name, int extraFlags) {
        return new ClientFqdn(FLAG_ENCODED | extraFlags, 0, 0, name);
    }

    public boolean serverUpdates() {
        return (flags & FLAG_SERVER_UPDATES) != 0;
    }

    public boolean override() {
        return (flags & FLAG_OVERRIDE) != 0;
    }

    public boolean encoded() {
        return (flags & FLAG_ENCODED) != 0;
    }

    public boolean noUpdates() {
        return (flags & FLAG_NO_UPDATES) != 0;
    }

    /** True when the name is complete (ends with the root label) rather than a partial host name. */
    public boolean fullyQualified() {
        return name.endsWith(".");
    }

    /** Checks a received value without building anything: the codec's validation path. */
    static void check(byte[] value) throws MalformedPacketException {
        if (value.length < 3) {
            throw new MalformedPacketException(MalformedPacketException.Reason.BAD_OPTION_LENGTH,
                    "client FQDN (81) needs at least 3 bytes (flags, rcode1, rcode2), got " + value.length);
        }
        if ((value[0] & FLAG_ENCODED) != 0) {
            DomainNames.checkUncompressed(value, 3, value.length);
        }
    }

    public static ClientFqdn decode(byte[] value) throws MalformedPacketException {
        check(value);
        int flags = value[0] & 0xff;
        String name = (flags & FLAG_ENCODED) != 0
                ? DomainNames.readUncompressed(value, 3, value.length)
                : new String(value, 3, value.length - 3, StandardCharsets.ISO_8859_1);
        return new ClientFqdn(flags, value[1] & 0xff, value[2] & 0xff, name);
    }

    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(3 + name.length() + 2);
        out.write(flags);
        out.write(rcode1);
        out.write(rcode2);
        if (encoded()) {
            DomainNames.writeUncompressed(name, out);
        } else {
            out.writeBytes(name.getBytes(StandardCharsets.ISO_8859_1));
        }
        return out.toByteArray();
    }

    private static void requireByte(String field, int value) {
        if (value < 0 || value > 255) {
            throw new IllegalArgumentException("client FQDN " + field + " must be 0-255, got " + value);
        }
    }
}
