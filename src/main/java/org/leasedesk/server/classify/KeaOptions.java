package org.leasedesk.server.classify;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.leasedesk.protocol.OptionDefinition;

/**
 * How Kea 2.2's DHCPv4 server holds each received option while it classifies a packet, which is what
 * {@code .hex}, {@code .text} and {@code .exists} see:
 *
 * <ul>
 *   <li>string options lose trailing NULs, and one made only of NULs is dropped (it does not exist);</li>
 *   <li>relay agent information (82) and vendor-specific information (125) hold sub-options, which Kea
 *       merges by code (RFC 3396) and writes back in code order; 125 keeps only its first enterprise block;</li>
 *   <li>vendor class (124) repeats its first enterprise number before every data chunk;</li>
 *   <li>compressed name lists (119 and its kin) are written back uncompressed;</li>
 *   <li>43 and the site-specific 224-254 are not decoded before classification (Kea defers them);</li>
 *   <li>an option that arrived in several pieces is decoded piece by piece and then joined into an untyped
 *       option ({@link #joined}); options overloaded into file or sname are not read at all, while the
 *       overload option (52) itself is (both in {@link Evaluation});</li>
 *   <li>{@code .text} is Kea's own rendering of the option object, which is the value itself only for
 *       string options; every other kind reads like {@code type=051, len=004: 3600 (uint32)}.</li>
 * </ul>
 *
 * <p>Each of these was seen on kea-dhcp4 2.2.0 (see {@code KeaObservedBehaviourTest}). A value Kea could
 * not decode makes Kea drop the whole packet before classification; such an option is treated here as
 * absent (or, inside a vendor option, as plain bytes), which keeps evaluation total.
 */
final class KeaOptions {

    /** The object kinds Kea builds for DHCPv4 options; each decides the option's hex and text. */
    enum Kind {
        GENERIC, EMPTY, STRING, UINT8, UINT16, UINT32, INT32, UINT8_ARRAY, UINT16_ARRAY, UINT32_ARRAY, INT32_ARRAY,
        IPV4, IPV4_ARRAY, BOOLEAN, FQDN, FQDN_LIST, RECORD, CLIENT_FQDN, SLP_SCOPE, VENDOR_CLASS, VENDOR, AGENT,
        /**
         * An option that arrived in several pieces: untyped, holding the pieces' plain bytes followed by
         * their sub-options, merged.
         */
        JOINED
    }

    /**
     * An option as Kea holds it: how it renders, its bytes, where its sub-options start (-1: none), and
     * which vendor sub-options Kea decoded with its DOCSIS definitions ({@link #typedVendorSubOptions}).
     */
    record Held(Kind kind, byte[] value, int subOptions, int typedSubOptions) {
    }

    /** Record field types of Kea's record options. */
    enum Field {
        BOOLEAN(1, "boolean"), UINT8(1, "uint8"), UINT16(2, "uint16"), UINT32(4, "uint32"), IPV4(4, "ipv4-address"),
        IPV6(16, "ipv6-address"), FQDN(0, "fqdn"), BINARY(0, "binary"), PSID(3, "psid");

        final int size;
        final String typeName;

        Field(int size, String typeName) {
            this.size = size;
            this.typeName = typeName;
        }
    }

    private static final Kind[] STANDARD = new Kind[256];
    private static final Field[][] RECORDS = new Field[256][];
    private static final boolean[] RECORD_ARRAY = new boolean[256];

    static {
        int[] ipv4 = {1, 16, 28, 32, 50, 54, 118};
        int[] ipv4Array = {3, 4, 5, 6, 7, 8, 9, 10, 11, 21, 33, 41, 42, 44, 45, 48, 49, 65, 68, 69, 70, 71, 72, 73, 74, 75,
            76, 85, 89, 92, 112, 136, 138};
        int[] strings = {12, 14, 15, 17, 18, 40, 47, 56, 60, 62, 64, 66, 67, 86, 87, 98, 100, 101, 113, 114};
        int[] booleans = {19, 20, 27, 29, 30, 31, 34, 36, 39};
        int[] uint8 = {23, 37, 46, 52, 53, 116};
        int[] uint16 = {13, 22, 26, 57};
        int[] uint32 = {24, 35, 38, 51, 58, 59, 91, 108};
        int[] binary = {61, 63, 77, 90, 99};
        set(ipv4, Kind.IPV4);
        set(ipv4Array, Kind.IPV4_ARRAY);
        set(strings, Kind.STRING);
        set(booleans, Kind.BOOLEAN);
        set(uint8, Kind.UINT8);
        set(uint16, Kind.UINT16);
        set(uint32, Kind.UINT32);
        set(binary, Kind.GENERIC);
        STANDARD[2] = Kind.INT32;
        STANDARD[25] = Kind.UINT16_ARRAY;
        STANDARD[55] = Kind.UINT8_ARRAY;
        STANDARD[93] = Kind.UINT16_ARRAY;
        STANDARD[117] = Kind.UINT16_ARRAY;
        STANDARD[79] = Kind.SLP_SCOPE;
        STANDARD[81] = Kind.CLIENT_FQDN;
        STANDARD[82] = Kind.AGENT;
        STANDARD[88] = Kind.FQDN_LIST;
        STANDARD[119] = Kind.FQDN_LIST;
        STANDARD[141] = Kind.FQDN_LIST;
        STANDARD[137] = Kind.FQDN;
        STANDARD[213] = Kind.FQDN;
        STANDARD[124] = Kind.VENDOR_CLASS;
        STANDARD[125] = Kind.VENDOR;
        record(78, true, Field.BOOLEAN, Field.IPV4);
        record(94, false, Field.UINT8, Field.UINT8, Field.UINT8);
        record(97, false, Field.UINT8, Field.BINARY);
        record(146, true, Field.UINT8, Field.IPV4, Field.IPV4, Field.FQDN);
        record(159, false, Field.UINT8, Field.PSID);
        record(212, true, Field.UINT8, Field.UINT8, Field.IPV6, Field.IPV4);
    }

    private static void set(int[] codes, Kind kind) {
        for (int code : codes) {
            STANDARD[code] = kind;
        }
    }

    private static void record(int code, boolean array, Field... fields) {
        STANDARD[code] = Kind.RECORD;
        RECORDS[code] = fields;
        RECORD_ARRAY[code] = array;
    }

    private KeaOptions() {
    }

    /** Whether Kea 2.2 has a standard definition for this DHCPv4 code (43 is only a last resort there). */
    static boolean isStandard(int code) {
        return code >= 0 && code < 256 && STANDARD[code] != null;
    }

    /** How Kea decodes {@code code} before classification, given the configuration's own definition if any. */
    static Kind kindOf(int code, OptionDefinition custom) {
        if (code == 43 || code >= 224 && code <= 254) {
            return Kind.GENERIC; // deferred: unpacked only after classification
        }
        if (STANDARD[code] != null) {
            return STANDARD[code];
        }
        if (custom == null) {
            return Kind.GENERIC;
        }
        return switch (custom.type()) {
            case EMPTY -> Kind.EMPTY;
            case STRING -> Kind.STRING;
            case BOOLEAN -> Kind.BOOLEAN;
            case UINT8 -> custom.array() ? Kind.UINT8_ARRAY : Kind.UINT8;
            case UINT16 -> custom.array() ? Kind.UINT16_ARRAY : Kind.UINT16;
            case UINT32 -> custom.array() ? Kind.UINT32_ARRAY : Kind.UINT32;
            case INT32 -> custom.array() ? Kind.INT32_ARRAY : Kind.INT32;
            case IPV4_ADDRESS -> custom.array() ? Kind.IPV4_ARRAY : Kind.IPV4;
            case FQDN -> custom.array() ? Kind.FQDN_LIST : Kind.FQDN;
            default -> Kind.GENERIC;
        };
    }

    // ---- the value Kea holds (what .hex gives), or null when Kea holds no such option ----

    /** The option's bytes as Kea would write them back, or null if Kea would not hold the option. */
    static byte[] value(int code, Kind kind, byte[] raw) {
        return switch (kind) {
            case GENERIC, RECORD, CLIENT_FQDN -> raw;
            case EMPTY -> new byte[0]; // Kea makes a bare option of an empty-type definition, whatever came with it
            case STRING -> {
                int end = raw.length;
                while (end > 0 && raw[end - 1] == 0) {
                    end--;
                }
                yield end == 0 ? null : end == raw.length ? raw : java.util.Arrays.copyOf(raw, end);
            }
            case UINT8, BOOLEAN -> raw.length == 1 ? raw : null; // a boolean other than 0 or 1 fails only in .text
            case UINT16 -> raw.length == 2 ? raw : null;
            case UINT32, INT32, IPV4 -> raw.length == 4 ? raw : null;
            case UINT8_ARRAY -> raw;
            case UINT16_ARRAY -> raw.length % 2 == 0 ? raw : null;
            case UINT32_ARRAY, INT32_ARRAY, IPV4_ARRAY -> raw.length % 4 == 0 ? raw : null;
            case FQDN -> WireNames.end(raw, 0) == raw.length ? raw : null;
            case FQDN_LIST -> WireNames.uncompressList(raw);
            case SLP_SCOPE -> raw.length >= 1 && (raw[0] & 0xfe) == 0 ? raw : null;
            case VENDOR_CLASS -> vendorClassValue(raw);
            case VENDOR -> vendorValue(raw);
            case AGENT -> subOptionsValue(raw, new int[] {0, raw.length}, true);
            case JOINED -> raw;
        };
    }

    /**
     * An option that arrived in several pieces in the options field (RFC 3396). Kea 2.2 decodes each piece
     * on its own; if more than one piece survives, it joins them into one untyped option made of the
     * pieces' plain bytes and their sub-options. Which bytes a piece keeps depends on the object Kea made
     * of it: strings keep their value without trailing NULs (a piece of NULs alone is dropped), untyped
     * options, addresses, booleans, names, records, relay agent information and client FQDNs keep their
     * bytes (a name list uncompressed), integers, integer and address lists, vendor classes and SLP scopes
     * keep none. Relay agent information brings its sub-options, a vendor option those of its first block.
     * Null when Kea holds nothing.
     *
     * @param joined the received pieces joined, as the message holds them
     * @param pieces the lengths of the pieces, in order
     */
    static Held joined(int code, Kind kind, byte[] joined, int[] pieces) {
        ByteArrayOutputStream data = new ByteArrayOutputStream(joined.length);
        ByteArrayOutputStream subOptions = new ByteArrayOutputStream();
        int survivors = 0;
        byte[] lastPiece = null;
        int docsisOro = 0;
        int docsisTftp = 0;
        for (int i = 0, at = 0; i < pieces.length; at += pieces[i], i++) {
            byte[] piece = java.util.Arrays.copyOfRange(joined, at, at + pieces[i]);
            byte[] held = value(code, kind, piece);
            if (held == null) {
                continue; // a string of NULs; anything else Kea cannot decode drops the packet, which we cannot mirror
            }
            survivors++;
            lastPiece = piece;
            switch (kind) {
                case STRING, FQDN_LIST -> data.writeBytes(held);
                case GENERIC, IPV4, BOOLEAN, FQDN, RECORD, CLIENT_FQDN -> data.writeBytes(piece);
                case AGENT -> {
                    data.writeBytes(piece);
                    subOptions.writeBytes(held);
                }
                case VENDOR -> {
                    subOptions.write(held, 5, held.length - 5);
                    int counts = docsisCounts(piece);
                    docsisOro += counts & 0xff;
                    docsisTftp += counts >>> 8;
                }
                default -> {
                    // Kea's object keeps no plain bytes.
                }
            }
        }
        if (survivors == 0) {
            return null;
        }
        if (survivors == 1) {
            // A single surviving piece is not joined: it stays the typed option.
            return new Held(kind, value(code, kind, lastPiece), subOptionsStart(kind),
                    kind == Kind.VENDOR ? typedVendorSubOptions(lastPiece) : 0);
        }
        byte[] plain = data.toByteArray();
        byte[] collected = subOptions.toByteArray();
        byte[] merged = collected.length == 0 ? collected : subOptionsValue(collected, new int[] {0, collected.length}, true);
        byte[] value = java.util.Arrays.copyOf(plain, plain.length + merged.length);
        System.arraycopy(merged, 0, value, plain.length, merged.length);
        return new Held(Kind.JOINED, value, merged.length == 0 ? -1 : plain.length,
                (docsisOro == 1 ? 1 : 0) | (docsisTftp == 1 ? 2 : 0));
    }

    /**
     * Which sub-options of a received vendor option (125) Kea decodes with its DOCSIS definitions: bit 0
     * for sub-option 1 (a list of uint8), bit 1 for sub-option 2 (a list of addresses), set only for
     * enterprise 4491 and a sub-option that appears once (a repeated one is joined into plain bytes).
     */
    static int typedVendorSubOptions(byte[] raw) {
        int counts = docsisCounts(raw);
        return ((counts & 0xff) == 1 ? 1 : 0) | ((counts >>> 8) == 1 ? 2 : 0);
    }

    /** Occurrences of sub-options 1 (low byte) and 2 (next byte) in the first block of a 4491 vendor option. */
    private static int docsisCounts(byte[] raw) {
        if (raw.length < 5 || uint32(raw, 0) != 4491) {
            return 0;
        }
        int end = Math.min(raw.length, ((1 + (raw[4] & 0xff)) & 0xff) + 4);
        int ones = 0;
        int twos = 0;
        for (int p = 5; p + 2 <= end && p + 2 + (raw[p + 1] & 0xff) <= end; p += 2 + (raw[p + 1] & 0xff)) {
            ones += raw[p] == 1 ? 1 : 0;
            twos += raw[p] == 2 ? 1 : 0;
        }
        return Math.min(ones, 255) | Math.min(twos, 255) << 8;
    }

    /**
     * Sub-options of a value Kea holds ({@code value(...)} output), in Kea's order. For 82 the whole
     * value is sub-options; for 125 they follow the enterprise number and data length.
     */
    static int subOptionsStart(Kind kind) {
        return switch (kind) {
            case AGENT -> 0;
            case VENDOR -> 5;
            default -> -1;
        };
    }

    /**
     * The value of sub-option {@code sub} in a Kea-held 82 or 125 value (already merged and ordered),
     * or null. Returns the bytes as a fresh array only when found.
     */
    static byte[] subOption(byte[] keaValue, int start, int sub) {
        for (int p = start; p + 2 <= keaValue.length; ) {
            int code = keaValue[p] & 0xff;
            int length = keaValue[p + 1] & 0xff;
            int end = Math.min(keaValue.length, p + 2 + length);
            if (code == sub) {
                return java.util.Arrays.copyOfRange(keaValue, p + 2, end);
            }
            if (code > sub) {
                return null;
            }
            p = end;
        }
        return null;
    }

    /**
     * Sub-options in a received area, merged by code (RFC 3396, as Kea merges them) and written back
     * in code order. When {@code tolerant}, a truncated tail is ignored as Kea ignores it in 82;
     * otherwise it makes the whole value undecodable.
     */
    private static byte[] subOptionsValue(byte[] raw, int[] ranges, boolean tolerant) {
        // Each sub-option as (code, start, length) in arrival order; each range is parsed on its own.
        int[] found = new int[3 * 8];
        int count = 0;
        for (int r = 0; r < ranges.length; r += 2) {
            int p = ranges[r];
            int to = ranges[r + 1];
            while (p < to) {
                if (p + 2 > to || p + 2 + (raw[p + 1] & 0xff) > to) {
                    if (!tolerant) {
                        return null;
                    }
                    break;
                }
                if (3 * count == found.length) {
                    found = java.util.Arrays.copyOf(found, found.length * 2);
                }
                found[3 * count] = raw[p] & 0xff;
                found[3 * count + 1] = p + 2;
                found[3 * count + 2] = raw[p + 1] & 0xff;
                count++;
                p += 2 + (raw[p + 1] & 0xff);
            }
        }
        // Stable sort by code (few entries: insertion sort), then merge equal codes in arrival order.
        for (int i = 1; i < count; i++) {
            int code = found[3 * i];
            int from = found[3 * i + 1];
            int length = found[3 * i + 2];
            int j = i - 1;
            while (j >= 0 && found[3 * j] > code) {
                found[3 * (j + 1)] = found[3 * j];
                found[3 * (j + 1) + 1] = found[3 * j + 1];
                found[3 * (j + 1) + 2] = found[3 * j + 2];
                j--;
            }
            found[3 * (j + 1)] = code;
            found[3 * (j + 1) + 1] = from;
            found[3 * (j + 1) + 2] = length;
        }
        int size = 0;
        for (int i = 0; i < count; i++) {
            size += found[3 * i + 2] + (i == 0 || found[3 * i] != found[3 * (i - 1)] ? 2 : 0);
        }
        byte[] out = new byte[size];
        int at = 0;
        for (int i = 0; i < count; ) {
            int code = found[3 * i];
            int total = 0;
            int k = i;
            while (k < count && found[3 * k] == code) {
                total += found[3 * k + 2];
                k++;
            }
            out[at++] = (byte) code;
            out[at++] = (byte) total; // Kea writes the low byte when a merged value outgrows one byte
            for (; i < k; i++) {
                System.arraycopy(raw, found[3 * i + 1], out, at, found[3 * i + 2]);
                at += found[3 * i + 2];
            }
        }
        return out;
    }

    /** Enterprise number, data length, then the first block's sub-options merged and ordered. */
    private static byte[] vendorValue(byte[] raw) {
        if (raw.length < 4) {
            return null;
        }
        byte[] subs = new byte[0];
        if (raw.length > 4) {
            int dataLength = raw[4] & 0xff;
            if (5 + dataLength > raw.length) {
                return null;
            }
            // Kea computes the end of the block in one byte, counted from the data-length byte:
            // a block of 255 bytes therefore ends before it starts and yields no sub-options.
            int end = ((1 + dataLength) & 0xff) + 4;
            subs = end > 5 ? subOptionsValue(raw, new int[] {5, end}, false) : subs;
            if (subs == null) {
                return null;
            }
        }
        byte[] value = new byte[5 + subs.length];
        System.arraycopy(raw, 0, value, 0, 4);
        value[4] = (byte) subs.length;
        System.arraycopy(subs, 0, value, 5, subs.length);
        return value;
    }

    /**
     * Option 124 as Kea writes it back: the first enterprise number, then each data chunk (length byte and
     * data), every chunk after the first preceded by that same first enterprise number; null when Kea
     * cannot decode it.
     */
    private static byte[] vendorClassValue(byte[] raw) {
        if (raw.length < 5) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length);
        out.write(raw, 0, 4);
        int p = 4;
        boolean first = true;
        while (p < raw.length) {
            int length = raw[p] & 0xff;
            if (p + 1 + length > raw.length) {
                return null;
            }
            if (!first) {
                out.write(raw, 0, 4);
            }
            out.write(raw, p, 1 + length);
            first = false;
            p += 1 + length;
            if (p != raw.length) {
                p += 4; // the next chunk's enterprise number, which Kea does not keep
                if (p + 1 >= raw.length) {
                    return null;
                }
            }
        }
        return out.toByteArray();
    }

    /**
     * Data chunk {@code index} of a Kea-held 124 value (chunks after the first carry the enterprise
     * number again), or null when there are fewer chunks.
     */
    static byte[] vendorClassData(byte[] keaValue, int index) {
        int p = 4;
        for (int i = 0; p < keaValue.length; i++) {
            int length = keaValue[p] & 0xff;
            if (i == index) {
                return java.util.Arrays.copyOfRange(keaValue, p + 1, p + 1 + length);
            }
            p += 1 + length + 4;
        }
        return null;
    }

    // ---- text ----

    /** Whether Kea's rendering of this kind can throw (a record field or a boolean it cannot read). */
    static boolean textMayFail(Kind kind) {
        return kind == Kind.RECORD || kind == Kind.BOOLEAN;
    }

    /**
     * Kea's {@code toString()} of the option object: the value for string options, else Kea's text
     * rendering. Null when Kea's rendering would throw (a record field it cannot read).
     */
    static byte[] text(int code, Kind kind, byte[] value, int subStart, int typed) {
        if (kind == Kind.STRING) {
            return value;
        }
        String text = render(code, kind, value, 0, subStart, typed);
        return text == null ? null : text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * The text of a sub-option of 82 (always a plain option in Kea 2.2) or 125 (typed by the DOCSIS
     * definitions where {@code typed} says so, see {@link #typedVendorSubOptions}).
     */
    static byte[] subOptionText(int code, byte[] value, int typed) {
        return render(code, subOptionKind(code, value, typed), value, 0, -1, 0).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static Kind subOptionKind(int code, byte[] value, int typed) {
        if (code == 1 && (typed & 1) != 0) {
            return Kind.UINT8_ARRAY;
        }
        if (code == 2 && (typed & 2) != 0 && value.length % 4 == 0) {
            return Kind.IPV4_ARRAY;
        }
        return Kind.GENERIC;
    }

    private static String render(int code, Kind kind, byte[] v, int indent, int subStart, int typed) {
        StringBuilder s = new StringBuilder();
        switch (kind) {
            case GENERIC, EMPTY, STRING -> {
                header(s, code, v.length, indent).append(": ");
                hexColon(s, v, 0, v.length);
            }
            case UINT8, UINT16, UINT32, INT32 -> header(s, code, v.length, indent).append(": ")
                    .append(number(kind, v, 0)).append(" (").append(typeName(kind)).append(')');
            case UINT8_ARRAY, UINT16_ARRAY, UINT32_ARRAY, INT32_ARRAY -> {
                Kind element = switch (kind) {
                    case UINT8_ARRAY -> Kind.UINT8;
                    case UINT16_ARRAY -> Kind.UINT16;
                    case UINT32_ARRAY -> Kind.UINT32;
                    default -> Kind.INT32;
                };
                int size = element == Kind.UINT8 ? 1 : element == Kind.UINT16 ? 2 : 4;
                header(s, code, v.length, indent).append(':');
                for (int p = 0; p + size <= v.length; p += size) {
                    s.append(' ').append(number(element, v, p)).append('(').append(typeName(element)).append(')');
                }
            }
            case IPV4_ARRAY -> {
                header(s, code, v.length, indent).append(':');
                for (int p = 0; p + 4 <= v.length; p += 4) {
                    s.append(' ').append(IpText.formatV4(v, p));
                }
            }
            case IPV4 -> header(s, code, v.length, indent).append(": ").append(IpText.formatV4(v, 0)).append(" (ipv4-address)");
            case BOOLEAN -> {
                if ((v[0] & 0xfe) != 0) {
                    return null;
                }
                header(s, code, v.length, indent).append(": ").append(v[0] == 1 ? "true" : "false").append(" (boolean)");
            }
            case FQDN, FQDN_LIST -> {
                header(s, code, v.length, indent).append(':');
                for (int p = 0; p < v.length; ) {
                    int end = WireNames.end(v, p);
                    if (end < 0) {
                        return null;
                    }
                    s.append(" \"").append(WireNames.text(v, p, true)).append("\" (fqdn)");
                    p = end;
                }
            }
            case RECORD -> {
                header(s, code, v.length, indent).append(':');
                if (!recordText(s, RECORDS[code], RECORD_ARRAY[code], v)) {
                    return null;
                }
            }
            case CLIENT_FQDN -> {
                int flags = v.length > 0 ? v[0] & 0xff : 0;
                boolean encoded = (flags & 0x04) != 0;
                String name;
                boolean full;
                if (encoded) {
                    int end = v.length > 3 ? WireNames.partialEnd(v, 3) : 3;
                    if (end < 0) {
                        return null;
                    }
                    full = end > 3 && v[end - 1] == 0;
                    name = end > 3 ? WireNames.text(v, 3, full) : "";
                } else {
                    String ascii = v.length > 3 ? new String(v, 3, v.length - 3, StandardCharsets.ISO_8859_1) : "";
                    full = ascii.endsWith(".");
                    name = ascii;
                }
                s.append(" ".repeat(indent)).append("type=").append(code).append(" (CLIENT_FQDN), flags: (N=")
                        .append((flags & 0x08) != 0 ? 1 : 0).append(", E=").append(encoded ? 1 : 0).append(", O=")
                        .append((flags & 0x02) != 0 ? 1 : 0).append(", S=").append((flags & 0x01) != 0 ? 1 : 0)
                        .append("), domain-name='").append(name).append("' (").append(full ? "full" : "partial").append(')');
            }
            case SLP_SCOPE -> header(s, code, v.length, indent).append(": mandatory:").append(v[0] & 1)
                    .append(", scope-list:\"").append(new String(v, 1, v.length - 1, StandardCharsets.ISO_8859_1)).append('"');
            case VENDOR_CLASS -> {
                long enterprise = uint32(v, 0);
                s.append(" ".repeat(indent)).append("type=").append(code).append(", len=").append(v.length)
                        .append(",  enterprise id=0x").append(Long.toHexString(enterprise));
                int p = 4;
                for (int i = 0; p < v.length; i++) {
                    int length = v[p] & 0xff;
                    if (i > 0) {
                        s.append(", enterprise id=0x").append(Long.toHexString(enterprise));
                    }
                    s.append(", data-len").append(i).append('=').append(length).append(", vendor-class-data").append(i)
                            .append("='").append(new String(v, p + 1, length, StandardCharsets.ISO_8859_1)).append('\'');
                    p += 1 + length + 4;
                }
            }
            case VENDOR -> {
                long enterprise = uint32(v, 0);
                header(s, code, v.length, indent).append(": ").append(enterprise).append(" (uint32) ")
                        .append(v[4] & 0xff).append(" (uint8)");
                subOptionsText(s, v, 5, typed, indent);
            }
            case AGENT -> {
                header(s, code, v.length, indent).append(':');
                subOptionsText(s, v, 0, 0, indent);
            }
            case JOINED -> {
                header(s, code, v.length, indent).append(": ");
                int subs = subStart < 0 ? v.length : subStart;
                hexColon(s, v, 0, subs);
                subOptionsText(s, v, subs, typed, indent);
            }
        }
        return s.toString();
    }

    private static void subOptionsText(StringBuilder s, byte[] v, int from, int typed, int indent) {
        if (from >= v.length) {
            return;
        }
        s.append(",\noptions:");
        for (int p = from; p + 2 <= v.length; p += 2 + (v[p + 1] & 0xff)) {
            int code = v[p] & 0xff;
            byte[] sub = java.util.Arrays.copyOfRange(v, p + 2, Math.min(v.length, p + 2 + (v[p + 1] & 0xff)));
            s.append('\n').append(render(code, subOptionKind(code, sub, typed), sub, indent + 2, -1, 0));
        }
    }

    private static boolean recordText(StringBuilder s, Field[] fields, boolean array, byte[] v) {
        int p = 0;
        for (int i = 0; i < fields.length || array && p < v.length; i++) {
            Field field = fields[Math.min(i, fields.length - 1)];
            if (i >= fields.length && p >= v.length) {
                break;
            }
            int end = switch (field) {
                case FQDN -> WireNames.end(v, p);
                case BINARY -> v.length;
                default -> p + field.size <= v.length ? p + field.size : -1;
            };
            if (end < 0) {
                return false;
            }
            s.append(' ');
            switch (field) {
                case BOOLEAN -> {
                    if ((v[p] & 0xfe) != 0) {
                        return false;
                    }
                    s.append(v[p] == 1 ? "true" : "false");
                }
                case UINT8 -> s.append(v[p] & 0xff);
                case UINT16 -> s.append((v[p] & 0xff) << 8 | v[p + 1] & 0xff);
                case UINT32 -> s.append(uint32(v, p));
                case IPV4 -> s.append(IpText.formatV4(v, p));
                case IPV6 -> s.append(IpText.formatV6(v, p));
                case FQDN -> s.append('"').append(WireNames.text(v, p, true)).append('"');
                case BINARY -> {
                    for (int q = p; q < end; q++) {
                        s.append(Character.toUpperCase(Character.forDigit((v[q] >> 4) & 0xf, 16)))
                                .append(Character.toUpperCase(Character.forDigit(v[q] & 0xf, 16)));
                    }
                }
                case PSID -> {
                    int length = v[p] & 0xff;
                    int psid = (v[p + 1] & 0xff) << 8 | v[p + 2] & 0xff;
                    s.append("len=").append(length).append(",psid=").append(length == 0 ? 0 : length > 16 ? psid : psid >>> (16 - length));
                }
            }
            s.append(" (").append(field.typeName).append(')');
            p = end;
            if (!array && i == fields.length - 1) {
                break;
            }
        }
        return true;
    }

    private static StringBuilder header(StringBuilder s, int code, int length, int indent) {
        s.append(" ".repeat(indent)).append("type=");
        pad3(s, code).append(", len=");
        return pad3(s, length);
    }

    private static StringBuilder pad3(StringBuilder s, int n) {
        if (n < 100) {
            s.append('0');
        }
        if (n < 10) {
            s.append('0');
        }
        return s.append(n);
    }

    private static void hexColon(StringBuilder s, byte[] v, int from, int to) {
        for (int i = from; i < to; i++) {
            if (i > from) {
                s.append(':');
            }
            s.append(Character.forDigit((v[i] >> 4) & 0xf, 16)).append(Character.forDigit(v[i] & 0xf, 16));
        }
    }

    private static String number(Kind kind, byte[] v, int p) {
        return switch (kind) {
            case UINT8 -> Integer.toString(v[p] & 0xff);
            case UINT16 -> Integer.toString((v[p] & 0xff) << 8 | v[p + 1] & 0xff);
            case UINT32 -> Long.toString(uint32(v, p));
            default -> Integer.toString((int) uint32(v, p));
        };
    }

    private static String typeName(Kind kind) {
        return switch (kind) {
            case UINT8 -> "uint8";
            case UINT16 -> "uint16";
            case UINT32 -> "uint32";
            default -> "int32";
        };
    }

    static long uint32(byte[] v, int p) {
        return (v[p] & 0xffL) << 24 | (v[p + 1] & 0xff) << 16 | (v[p + 2] & 0xff) << 8 | v[p + 3] & 0xff;
    }
}
