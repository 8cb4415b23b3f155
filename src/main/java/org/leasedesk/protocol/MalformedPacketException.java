package org.leasedesk.protocol;

import java.util.Objects;

/**
 * The one exception the codec throws for input it cannot accept. It carries a {@link Reason} so
 * callers (the server's receive loop, importers of captured packets) can count drops by cause
 * without parsing messages.
 */
public final class MalformedPacketException extends Exception {

    /** Why a packet or an option value was rejected. */
    public enum Reason {
        /** Shorter than the fixed BOOTP header plus the magic cookie, or cut inside a field. */
        TRUNCATED,
        /** The four bytes after the BOOTP header are not 99.130.83.99. */
        BAD_COOKIE,
        /** An option's length runs past the end of the area that holds it. */
        OPTION_OVERRUN,
        /** Option overload (52) appears inside file or sname, or names an invalid area. */
        OVERLOAD_LOOP,
        /** A known option's value has a length its type does not allow. */
        BAD_OPTION_LENGTH,
        /** A known option's value has the right length but content its type does not allow. */
        BAD_OPTION_VALUE,
        /** The header carries a value the protocol does not allow (for example hlen above 16). */
        BAD_HEADER
    }

    private final Reason reason;

    public MalformedPacketException(Reason reason, String detail) {
        super(reason + ": " + Objects.requireNonNull(detail, "detail"));
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
