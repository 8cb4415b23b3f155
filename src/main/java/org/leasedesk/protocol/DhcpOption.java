package org.leasedesk.protocol;

import java.util.Arrays;

/**
 * One option of a message as the protocol sees it: a code and its whole value, after RFC 3396
 * concatenation. How the value was split on the wire belongs to {@link WireLayout}, not here.
 */
public record DhcpOption(int code, byte[] value) {

    public DhcpOption {
        if (code < 1 || code > 254 || code == DhcpCodec.OVERLOAD_OPTION) {
            throw new IllegalArgumentException("option code " + code + " cannot be set on a message"
                    + (code == DhcpCodec.OVERLOAD_OPTION ? " (overload is chosen by the codec)" : " (0 is PAD, 255 is END)"));
        }
        value = value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    /** Package access without the defensive copy, for the codec's hot path. */
    byte[] valueUnsafe() {
        return value;
    }

    public int length() {
        return value.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DhcpOption that && code == that.code && Arrays.equals(value, that.value);
    }

    @Override
    public int hashCode() {
        return 31 * code + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return OptionRegistry.standard().nameOf(code) + "=" + OptionRegistry.standard().format(code, value);
    }
}
