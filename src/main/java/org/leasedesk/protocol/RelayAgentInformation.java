package org.leasedesk.protocol;

import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Option 82, relay agent information (RFC 3046): sub-options in the relay's order. A server echoes
 * the option verbatim, so unknown sub-options are kept as they came.
 */
public record RelayAgentInformation(List<SubOption> subOptions) {

    public static final int CIRCUIT_ID = 1;
    public static final int REMOTE_ID = 2;
    /** RFC 3527: the subnet the relay wants the address from when giaddr cannot say it. */
    public static final int LINK_SELECTION = 5;
    /** RFC 5107: the address the client should use as server identifier. */
    public static final int SERVER_ID_OVERRIDE = 11;

    /** One sub-option; its value is copied in and out so the record stays immutable. */
    public record SubOption(int code, byte[] value) {

        public SubOption {
            if (code < 0 || code > 255) {
                throw new IllegalArgumentException("relay agent sub-option code must be 0-255, got " + code);
            }
            if (value.length > 255) {
                throw new IllegalArgumentException("relay agent sub-option " + code + " is " + value.length + " bytes; the limit is 255");
            }
            if ((code == LINK_SELECTION || code == SERVER_ID_OVERRIDE) && value.length != 4) {
                throw new IllegalArgumentException("relay agent sub-option " + code + " must hold one IPv4 address (4 bytes), got "
                        + value.length);
            }
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof SubOption that && code == that.code && Arrays.equals(value, that.value);
        }

        @Override
        public int hashCode() {
            return 31 * code + Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return code + "=" + Hex.format(value);
        }
    }

    public RelayAgentInformation {
        subOptions = List.copyOf(subOptions);
        if (subOptions.isEmpty()) {
            throw new IllegalArgumentException("relay agent information needs at least one sub-option");
        }
    }

    public Optional<byte[]> circuitId() {
        return raw(CIRCUIT_ID);
    }

    public Optional<byte[]> remoteId() {
        return raw(REMOTE_ID);
    }

    public Optional<Inet4Address> linkSelection() {
        return raw(LINK_SELECTION).map(bytes -> Ipv4.fromBytes(bytes, 0));
    }

    public Optional<Inet4Address> serverIdOverride() {
        return raw(SERVER_ID_OVERRIDE).map(bytes -> Ipv4.fromBytes(bytes, 0));
    }

    /** The first sub-option with this code. */
    public Optional<byte[]> raw(int code) {
        return subOptions.stream().filter(s -> s.code() == code).findFirst().map(SubOption::value);
    }

    /** Checks a received value without building anything: the codec's validation path. */
    static void check(byte[] value) throws MalformedPacketException {
        if (value.length == 0) {
            throw new MalformedPacketException(MalformedPacketException.Reason.BAD_OPTION_LENGTH, "relay agent information (82) is empty");
        }
        int p = 0;
        while (p < value.length) {
            if (p + 2 > value.length) {
                throw new MalformedPacketException(MalformedPacketException.Reason.BAD_OPTION_LENGTH,
                        "relay agent sub-option at offset " + p + " has no length byte");
            }
            int code = value[p] & 0xff;
            int length = value[p + 1] & 0xff;
            if (p + 2 + length > value.length) {
                throw new MalformedPacketException(MalformedPacketException.Reason.BAD_OPTION_LENGTH,
                        "relay agent sub-option " + code + " claims " + length + " bytes, only " + (value.length - p - 2) + " left");
            }
            if ((code == LINK_SELECTION || code == SERVER_ID_OVERRIDE) && length != 4) {
                throw new MalformedPacketException(MalformedPacketException.Reason.BAD_OPTION_LENGTH,
                        "relay agent sub-option " + code + " must be 4 bytes (an IPv4 address), got " + length);
            }
            p += 2 + length;
        }
    }

    public static RelayAgentInformation decode(byte[] value) throws MalformedPacketException {
        check(value);
        List<SubOption> subOptions = new ArrayList<>();
        for (int p = 0; p < value.length; p += 2 + (value[p + 1] & 0xff)) {
            subOptions.add(new SubOption(value[p] & 0xff, Arrays.copyOfRange(value, p + 2, p + 2 + (value[p + 1] & 0xff))));
        }
        return new RelayAgentInformation(subOptions);
    }

    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (SubOption subOption : subOptions) {
            out.write(subOption.code());
            out.write(subOption.value.length);
            out.writeBytes(subOption.value);
        }
        return out.toByteArray();
    }

    /** Display form: {@code circuit-id=00:01, remote-id=aa:bb, link-selection=192.0.2.0}. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        for (SubOption s : subOptions) {
            parts.add(switch (s.code()) {
                case CIRCUIT_ID -> "circuit-id=" + Hex.format(s.value);
                case REMOTE_ID -> "remote-id=" + Hex.format(s.value);
                case LINK_SELECTION -> "link-selection=" + Ipv4.fromBytes(s.value, 0).getHostAddress();
                case SERVER_ID_OVERRIDE -> "server-id-override=" + Ipv4.fromBytes(s.value, 0).getHostAddress();
                default -> "sub-option-" + s.code() + "=" + Hex.format(s.value);
            });
        }
        return String.join(", ", parts);
    }
}
