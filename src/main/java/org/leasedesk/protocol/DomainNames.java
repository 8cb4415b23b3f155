package org.leasedesk.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * RFC 1035 domain names in wire format, shared by options 81, 119 and the fqdn option type.
 *
 * <p>Text form: labels joined by dots; a trailing dot means the wire name ends with the root label
 * (fully qualified), no trailing dot means a partial name (RFC 4702 allows those in option 81).
 * Labels are limited to printable ASCII without dots or spaces, because these names end up in DNS
 * updates, lease files and log lines where anything else is either ambiguous or dangerous.
 */
final class DomainNames {

    private static final int MAX_LABEL = 63;
    private static final int MAX_NAME = 255;
    /** A 255-byte name has at most 127 labels; more pointer hops than that can only be a chain. */
    private static final int MAX_STEPS = 128;

    private DomainNames() {
    }

    /** Checks a name in text form and returns its labels; throws IllegalArgumentException saying what is wrong. */
    static List<String> labels(String name) {
        if (name.isEmpty() || name.equals(".")) {
            return List.of();
        }
        String body = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        List<String> labels = List.of(body.split("\\.", -1));
        int wireLength = 1;
        for (String label : labels) {
            if (label.isEmpty()) {
                throw new IllegalArgumentException("domain name '" + name + "' has an empty label");
            }
            if (label.length() > MAX_LABEL) {
                throw new IllegalArgumentException("domain name '" + name + "' has a label longer than 63 characters: '" + label + "'");
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (c <= ' ' || c > '~') {
                    throw new IllegalArgumentException("domain name '" + name + "' contains a character not allowed in a label: U+"
                            + String.format("%04X", (int) c));
                }
            }
            wireLength += 1 + label.length();
        }
        if (wireLength > MAX_NAME) {
            throw new IllegalArgumentException("domain name '" + name + "' is " + wireLength + " bytes in wire format; the limit is 255");
        }
        return labels;
    }

    /** Writes a name without compression; the root label only when the text ends with a dot. */
    static void writeUncompressed(String name, ByteArrayOutputStream out) {
        for (String label : labels(name)) {
            out.write(label.length());
            out.writeBytes(label.getBytes(StandardCharsets.US_ASCII));
        }
        if (name.endsWith(".")) {
            out.write(0);
        }
    }

    /** Checks that {@code data[from, to)} is exactly one uncompressed name, fully qualified or partial. */
    static void checkUncompressed(byte[] data, int from, int to) throws MalformedPacketException {
        if (to - from > MAX_NAME) {
            throw badValue("domain name is " + (to - from) + " bytes; the limit is 255");
        }
        int p = from;
        while (p < to) {
            int length = data[p] & 0xff;
            if (length == 0) {
                if (p + 1 != to) {
                    throw new MalformedPacketException(MalformedPacketException.Reason.BAD_OPTION_LENGTH,
                            "domain name has " + (to - p - 1) + " bytes after its root label");
                }
                return;
            }
            if (length > MAX_LABEL) {
                throw badValue("domain name has a compression pointer or label type " + (length >>> 6) + " where none is allowed");
            }
            if (p + 1 + length > to) {
                throw new MalformedPacketException(MalformedPacketException.Reason.BAD_OPTION_LENGTH,
                        "domain name label of " + length + " bytes runs past the end of the option");
            }
            checkLabel(data, p + 1, length);
            p += 1 + length;
        }
    }

    /** Reads exactly {@code data[from, to)} as one uncompressed name in the text form described above. */
    static String readUncompressed(byte[] data, int from, int to) throws MalformedPacketException {
        checkUncompressed(data, from, to);
        StringBuilder text = new StringBuilder(to - from);
        int p = from;
        while (p < to && data[p] != 0) {
            int length = data[p];
            if (!text.isEmpty()) {
                text.append('.');
            }
            text.append(new String(data, p + 1, length, StandardCharsets.US_ASCII));
            p += 1 + length;
        }
        boolean rooted = p < to;
        return rooted ? text.append('.').toString() : text.toString();
    }

    /** Encodes fully qualified names one after another, pointing at earlier suffixes (RFC 1035 4.1.4). */
    static byte[] encodeCompressed(List<String> names) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Map<String, Integer> suffixOffsets = new HashMap<>();
        for (String name : names) {
            List<String> labels = labels(name);
            if (labels.isEmpty()) {
                throw new IllegalArgumentException("an empty domain name cannot be in a list");
            }
            boolean pointed = false;
            for (int i = 0; i < labels.size() && !pointed; i++) {
                String suffix = String.join(".", labels.subList(i, labels.size()));
                Integer earlier = suffixOffsets.get(suffix);
                if (earlier != null) {
                    out.write(0xc0 | earlier >>> 8);
                    out.write(earlier & 0xff);
                    pointed = true;
                } else {
                    if (out.size() < 0x4000) {
                        suffixOffsets.put(suffix, out.size());
                    }
                    String label = labels.get(i);
                    out.write(label.length());
                    out.writeBytes(label.getBytes(StandardCharsets.US_ASCII));
                }
            }
            if (!pointed) {
                out.write(0);
            }
        }
        return out.toByteArray();
    }

    /**
     * Decodes a sequence of names filling {@code data}, following compression pointers. A pointer must
     * point strictly before the start of the label run it ends, so every jump goes backwards and loops
     * are impossible; the step limit bounds chains of pointers to pointers.
     */
    static List<String> decodeCompressed(byte[] data) throws MalformedPacketException {
        List<String> names = new ArrayList<>();
        int p = 0;
        while (p < data.length) {
            StringBuilder text = new StringBuilder();
            int runStart = p;
            int cursor = p;
            int next = -1;
            int wireLength = 1;
            int steps = 0;
            while (true) {
                if (++steps > MAX_STEPS) {
                    throw badValue("domain name at offset " + p + " has too many labels or pointers");
                }
                if (cursor >= data.length) {
                    throw new MalformedPacketException(MalformedPacketException.Reason.BAD_OPTION_LENGTH,
                            "domain name at offset " + p + " runs past the end of the option");
                }
                int length = data[cursor] & 0xff;
                if (length == 0) {
                    cursor++;
                    break;
                }
                if ((length & 0xc0) == 0xc0) {
                    if (cursor + 1 >= data.length) {
                        throw new MalformedPacketException(MalformedPacketException.Reason.BAD_OPTION_LENGTH,
                                "compression pointer at offset " + cursor + " is cut off");
                    }
                    int target = (length & 0x3f) << 8 | data[cursor + 1] & 0xff;
                    if (target >= runStart) {
                        throw badValue("compression pointer at offset " + cursor + " points forward or into its own name (to " + target + ")");
                    }
                    if (next < 0) {
                        next = cursor + 2;
                    }
                    runStart = target;
                    cursor = target;
                    continue;
                }
                if (length > MAX_LABEL) {
                    throw badValue("label type " + (length >>> 6) + " at offset " + cursor + " is not allowed");
                }
                if (cursor + 1 + length > data.length) {
                    throw new MalformedPacketException(MalformedPacketException.Reason.BAD_OPTION_LENGTH,
                            "label at offset " + cursor + " runs past the end of the option");
                }
                wireLength += 1 + length;
                if (wireLength > MAX_NAME) {
                    throw badValue("domain name at offset " + p + " is longer than 255 bytes");
                }
                if (!text.isEmpty()) {
                    text.append('.');
                }
                checkLabel(data, cursor + 1, length);
                text.append(new String(data, cursor + 1, length, StandardCharsets.US_ASCII));
                cursor += 1 + length;
            }
            if (text.isEmpty()) {
                throw badValue("domain name at offset " + p + " is empty (root only)");
            }
            names.add(text.toString());
            p = next >= 0 ? next : cursor;
        }
        return names;
    }

    private static void checkLabel(byte[] data, int from, int length) throws MalformedPacketException {
        for (int i = from; i < from + length; i++) {
            int c = data[i] & 0xff;
            if (c <= ' ' || c > '~' || c == '.') {
                throw badValue("domain name label contains byte 0x" + Integer.toHexString(c) + ", which is not allowed");
            }
        }
    }

    private static MalformedPacketException badValue(String detail) {
        return new MalformedPacketException(MalformedPacketException.Reason.BAD_OPTION_VALUE, detail);
    }
}
