package org.leasedesk.protocol;

import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HexFormat;

/** Builds packet bytes by hand, independently of the codec, the way a peer would put them on the wire. */
final class RawPacket {

    static final String CLIENT_MAC = "000c29aabbcc";

    private final byte[] header = new byte[240];
    private final ByteArrayOutputStream options = new ByteArrayOutputStream();

    RawPacket(int op, int xid) {
        header[0] = (byte) op;
        header[1] = 1;
        header[2] = 6;
        header[4] = (byte) (xid >>> 24);
        header[5] = (byte) (xid >>> 16);
        header[6] = (byte) (xid >>> 8);
        header[7] = (byte) xid;
        System.arraycopy(HexFormat.of().parseHex(CLIENT_MAC), 0, header, 28, 6);
        header[236] = 99;
        header[237] = (byte) 130;
        header[238] = 83;
        header[239] = 99;
    }

    RawPacket set(int offset, int... bytes) {
        for (int i = 0; i < bytes.length; i++) {
            header[offset + i] = (byte) bytes[i];
        }
        return this;
    }

    RawPacket setBytes(int offset, byte[] bytes) {
        System.arraycopy(bytes, 0, header, offset, bytes.length);
        return this;
    }

    RawPacket option(int code, byte[] value) {
        options.write(code);
        options.write(value.length);
        options.writeBytes(value);
        return this;
    }

    RawPacket option(int code, int... value) {
        return option(code, bytes(value));
    }

    RawPacket raw(int... bytes) {
        options.writeBytes(bytes(bytes));
        return this;
    }

    RawPacket end() {
        options.write(255);
        return this;
    }

    byte[] bytes() {
        byte[] all = Arrays.copyOf(header, 240 + options.size());
        System.arraycopy(options.toByteArray(), 0, all, 240, options.size());
        return all;
    }

    /** dhclient and Kea pad with zeros to the BOOTP minimum of 300 bytes. */
    byte[] paddedTo300() {
        byte[] all = bytes();
        return all.length >= 300 ? all : Arrays.copyOf(all, 300);
    }

    static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    static Inet4Address ip(String dotted) {
        try {
            return (Inet4Address) InetAddress.getByAddress(Ipv4.parse(dotted).getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static byte[] ipBytes(String dotted) {
        return ip(dotted).getAddress();
    }

    /** A DISCOVER as dhclient sends it: 53, 61, 12, 55, END, zero padding to 300 bytes. */
    static byte[] dhclientDiscover() {
        return new RawPacket(1, 0x3903f326)
                .option(53, 1)
                .option(61, 1, 0x00, 0x0c, 0x29, 0xaa, 0xbb, 0xcc)
                .option(12, "pc1".getBytes())
                .option(55, 1, 28, 2, 3, 15, 6, 119, 12, 44, 47, 26, 121, 42)
                .end().paddedTo300();
    }
}
