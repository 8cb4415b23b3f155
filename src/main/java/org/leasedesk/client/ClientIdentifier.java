package org.leasedesk.client;

import java.util.Arrays;
import java.util.HexFormat;
import org.leasedesk.protocol.DhcpMessage;
import org.leasedesk.protocol.HardwareAddress;

/** The value of option 61 (RFC 2132 9.14): a type byte followed by the identifier. */
public record ClientIdentifier(byte[] bytes) {

    public ClientIdentifier {
        if (bytes.length < 2 || bytes.length > 255) {
            throw new IllegalArgumentException("a client identifier has 2 to 255 bytes (type and value), got " + bytes.length);
        }
        bytes = bytes.clone();
    }

    /** The usual choice: hardware type 1 (Ethernet) and the MAC, as dhclient and Windows send. */
    public static ClientIdentifier ofHardwareAddress(HardwareAddress address) {
        byte[] mac = address.bytes();
        byte[] value = new byte[mac.length + 1];
        value[0] = (byte) DhcpMessage.HTYPE_ETHERNET;
        System.arraycopy(mac, 0, value, 1, mac.length);
        return new ClientIdentifier(value);
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public boolean matches(byte[] other) {
        return Arrays.equals(bytes, other);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ClientIdentifier that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return HexFormat.ofDelimiter(":").formatHex(bytes);
    }
}
