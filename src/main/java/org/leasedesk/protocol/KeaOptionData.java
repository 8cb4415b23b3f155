package org.leasedesk.protocol;

import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Kea 2.2's {@code option-data} dialect, turned into wire bytes exactly as Kea turns it: the text of
 * {@code "data"} split at unescaped commas ({@link #tokens}), each value written by its field type
 * ({@link #fromCsv}), hex for {@code "csv-format": false} ({@link #hexData}), and then the bytes read
 * back through the definition the way Kea's option classes read them ({@link #instantiate}), which is
 * where trailing bytes are dropped, names expanded, sub-options found and records checked.
 *
 * <p>Where Kea quietly ignores part of what was written (a second value for a single-valued option,
 * empty values between commas, bytes after the last field) the result is the same as Kea's and a
 * note says what was ignored, so a caller can warn. Where Kea 2.2 would send something broken (an
 * IPv6 address list in DHCPv4, an IPv6 address where an IPv4 one belongs) the value is refused.
 * Every refusal is an {@link IllegalArgumentException} whose message says what is wrong.
 */
public final class KeaOptionData {

    static final int VENDOR_ENCAPSULATED = 43;
    static final int SLP_SERVICE_SCOPE = 79;
    static final int CLIENT_FQDN = 81;
    static final int VIVCO = 124;
    static final int VIVSO = 125;
    private static final int PAD = 0;
    private static final int END = 255;
    private static final int HOST_NAME = 12;

    /** Where sub-options found in an option's bytes get their definitions: a space's configured and standard ones. */
    @FunctionalInterface
    public interface Definitions {
        Optional<OptionDefinition> find(String space, int code);

        /** No definitions at all: every sub-option stays opaque. */
        Definitions NONE = (space, code) -> Optional.empty();
    }

    /** The values of {@code "data"}, and how many empty ones Kea dropped (two commas in a row, a comma at the end). */
    public record Tokens(List<String> values, int droppedEmpty) {
        public Tokens {
            values = List.copyOf(values);
        }
    }

    private KeaOptionData() {
    }

    // ---- text ----

    /**
     * Splits at commas as Kea does: a backslash keeps the next character (so {@code \,} is a comma inside
     * a value and {@code \\} one backslash) and stays in front of any other character; empty values are
     * dropped; values are not trimmed here.
     */
    public static Tokens tokens(String text) {
        List<String> values = new ArrayList<>();
        StringBuilder token = new StringBuilder();
        boolean inToken = false;
        boolean escaped = false;
        int delimiters = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',') {
                delimiters++;
                if (!inToken) {
                    // two or more delimiters: the empty value between them is dropped
                } else if (escaped) {
                    escaped = false;
                    token.append(c);
                    delimiters--;
                } else {
                    values.add(token.toString());
                    inToken = false;
                    token.setLength(0);
                }
            } else if (c == '\\') {
                inToken = true;
                if (escaped) {
                    escaped = false;
                    token.append(c);
                } else {
                    escaped = true;
                }
            } else {
                inToken = true;
                if (escaped) {
                    escaped = false;
                    token.append('\\');
                }
                token.append(c);
            }
        }
        if (escaped) {
            token.append('\\');
        }
        if (inToken) {
            values.add(token.toString());
        }
        // Every unescaped comma separates two values; an empty text is no values, not a dropped one.
        return new Tokens(values, text.isEmpty() ? 0 : delimiters + 1 - values.size());
    }

    /** Kea's trim: spaces, tabs and newlines at both ends. */
    static String trim(String text) {
        int from = 0;
        int to = text.length();
        while (from < to && isBlank(text.charAt(from))) {
            from++;
        }
        while (to > from && isBlank(text.charAt(to - 1))) {
            to--;
        }
        return text.substring(from, to);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\n';
    }

    /**
     * The bytes of {@code "data"} when {@code "csv-format"} is false: text between single quotes (the
     * quotes may have blanks around them, and the text inside is trimmed) as its UTF-8 bytes; otherwise
     * hex, either octets of one or two digits separated by colons or by single spaces, or a run of
     * digits with an optional {@code 0x} (an odd count gets a leading zero). An empty text is no bytes.
     */
    public static byte[] hexData(String text) {
        String trimmed = trim(text);
        if (trimmed.length() > 1 && trimmed.charAt(0) == '\'' && trimmed.charAt(trimmed.length() - 1) == '\'') {
            byte[] quoted = trim(trimmed.substring(1, trimmed.length() - 1)).getBytes(StandardCharsets.UTF_8);
            if (quoted.length > 0) {
                return quoted;
            }
        }
        try {
            if (text.indexOf(':') >= 0) {
                return separatedHex(text, ':');
            }
            if (text.indexOf(' ') >= 0) {
                return separatedHex(text, ' ');
            }
            String digits = text.length() > 2 && text.startsWith("0x") ? text.substring(2) : text;
            if (digits.length() % 2 != 0) {
                digits = "0" + digits;
            }
            return strictHex(digits);
        } catch (IllegalArgumentException notHex) {
            throw new IllegalArgumentException("'" + text + "' is not hex: " + notHex.getMessage()
                    + " (with \"csv-format\": false, data is hex such as 0a0b0c, 0x0a0b0c, 0a:0b:0c or 0a 0b 0c,"
                    + " or text in single quotes)", notHex);
        }
    }

    /**
     * LeaseDesk's more forgiving reading of hex, any mix of {@code 0x}, colons and blanks, for text
     * that {@link #hexData} refuses as Kea 2.2 does; a caller that uses it should say Kea refuses it.
     */
    public static Optional<byte[]> forgivingHex(String text) {
        try {
            return Optional.of(Hex.parse(text)).filter(bytes -> bytes.length > 0);
        } catch (IllegalArgumentException notEvenThat) {
            return Optional.empty();
        }
    }

    private static byte[] separatedHex(String text, char separator) {
        String[] parts = text.split(java.util.regex.Pattern.quote(String.valueOf(separator)), -1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String part : parts) {
            if (part.isEmpty()) {
                throw new IllegalArgumentException("two separators in a row, or one at an end");
            }
            if (part.length() > 2) {
                throw new IllegalArgumentException("'" + part + "' has more than two digits between separators");
            }
            out.writeBytes(strictHex(part.length() == 1 ? "0" + part : part));
        }
        return out.toByteArray();
    }

    private static byte[] strictHex(String digits) {
        for (int i = 0; i < digits.length(); i++) {
            if (!Hex.isHexDigit(digits.charAt(i))) {
                throw new IllegalArgumentException("'" + digits.charAt(i) + "' is not a hex digit");
            }
        }
        if (digits.length() % 2 != 0) {
            throw new IllegalArgumentException("an odd number of hex digits");
        }
        return java.util.HexFormat.of().parseHex(digits);
    }

    // ---- CSV to bytes ----

    /**
     * Writes the values of {@code "data"} as the definition's fields, as Kea's option factory does
     * before it reads the bytes back ({@link #instantiate}): a single value for a plain option (the
     * first, when there are more), every value for an array, one per field for a record (more only when
     * the record is an array, repeating its last field).
     *
     * @param notes told about values Kea ignores
     */
    public static byte[] fromCsv(OptionDefinition definition, String text, Consumer<String> notes) {
        if (definition.type() == OptionType.CLASSLESS_STATIC_ROUTES) {
            // LeaseDesk's own option 121, in the notation Kea 2.5 adopted: "10.229.0.128/25 - 10.229.0.1, ..."
            try {
                return OptionRegistry.standard().parse(definition, text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage().replaceFirst("^option \\d+ \\([^)]*\\): ", ""), e);
            }
        }
        Tokens tokens = tokens(text);
        List<String> values = tokens.values();
        if (tokens.droppedEmpty() > 0) {
            notes.accept("empty values between commas are skipped, as Kea 2.2 skips them (" + tokens.droppedEmpty() + " in '" + text + "')");
        }
        OptionType type = definition.type();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (type == OptionType.RECORD) {
            List<OptionType> fields = definition.recordFields();
            if (values.size() < fields.size()) {
                throw new IllegalArgumentException("needs " + fields.size() + " values (" + fieldList(fields) + "), got "
                        + values.size() + " in '" + text + "'");
            }
            for (int i = 0; i < values.size(); i++) {
                if (i >= fields.size() && !definition.array()) {
                    notes.accept("only the first " + fields.size() + " values are used (" + fieldList(fields) + "); Kea 2.2 ignores '"
                            + String.join(",", values.subList(fields.size(), values.size())) + "'");
                    break;
                }
                OptionType field = fields.get(Math.min(i, fields.size() - 1));
                write(field, trim(values.get(i)), out, "value " + (i + 1));
            }
        } else if (definition.array()) {
            for (int i = 0; i < values.size(); i++) {
                write(type, trim(values.get(i)), out, "value " + (i + 1));
            }
        } else if (values.isEmpty()) {
            if (type != OptionType.EMPTY) {
                throw new IllegalArgumentException("needs a value (" + type.label() + ")");
            }
        } else {
            write(type, trim(values.get(0)), out, "the value");
            if (values.size() > 1) {
                notes.accept("takes one " + type.label() + " value; Kea 2.2 uses '" + trim(values.get(0)) + "' and ignores the rest of '"
                        + text + "'" + (type == OptionType.STRING ? " (write a comma inside text as \\\\,)" : ""));
            }
        }
        return out.toByteArray();
    }

    private static String fieldList(List<OptionType> fields) {
        return String.join(", ", fields.stream().map(OptionType::label).toList());
    }

    /** One value of the given type, as Kea's {@code writeToBuffer} writes it. */
    static void write(OptionType type, String value, ByteArrayOutputStream out, String which) {
        try {
            writeValue(type, value, out);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(which + " '" + value + "': " + e.getMessage(), e);
        }
    }

    private static void writeValue(OptionType type, String value, ByteArrayOutputStream out) {
        switch (type) {
            case BINARY -> out.writeBytes(csvBinary(value));
            case BOOLEAN -> out.write(bool(value) ? 1 : 0);
            case INT8, INT16, INT32, UINT8, UINT16, UINT32 -> writeInteger(integer(value, type), type.elementSize(), out);
            case IPV4_ADDRESS -> out.writeBytes(ipv4(value));
            case IPV6_ADDRESS -> out.writeBytes(ipv6(value));
            case IPV6_PREFIX -> writePrefix(value, out);
            case PSID -> writePsid(value, out);
            case STRING -> out.writeBytes(value.getBytes(StandardCharsets.UTF_8));
            case FQDN -> out.writeBytes(fqdn(value));
            case TUPLE -> {
                byte[] text = value.getBytes(StandardCharsets.UTF_8);
                if (text.length > 255) {
                    throw new IllegalArgumentException("a tuple holds at most 255 bytes, this one has " + text.length);
                }
                out.write(text.length);
                out.writeBytes(text);
            }
            case EMPTY -> throw new IllegalArgumentException("an empty option takes no data");
            default -> throw new IllegalArgumentException("a " + type.label() + " value cannot be written as a field");
        }
    }

    /** Hex digits in pairs, blanks ignored; no 0x and no colons (that is only for csv-format false). */
    private static byte[] csvBinary(String value) {
        StringBuilder digits = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!Character.isWhitespace(c)) {
                digits.append(c);
            }
        }
        for (int i = 0; i < digits.length(); i++) {
            if (!Hex.isHexDigit(digits.charAt(i))) {
                throw new IllegalArgumentException("binary data is pairs of hex digits such as 0a0b0c ('" + digits.charAt(i)
                        + "' is not one; colons and 0x are only for \"csv-format\": false)");
            }
        }
        if (digits.length() % 2 != 0) {
            throw new IllegalArgumentException("binary data needs an even number of hex digits");
        }
        return java.util.HexFormat.of().parseHex(digits);
    }

    /** true/false in any case, or an integer that is 0 or 1. */
    static boolean bool(String value) {
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        Long number = decimal(value);
        if (number == null || number != 0 && number != 1) {
            throw new IllegalArgumentException("is not a boolean (true, false, 1 or 0)");
        }
        return number == 1;
    }

    /** A decimal integer, or failing that a hex one with or without 0x, within the type's range. */
    static long integer(String value, OptionType type) {
        Long number = decimal(value);
        if (number == null) {
            number = hexadecimal(value);
        }
        if (number == null) {
            throw new IllegalArgumentException("is not a number");
        }
        int bits = type.elementSize() * 8;
        long min = type.signed() ? -(1L << (bits - 1)) : 0;
        long max = type.signed() ? (1L << (bits - 1)) - 1 : (1L << bits) - 1;
        if (number < min || number > max) {
            throw new IllegalArgumentException("is out of range for " + type.label() + " (" + min + " to " + max + ")");
        }
        return number;
    }

    private static Long decimal(String value) {
        int start = value.startsWith("+") || value.startsWith("-") ? 1 : 0;
        if (value.length() == start || !value.substring(start).chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        try {
            return Long.parseLong(value.startsWith("+") ? value.substring(1) : value);
        } catch (NumberFormatException overflow) {
            return null;
        }
    }

    private static Long hexadecimal(String value) {
        boolean negative = value.startsWith("-");
        String digits = value.startsWith("+") || negative ? value.substring(1) : value;
        if (digits.startsWith("0x") || digits.startsWith("0X")) {
            digits = digits.substring(2);
        }
        if (digits.isEmpty() || digits.length() > 16 || !digits.chars().allMatch(c -> Hex.isHexDigit((char) c))) {
            return null;
        }
        long magnitude = Long.parseUnsignedLong(digits, 16);
        if (magnitude < 0) {
            return null;
        }
        return negative ? -magnitude : magnitude;
    }

    private static void writeInteger(long value, int size, ByteArrayOutputStream out) {
        for (int i = size - 1; i >= 0; i--) {
            out.write((int) (value >>> (8 * i)));
        }
    }

    /** A dotted quad as inet_pton reads it: four numbers 0-255 without leading zeros. */
    static byte[] ipv4(String value) {
        if (value.indexOf(':') >= 0) {
            throw new IllegalArgumentException("is an IPv6 address where an IPv4 address belongs (Kea 2.2 would send its 16 bytes"
                    + " as if they were IPv4 addresses)");
        }
        String[] parts = value.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("is not an IPv4 address (four numbers such as 192.0.2.1)");
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')
                    || part.length() > 1 && part.charAt(0) == '0' || Integer.parseInt(part) > 255) {
                throw new IllegalArgumentException("is not an IPv4 address (part '" + part + "' is not a number 0-255 without"
                        + " leading zeros)");
            }
            bytes[i] = (byte) Integer.parseInt(part);
        }
        return bytes;
    }

    /** An IPv6 literal, never looked up in DNS. */
    static byte[] ipv6(String value) {
        if (value.indexOf(':') < 0 || !value.chars().allMatch(c -> Hex.isHexDigit((char) c) || c == ':' || c == '.')) {
            throw new IllegalArgumentException(value.indexOf(':') < 0 && value.indexOf('.') > 0
                    ? "is an IPv4 address where an IPv6 address belongs"
                    : "is not an IPv6 address (such as 2001:db8::1)");
        }
        try {
            InetAddress address = InetAddress.getByName(value);
            if (address instanceof Inet6Address v6) {
                return v6.getAddress();
            }
            // The JDK turns ::ffff:a.b.c.d into an IPv4 address; on the wire it stays the mapped IPv6 address.
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(((Inet4Address) address).getAddress(), 0, mapped, 12, 4);
            return mapped;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("is not an IPv6 address (such as 2001:db8::1)", e);
        }
    }

    private static void writePrefix(String value, ByteArrayOutputStream out) {
        String text = value.replace(" ", "").replace("\t", "");
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("is not an IPv6 prefix (such as 2001:db8::/32)");
        }
        byte[] address = ipv6(text.substring(0, slash));
        long length;
        try {
            length = integer(text.substring(slash + 1), OptionType.UINT8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("prefix length '" + text.substring(slash + 1) + "' is not a number 0-128", e);
        }
        if (length > 128) {
            throw new IllegalArgumentException("prefix length " + length + " is more than 128");
        }
        int bytes = (int) (length + 7) / 8;
        out.write((int) length);
        for (int i = 0; i < bytes; i++) {
            int b = address[i] & 0xff;
            if (i == bytes - 1 && length % 8 != 0) {
                int unused = (int) (8 - length % 8);
                b = b >> unused << unused;
            }
            out.write(b);
        }
    }

    private static void writePsid(String value, ByteArrayOutputStream out) {
        String text = value.replace(" ", "").replace("\t", "");
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("is not a PSID (value/length such as 3/4)");
        }
        long psid;
        long length;
        try {
            psid = integer(text.substring(0, slash), OptionType.UINT16);
            length = integer(text.substring(slash + 1), OptionType.UINT8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is not a PSID (value/length such as 3/4): " + e.getMessage(), e);
        }
        if (length > 16) {
            throw new IllegalArgumentException("PSID length " + length + " is more than 16");
        }
        if (length > 0 && psid > (0xffff >> (16 - length))) {
            throw new IllegalArgumentException("PSID " + psid + " does not fit in " + length + " bits");
        }
        out.write((int) length);
        writeInteger((psid << (16 - length)) & 0xffff, 2, out);
    }

    /** A domain name in wire form, always fully qualified as Kea writes it. */
    static byte[] fqdn(String value) {
        if (value.isEmpty() || value.equals(".")) {
            throw new IllegalArgumentException("is not a domain name (an empty or root-only name is not sent)");
        }
        if (value.indexOf('\\') >= 0) {
            throw new IllegalArgumentException("escapes in domain names are not supported");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DomainNames.writeUncompressed(value.endsWith(".") ? value : value + ".", out);
        return out.toByteArray();
    }

    // ---- bytes to option, as Kea's option classes read them ----

    /**
     * The option Kea 2.2 makes of these bytes with this definition, as its option factory does for
     * option-data: checks the shape, drops what it drops (bytes after a fixed field, a partial array
     * element, trailing NULs of a string, a plain empty option's data), expands compressed name lists,
     * and finds sub-options after the option's own data when there is room for them.
     *
     * @param definitions definitions of the spaces sub-options found in the bytes belong to
     * @param notes told about bytes Kea drops
     */
    public static KeaOption instantiate(OptionDefinition definition, byte[] bytes, Definitions definitions, Consumer<String> notes) {
        int code = definition.code();
        if (definition.space().equals(OptionDefinition.DHCP4)) {
            switch (code) {
                case SLP_SERVICE_SCOPE -> {
                    if (bytes.length < 1) {
                        throw new IllegalArgumentException("SLP service scope needs at least its mandatory flag");
                    }
                    if (bytes[0] != 0 && bytes[0] != 1) {
                        throw new IllegalArgumentException("SLP service scope's mandatory flag is " + (bytes[0] & 0xff) + ", not 0 or 1");
                    }
                    return KeaOption.of(code, bytes);
                }
                case VIVCO -> {
                    return vendorClass(bytes);
                }
                case VIVSO -> {
                    return vendorSpecific(bytes, notes);
                }
                default -> {
                    // the generic rules below
                }
            }
        }
        OptionType type = definition.type();
        return switch (type) {
            case EMPTY -> {
                if (definition.encapsulates()) {
                    yield new KeaOption(code, new byte[0], subOptions(bytes, 0, definition, definitions, notes), false);
                }
                if (bytes.length > 0) {
                    notes.accept("an empty option carries no data: Kea 2.2 drops these " + bytes.length + " bytes");
                }
                yield KeaOption.of(code, new byte[0]);
            }
            case BINARY -> KeaOption.of(code, bytes);
            case INT8, INT16, INT32, UINT8, UINT16, UINT32 -> definition.array() ? integerArray(definition, bytes)
                    : integerOption(definition, bytes, definitions, notes);
            case IPV4_ADDRESS -> {
                if (!definition.array()) {
                    yield custom(definition, bytes, definitions, notes);
                }
                if (bytes.length % 4 != 0) {
                    throw new IllegalArgumentException("an IPv4 address list has " + bytes.length + " bytes, not a multiple of 4");
                }
                yield KeaOption.of(code, bytes);
            }
            case IPV6_ADDRESS -> {
                if (definition.array()) {
                    throw new IllegalArgumentException("Kea 2.2 sends an IPv6 address list in DHCPv4 with a DHCPv6 option header,"
                            + " which breaks the packet; define the option as a record or binary instead");
                }
                yield custom(definition, bytes, definitions, notes);
            }
            case STRING -> {
                int end = bytes.length;
                while (end > 0 && bytes[end - 1] == 0) {
                    end--;
                }
                if (end == 0) {
                    throw new IllegalArgumentException("a string option needs at least one character that is not NUL");
                }
                if (end < bytes.length) {
                    notes.accept("Kea 2.2 drops the " + (bytes.length - end) + " NUL bytes at the end of the string");
                }
                yield KeaOption.of(code, Arrays.copyOf(bytes, end));
            }
            case TUPLE -> definition.array() ? tupleArray(definition, bytes) : custom(definition, bytes, definitions, notes);
            case FQDN -> definition.array() ? fqdnList(definition, bytes) : custom(definition, bytes, definitions, notes);
            case BOOLEAN, PSID, IPV6_PREFIX, RECORD -> custom(definition, bytes, definitions, notes);
            case CLASSLESS_STATIC_ROUTES -> {
                try {
                    ClasslessStaticRoutes.decode(bytes);
                } catch (MalformedPacketException e) {
                    throw new IllegalArgumentException("is not a list of RFC 3442 routes: " + detail(e), e);
                }
                yield KeaOption.of(code, bytes);
            }
            case CLIENT_FQDN, RELAY_AGENT_INFORMATION -> throw new IllegalArgumentException(
                    "option " + definition.label() + " is not configured: the server builds it from the client's or relay's own");
        };
    }

    /**
     * Whether Kea 2.2 puts sub-options of the definition's encapsulated space into options of this
     * definition. Only its generic classes do: a binary or string option, an array, or one of the dhcp4
     * options with a class of their own (79, 124, 125) never carries them, whatever it encapsulates.
     */
    public static boolean carriesSubOptions(OptionDefinition definition) {
        if (!definition.encapsulates() || definition.array()) {
            return false;
        }
        if (definition.space().equals(OptionDefinition.DHCP4)
                && (definition.code() == SLP_SERVICE_SCOPE || definition.code() == VIVCO || definition.code() == VIVSO)) {
            return false;
        }
        return switch (definition.type()) {
            case BINARY, STRING, CLIENT_FQDN, RELAY_AGENT_INFORMATION, CLASSLESS_STATIC_ROUTES -> false;
            default -> true;
        };
    }

    /** Kea's OptionInt: the value, then sub-options in whatever follows. */
    private static KeaOption integerOption(OptionDefinition definition, byte[] bytes, Definitions definitions, Consumer<String> notes) {
        int size = definition.type().elementSize();
        if (bytes.length < size) {
            throw new IllegalArgumentException("a " + definition.type().label() + " needs " + size + " bytes, got " + bytes.length);
        }
        List<KeaOption> subs = subOptions(Arrays.copyOfRange(bytes, size, bytes.length), 0, definition, definitions, notes);
        return new KeaOption(definition.code(), Arrays.copyOf(bytes, size), subs, false);
    }

    private static KeaOption integerArray(OptionDefinition definition, byte[] bytes) {
        int size = definition.type().elementSize();
        if (bytes.length == 0) {
            throw new IllegalArgumentException("a " + definition.type().label() + " array needs at least one value");
        }
        if (bytes.length % size != 0) {
            throw new IllegalArgumentException("a " + definition.type().label() + " array has " + bytes.length
                    + " bytes, not a multiple of " + size);
        }
        return KeaOption.of(definition.code(), bytes);
    }

    private static KeaOption tupleArray(OptionDefinition definition, byte[] bytes) {
        if (bytes.length == 0) {
            throw new IllegalArgumentException("a tuple array needs at least one tuple");
        }
        int p = 0;
        while (p < bytes.length) {
            p += tupleLength(bytes, p);
        }
        return KeaOption.of(definition.code(), bytes);
    }

    private static KeaOption fqdnList(OptionDefinition definition, byte[] bytes) {
        if (bytes.length == 0) {
            throw new IllegalArgumentException("a domain name list needs at least one name");
        }
        List<String> names;
        try {
            names = DomainNames.decodeCompressed(bytes);
        } catch (MalformedPacketException e) {
            throw new IllegalArgumentException("is not a list of domain names: " + detail(e), e);
        }
        // Kea sends the names one after another without compression pointers.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String name : names) {
            DomainNames.writeUncompressed(name + ".", out);
        }
        return KeaOption.of(definition.code(), out.toByteArray());
    }

    /** Kea's OptionCustom: the definition's fields one after another; sub-options or nothing after a non-array's last field. */
    private static KeaOption custom(OptionDefinition definition, byte[] bytes, Definitions definitions, Consumer<String> notes) {
        OptionType type = definition.type();
        int p = 0;
        if (type == OptionType.RECORD) {
            List<OptionType> fields = definition.recordFields();
            for (OptionType field : fields) {
                p += fieldLength(field, false, definition.array(), bytes, p);
            }
            if (definition.array()) {
                p = repeat(fields.getLast(), bytes, p, notes);
            }
        } else {
            if (bytes.length < type.elementSize()) {
                throw truncated(type, bytes.length);
            }
            if (definition.array()) {
                p = repeat(type, bytes, p, notes);
            } else {
                int size = fieldLength(type, false, false, bytes, 0);
                if (size == 0) {
                    throw truncated(type, bytes.length);
                }
                p = size;
            }
        }
        List<KeaOption> subs = List.of();
        if (p < bytes.length && !definition.array()) {
            if (definition.encapsulates()) {
                subs = subOptions(Arrays.copyOfRange(bytes, p, bytes.length), 0, definition, definitions, notes);
            } else {
                notes.accept("Kea 2.2 drops the " + (bytes.length - p) + " bytes after the option's " + definition.typeText() + " value");
            }
        }
        return new KeaOption(definition.code(), Arrays.copyOf(bytes, p), subs, false);
    }

    private static IllegalArgumentException truncated(OptionType type, int length) {
        return new IllegalArgumentException("a " + type.label() + " value does not fit in " + length + " bytes");
    }

    /** Elements of {@code type} while whole ones remain; a partial one at the end is dropped, as Kea drops it. */
    private static int repeat(OptionType type, byte[] bytes, int from, Consumer<String> notes) {
        int p = from;
        while (p < bytes.length) {
            int size = fieldLengthOrPartial(type, bytes, p);
            if (size < 0) {
                notes.accept("Kea 2.2 drops the last " + (bytes.length - p) + " bytes, which are not a whole " + type.label());
                break;
            }
            p += size;
        }
        return p;
    }

    private static int fieldLengthOrPartial(OptionType type, byte[] bytes, int p) {
        int remaining = bytes.length - p;
        if (type.fixedSize()) {
            return remaining < type.elementSize() ? -1 : type.elementSize();
        }
        return fieldLength(type, true, true, bytes, p);
    }

    /** How many bytes a field takes at {@code p}, as Kea's OptionCustom measures it; throws when it does not fit. */
    private static int fieldLength(OptionType type, boolean inArray, boolean arrayDefinition, byte[] bytes, int p) {
        int remaining = bytes.length - p;
        int size;
        switch (type) {
            case FQDN -> size = fqdnLength(bytes, p);
            case STRING, BINARY -> {
                if (arrayDefinition) {
                    throw truncated(type, remaining);
                }
                size = remaining;
            }
            case IPV6_PREFIX -> {
                if (remaining == 0 && !inArray) {
                    return 0;
                }
                if (remaining < 1) {
                    throw truncated(type, remaining);
                }
                int length = bytes[p] & 0xff;
                if (length > 128) {
                    throw new IllegalArgumentException("IPv6 prefix length " + length + " is more than 128");
                }
                size = 1 + (length + 7) / 8;
            }
            case TUPLE -> size = tupleLength(bytes, p);
            default -> {
                if (!type.fixedSize()) {
                    throw truncated(type, remaining);
                }
                size = type.elementSize();
            }
        }
        if (size > remaining) {
            throw truncated(type, remaining);
        }
        return size;
    }

    private static int tupleLength(byte[] bytes, int p) {
        if (p >= bytes.length) {
            throw new IllegalArgumentException("a tuple needs its length byte");
        }
        int length = bytes[p] & 0xff;
        if (p + 1 + length > bytes.length) {
            throw new IllegalArgumentException("a tuple of " + length + " bytes runs past the end of the option");
        }
        return 1 + length;
    }

    /**
     * The length of the uncompressed name at {@code p}. Kea measures a name by its text, so a label with a
     * character its text form escapes would be misread; such names are refused.
     */
    private static int fqdnLength(byte[] bytes, int p) {
        int q = p;
        while (true) {
            if (q >= bytes.length) {
                throw new IllegalArgumentException("a domain name runs past the end of the option");
            }
            int length = bytes[q] & 0xff;
            if (length == 0) {
                break;
            }
            if (length > 63) {
                throw new IllegalArgumentException("a domain name has a compression pointer or label type where none is allowed");
            }
            if (q + 1 + length > bytes.length) {
                throw new IllegalArgumentException("a domain name label runs past the end of the option");
            }
            for (int i = q + 1; i <= q + length; i++) {
                int c = bytes[i] & 0xff;
                if (c <= ' ' || c > '~' || "\"();\\@$.".indexOf(c) >= 0) {
                    throw new IllegalArgumentException("a domain name label holds '" + (char) c + "' (0x" + Integer.toHexString(c)
                            + "), which Kea 2.2 misreads in this option");
                }
            }
            q += 1 + length;
        }
        if (q == p) {
            throw new IllegalArgumentException("a root-only domain name is not sent");
        }
        return q + 1 - p;
    }

    /**
     * Sub-options after an option's own data, as Kea reads them: code, length, value; a sub-option cut
     * off at the end ends the list (its bytes are dropped). PAD and END mean nothing in a sub-option space
     * except under option 43, where they keep their meaning unless the space defines codes 0 or 255.
     */
    private static List<KeaOption> subOptions(byte[] bytes, int from, OptionDefinition parent, Definitions definitions,
                                              Consumer<String> notes) {
        String space = parent.encapsulate();
        boolean padAndEnd = space.equals(OptionDefinition.DHCP4) || parent.code() == VENDOR_ENCAPSULATED;
        boolean pad = padAndEnd && (space.equals(OptionDefinition.DHCP4) || definitions.find(space, PAD).isEmpty());
        boolean end = padAndEnd && (space.equals(OptionDefinition.DHCP4) || definitions.find(space, END).isEmpty());
        List<KeaOption> subs = new ArrayList<>();
        int p = from;
        while (p < bytes.length) {
            int code = bytes[p] & 0xff;
            if (code == END && end) {
                if (p + 1 < bytes.length) {
                    notes.accept("Kea 2.2 drops the " + (bytes.length - p - 1) + " bytes after END (255) in option " + parent.label());
                }
                break;
            }
            if (code == PAD && pad) {
                p++;
                continue;
            }
            if (p + 2 > bytes.length || p + 2 + (bytes[p + 1] & 0xff) > bytes.length) {
                notes.accept("Kea 2.2 drops the last " + (bytes.length - p) + " bytes of option " + parent.label()
                        + ", a sub-option cut off");
                break;
            }
            int length = bytes[p + 1] & 0xff;
            byte[] value = Arrays.copyOfRange(bytes, p + 2, p + 2 + length);
            p += 2 + length;
            if (space.equals(OptionDefinition.DHCP4) && length == 0 && code == HOST_NAME) {
                continue;
            }
            Optional<OptionDefinition> definition = space.isEmpty() || space.equals(OptionDefinition.DHCP4) && code == VENDOR_ENCAPSULATED
                    ? Optional.empty() : definitions.find(space, code);
            try {
                subs.add(definition.isPresent() ? instantiate(definition.get(), value, definitions, notes) : KeaOption.of(code, value));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("sub-option " + code + " of space '" + space + "': " + e.getMessage(), e);
            }
        }
        return subs;
    }

    /** Kea's OptionVendorClass: enterprise numbers before tuples, the first one written before every tuple. */
    private static KeaOption vendorClass(byte[] bytes) {
        if (bytes.length < 4) {
            throw new IllegalArgumentException("a vendor class option needs its 4-byte enterprise number, got " + bytes.length + " bytes");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(bytes, 0, 4);
        int p = 4;
        boolean first = true;
        while (p < bytes.length) {
            int length = tupleLength(bytes, p);
            if (!first) {
                out.write(bytes, 0, 4);
            }
            out.write(bytes, p, length);
            first = false;
            p += length;
            if (p != bytes.length) {
                p += 4;
                if (p + 1 >= bytes.length) {
                    throw new IllegalArgumentException("a vendor class option's later enterprise number must be followed by a tuple");
                }
            }
        }
        return KeaOption.of(VIVCO, out.toByteArray());
    }

    /**
     * Option 125 as Kea reads one it receives or is about to send: the enterprise number and its
     * sub-options, opaque; empty when the value is cut short anywhere (Kea then ignores the option).
     */
    public static Optional<KeaOption> readVendorOption(byte[] value) {
        try {
            return Optional.of(vendorSpecific(value, Definitions.NONE, ignored -> { }));
        } catch (IllegalArgumentException truncated) {
            return Optional.empty();
        }
    }

    /** Kea's OptionVendor: the enterprise number, then data-length chunks of sub-options of that vendor's standard space. */
    private static KeaOption vendorSpecific(byte[] bytes, Consumer<String> notes) {
        return vendorSpecific(bytes, null, notes);
    }

    /** With {@code opaque} given, sub-options stay as they are instead of being read by the vendor's definitions. */
    private static KeaOption vendorSpecific(byte[] bytes, Definitions opaque, Consumer<String> notes) {
        if (bytes.length < 4) {
            throw new IllegalArgumentException("vivso-suboptions needs its 4-byte enterprise number, got " + bytes.length + " bytes");
        }
        long enterprise = (bytes[0] & 0xffL) << 24 | (bytes[1] & 0xff) << 16 | (bytes[2] & 0xff) << 8 | bytes[3] & 0xff;
        Optional<OptionRegistry> vendorDefinitions = opaque != null ? Optional.empty() : OptionRegistry.vendor(enterprise);
        List<KeaOption> subs = new ArrayList<>();
        int p = 4;
        while (p < bytes.length) {
            int chunkEnd = p + 1 + (bytes[p] & 0xff);
            p++;
            if (chunkEnd > bytes.length) {
                throw new IllegalArgumentException("vivso-suboptions' data length runs past the end of the option");
            }
            while (p < chunkEnd) {
                if (p + 2 > chunkEnd || p + 2 + (bytes[p + 1] & 0xff) > chunkEnd) {
                    throw new IllegalArgumentException("a sub-option of vivso-suboptions runs past its data length");
                }
                int code = bytes[p] & 0xff;
                byte[] value = Arrays.copyOfRange(bytes, p + 2, p + 2 + (bytes[p + 1] & 0xff));
                p += 2 + value.length;
                Optional<OptionDefinition> definition = vendorDefinitions.flatMap(r -> r.byCode(code));
                subs.add(definition.isPresent() ? instantiate(definition.get(), value, Definitions.NONE, notes) : KeaOption.of(code, value));
            }
        }
        return KeaOption.vendor(enterprise, subs);
    }

    // ---- bytes to text ----

    /**
     * The value as option-data text, fields comma separated ({@code "true, 192.0.2.59"}), for showing a
     * record or one of Kea's field types; empty when the bytes do not fit the definition.
     */
    public static Optional<String> text(OptionDefinition definition, byte[] value) {
        List<OptionType> fields = definition.type() == OptionType.RECORD ? definition.recordFields() : List.of(definition.type());
        if (value.length == 0 && definition.array() && definition.type() != OptionType.RECORD) {
            return Optional.of("");
        }
        List<String> items = new ArrayList<>();
        int p = 0;
        try {
            for (int i = 0; ; i++) {
                boolean repeat = i >= fields.size();
                if (repeat && (!definition.array() || p >= value.length)) {
                    break;
                }
                OptionType field = fields.get(Math.min(i, fields.size() - 1));
                int size = fieldLength(field, repeat, definition.array(), value, p);
                if (size == 0 && repeat) {
                    return Optional.empty();
                }
                items.add(fieldText(field, value, p, size));
                p += size;
            }
        } catch (IllegalArgumentException | UnknownHostException | MalformedPacketException doesNotFit) {
            return Optional.empty();
        }
        return p == value.length ? Optional.of(String.join(", ", items)) : Optional.empty();
    }

    private static String fieldText(OptionType type, byte[] value, int p, int size) throws UnknownHostException, MalformedPacketException {
        return switch (type) {
            case BOOLEAN -> switch (value[p]) {
                case 0 -> "false";
                case 1 -> "true";
                default -> throw new IllegalArgumentException("not a boolean");
            };
            case INT8, INT16, INT32, UINT8, UINT16, UINT32 -> {
                long number = 0;
                for (int i = 0; i < size; i++) {
                    number = number << 8 | value[p + i] & 0xff;
                }
                if (type.signed() && (number & 1L << (size * 8 - 1)) != 0) {
                    number -= 1L << (size * 8);
                }
                yield Long.toString(number);
            }
            case IPV4_ADDRESS -> Ipv4.fromBytes(value, p).getHostAddress();
            case IPV6_ADDRESS -> InetAddress.getByAddress(Arrays.copyOfRange(value, p, p + 16)).getHostAddress();
            case IPV6_PREFIX -> {
                if (size == 0) {
                    yield "";
                }
                byte[] address = new byte[16];
                System.arraycopy(value, p + 1, address, 0, size - 1);
                yield InetAddress.getByAddress(address).getHostAddress() + "/" + (value[p] & 0xff);
            }
            case PSID -> {
                int length = value[p] & 0xff;
                int bits = (value[p + 1] & 0xff) << 8 | value[p + 2] & 0xff;
                yield (length == 0 ? 0 : bits >>> (16 - Math.min(length, 16))) + "/" + length;
            }
            case STRING, TUPLE -> {
                int from = type == OptionType.TUPLE ? p + 1 : p;
                byte[] text = Arrays.copyOfRange(value, from, p + size);
                for (byte b : text) {
                    if (b < ' ' || b > '~') {
                        throw new IllegalArgumentException("not printable");
                    }
                }
                yield new String(text, StandardCharsets.US_ASCII).replace(",", "\\,");
            }
            case BINARY -> java.util.HexFormat.of().formatHex(value, p, p + size);
            case FQDN -> DomainNames.readUncompressed(value, p, p + size);
            default -> throw new IllegalArgumentException("no text form");
        };
    }

    private static String detail(MalformedPacketException e) {
        String message = e.getMessage();
        String prefix = e.reason().name() + ": ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }
}
