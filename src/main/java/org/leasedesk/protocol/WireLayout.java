package org.leasedesk.protocol;

import java.util.Arrays;

/**
 * How a decoded packet laid its options out on the wire, kept so that re-encoding an unchanged
 * message gives back the very same bytes.
 *
 * <p>Real peers differ in details the protocol does not care about: where PAD bytes sit, how a long
 * option was split (RFC 3396), whether option overload (52) was used and where it was placed, whether
 * END is present, and what follows END (dhclient and Kea pad to 300 bytes with zeros, others do not
 * pad, some leave garbage). The message itself holds only the protocol content; this layout records,
 * per area (options field, then file, then sname when overloaded), each option instance's code and
 * length, PAD runs, END, and the bytes after END. It never holds option values: encoding replays it
 * against the message's current values, and only if those still fit it exactly (same codes in the same
 * first-appearance order, same total lengths, overloaded fields still empty). Otherwise the codec lays
 * the message out afresh. Layouts are not part of message equality.
 */
public final class WireLayout {

    static final int PAD = 0;

    /** Value of option 52: bit 1 = options continue in file, bit 2 = in sname; 0 when not overloaded. */
    private final int overload;
    private final Area options;
    private final Area file;
    private final Area sname;

    WireLayout(int overload, Area options, Area file, Area sname) {
        this.overload = overload;
        this.options = options;
        this.file = file;
        this.sname = sname;
    }

    /**
     * One area's content in order. Each piece is {@code code << 8 | length}: code 0 is a run of
     * {@code length} PAD bytes, code 52 is the overload option, any other code is an instance of that
     * option carrying the next {@code length} bytes of its value.
     */
    record Area(int[] pieces, boolean end, byte[] trailer) {

        int size() {
            int size = (end ? 1 : 0) + trailer.length;
            for (int piece : pieces) {
                size += piece >>> 8 == PAD ? piece & 0xff : 2 + (piece & 0xff);
            }
            return size;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Area that && end == that.end && Arrays.equals(pieces, that.pieces)
                    && Arrays.equals(trailer, that.trailer);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(pieces) * 31 + Arrays.hashCode(trailer) + (end ? 1 : 0);
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder();
            for (int piece : pieces) {
                int code = piece >>> 8;
                text.append(code == PAD ? "pad" : Integer.toString(code)).append('[').append(piece & 0xff).append("] ");
            }
            return text.append(end ? "end" : "no-end").append(" +").append(trailer.length).toString();
        }
    }

    int overload() {
        return overload;
    }

    Area options() {
        return options;
    }

    Area file() {
        return file;
    }

    Area sname() {
        return sname;
    }

    public boolean overloadsFile() {
        return (overload & DhcpCodec.OVERLOAD_FILE) != 0;
    }

    public boolean overloadsSname() {
        return (overload & DhcpCodec.OVERLOAD_SNAME) != 0;
    }

    /** Bytes after END in the options field (padding), 0 when there is no END. */
    public int bytesAfterEnd() {
        return options.trailer().length;
    }

    /**
     * The lengths of the pieces option {@code code} arrived in, in the order RFC 3396 joins them (the
     * options field, then file, then sname); empty when it did not arrive. More than one piece means the
     * sender split the option; receivers differ in how they treat that (Kea 2.2 keeps a split option as
     * plain bytes and reads no options from file or sname at all), so classification needs to know.
     */
    public int[] pieceLengths(int code) {
        int count = 0;
        for (Area area : new Area[] {options, file, sname}) {
            if (area != null) {
                for (int piece : area.pieces()) {
                    count += piece >>> 8 == code && code != PAD ? 1 : 0;
                }
            }
        }
        int[] lengths = new int[count];
        int i = 0;
        for (Area area : new Area[] {options, file, sname}) {
            if (area != null) {
                for (int piece : area.pieces()) {
                    if (piece >>> 8 == code && code != PAD) {
                        lengths[i++] = piece & 0xff;
                    }
                }
            }
        }
        return lengths;
    }

    /** How many of the {@link #pieceLengths} pieces of option {@code code} lie in the options field itself. */
    public int piecesInOptionsField(int code) {
        int count = 0;
        for (int piece : options.pieces()) {
            count += piece >>> 8 == code && code != PAD ? 1 : 0;
        }
        return count;
    }

    /** Total packet length this layout produces. */
    public int packetLength() {
        return DhcpCodec.OPTIONS_OFFSET + options.size();
    }

    @Override
    public String toString() {
        return "options: " + options + (file != null ? "; file: " + file : "") + (sname != null ? "; sname: " + sname : "");
    }
}
