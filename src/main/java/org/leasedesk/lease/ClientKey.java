package org.leasedesk.lease;

import java.util.Objects;

/**
 * Who a lease belongs to. RFC 2131 4.2: the client identifier (option 61) when the client sends
 * one, otherwise the hardware type and address. The readable form ({@link #toString()}) is also the
 * stored form and parses back with {@link #parse(String)}.
 */
public sealed interface ClientKey permits ClientKey.ByClientId, ClientKey.ByHardware {

    /** The key of a client that sent {@code clientId} (empty if it sent none) from {@code hardware}. */
    static ClientKey of(Octets clientId, HardwareAddress hardware) {
        return clientId.isEmpty() ? new ByHardware(hardware) : new ByClientId(clientId);
    }

    /** Parses "id:01:aa:..." or "hw:1:aa:bb:...", the forms {@link #toString()} writes. */
    static ClientKey parse(String text) {
        if (text.startsWith("id:")) {
            return new ByClientId(Octets.parseHex(text.substring(3)));
        }
        if (text.startsWith("hw:")) {
            int colon = text.indexOf(':', 3);
            if (colon > 3) {
                try {
                    int type = Integer.parseInt(text.substring(3, colon));
                    return new ByHardware(new HardwareAddress(type, Octets.parseHex(text.substring(colon + 1))));
                } catch (NumberFormatException e) {
                    // falls through to the common message below
                }
            }
        }
        throw new IllegalArgumentException(
                "'" + text + "' is not a client key: expected id:<hex bytes> or hw:<type>:<hex bytes>");
    }

    /** Identity by client identifier (option 61). */
    record ByClientId(Octets clientId) implements ClientKey {
        public ByClientId {
            Objects.requireNonNull(clientId, "clientId");
            // RFC 2132 9.14: at least two bytes (a type and one byte of identifier).
            if (clientId.length() < 2 || clientId.length() > 255) {
                throw new IllegalArgumentException(
                        "a client identifier has 2-255 bytes, got " + clientId.length());
            }
        }

        @Override
        public String toString() {
            return "id:" + clientId.toColonHex();
        }
    }

    /** Identity by hardware type and address, for clients that send no identifier. */
    record ByHardware(HardwareAddress hardware) implements ClientKey {
        public ByHardware {
            Objects.requireNonNull(hardware, "hardware");
            if (!hardware.isKnown()) {
                throw new IllegalArgumentException("a client without a client identifier needs a hardware address");
            }
        }

        @Override
        public String toString() {
            return "hw:" + hardware.type() + ":" + hardware.address().toColonHex();
        }
    }
}
