package org.leasedesk.protocol;

import static org.leasedesk.protocol.OptionDefinition.array;
import static org.leasedesk.protocol.OptionDefinition.record;
import static org.leasedesk.protocol.OptionDefinition.single;
import static org.leasedesk.protocol.OptionType.BINARY;
import static org.leasedesk.protocol.OptionType.BOOLEAN;
import static org.leasedesk.protocol.OptionType.CLASSLESS_STATIC_ROUTES;
import static org.leasedesk.protocol.OptionType.CLIENT_FQDN;
import static org.leasedesk.protocol.OptionType.EMPTY;
import static org.leasedesk.protocol.OptionType.FQDN;
import static org.leasedesk.protocol.OptionType.INT32;
import static org.leasedesk.protocol.OptionType.IPV4_ADDRESS;
import static org.leasedesk.protocol.OptionType.IPV6_ADDRESS;
import static org.leasedesk.protocol.OptionType.PSID;
import static org.leasedesk.protocol.OptionType.RELAY_AGENT_INFORMATION;
import static org.leasedesk.protocol.OptionType.STRING;
import static org.leasedesk.protocol.OptionType.UINT16;
import static org.leasedesk.protocol.OptionType.UINT32;
import static org.leasedesk.protocol.OptionType.UINT8;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Option definitions as data, and the one place that turns option values into text and back and
 * checks received values against their type. Configuration parsing, packet decoding and the packet
 * view all go through it, so an option means the same everywhere.
 *
 * <p>Text follows Kea's {@code csv-format}: arrays are comma separated; strings are taken whole;
 * binary is hex with or without colons or spaces; option 119 is a list of domain names; option 121
 * is {@code "10.229.0.128/25 - 10.229.0.1, 0.0.0.0/0 - 10.229.0.1"}; option 81 is
 * {@code "flags, rcode1, rcode2, name"}; records are their fields' values in order, comma separated,
 * as Kea writes them ({@code "true, 192.0.2.59"}). This is the strict text of the packet view and the
 * message builder; a Kea configuration file's {@code option-data} is read by {@link KeaOptionData},
 * which follows Kea 2.2 to the byte, leniencies included.
 *
 * <p>The definitions are Kea 2.2's ({@code std_option_defs.h}), with Kea's types: for example
 * slp-directory-agent (78) is an array of records (boolean, ipv4-address) and vivso-suboptions (125)
 * is a uint32 (the enterprise number) that the option's sub-options follow. Three are not Kea 2.2
 * standard definitions (see {@link #keaStandard}): vendor-encapsulated-options (43), which Kea keeps
 * as a last-resort definition that a configuration may replace; classless-static-route (121) and
 * v4-dnr (162), which Kea 2.2 does not define at all. Received values of record, tuple and prefix
 * types, and of options carrying sub-options, are not rejected: Kea itself defers or tolerates them.
 */
public final class OptionRegistry {

    /** The option space option 43 encapsulates unless a configuration defines option 43 otherwise. */
    public static final String VENDOR_ENCAPSULATED_SPACE = "vendor-encapsulated-options-space";

    /** CableLabs' enterprise number; Kea 2.2 defines sub-options of option 125 for it (DOCSIS 3). */
    public static final long CABLE_LABS = 4491;

    /** Codes in {@link #standard()} that are not among Kea 2.2's standard DHCPv4 definitions. */
    private static final Set<Integer> NOT_KEA_STANDARD = Set.of(43, 121, 162);

    /** Kea's standard DHCPv4 option space. Domain-name (15) is text on the wire (RFC 2132), so it is a string here. */
    private static final OptionRegistry STANDARD = new OptionRegistry(List.of(
            single(1, "subnet-mask", IPV4_ADDRESS),
            single(2, "time-offset", INT32),
            array(3, "routers", IPV4_ADDRESS),
            array(4, "time-servers", IPV4_ADDRESS),
            array(5, "name-servers", IPV4_ADDRESS),
            array(6, "domain-name-servers", IPV4_ADDRESS),
            array(7, "log-servers", IPV4_ADDRESS),
            array(8, "cookie-servers", IPV4_ADDRESS),
            array(9, "lpr-servers", IPV4_ADDRESS),
            array(10, "impress-servers", IPV4_ADDRESS),
            array(11, "resource-location-servers", IPV4_ADDRESS),
            single(12, "host-name", STRING),
            single(13, "boot-size", UINT16),
            single(14, "merit-dump", STRING),
            single(15, "domain-name", STRING),
            single(16, "swap-server", IPV4_ADDRESS),
            single(17, "root-path", STRING),
            single(18, "extensions-path", STRING),
            single(19, "ip-forwarding", BOOLEAN),
            single(20, "non-local-source-routing", BOOLEAN),
            array(21, "policy-filter", IPV4_ADDRESS),
            single(22, "max-dgram-reassembly", UINT16),
            single(23, "default-ip-ttl", UINT8),
            single(24, "path-mtu-aging-timeout", UINT32),
            array(25, "path-mtu-plateau-table", UINT16),
            single(26, "interface-mtu", UINT16),
            single(27, "all-subnets-local", BOOLEAN),
            single(28, "broadcast-address", IPV4_ADDRESS),
            single(29, "perform-mask-discovery", BOOLEAN),
            single(30, "mask-supplier", BOOLEAN),
            single(31, "router-discovery", BOOLEAN),
            single(32, "router-solicitation-address", IPV4_ADDRESS),
            array(33, "static-routes", IPV4_ADDRESS),
            single(34, "trailer-encapsulation", BOOLEAN),
            single(35, "arp-cache-timeout", UINT32),
            single(36, "ieee802-3-encapsulation", BOOLEAN),
            single(37, "default-tcp-ttl", UINT8),
            single(38, "tcp-keepalive-interval", UINT32),
            single(39, "tcp-keepalive-garbage", BOOLEAN),
            single(40, "nis-domain", STRING),
            array(41, "nis-servers", IPV4_ADDRESS),
            array(42, "ntp-servers", IPV4_ADDRESS),
            new OptionDefinition(43, "vendor-encapsulated-options", EMPTY, false, List.of(), OptionDefinition.DHCP4,
                    VENDOR_ENCAPSULATED_SPACE),
            array(44, "netbios-name-servers", IPV4_ADDRESS),
            array(45, "netbios-dd-server", IPV4_ADDRESS),
            single(46, "netbios-node-type", UINT8),
            single(47, "netbios-scope", STRING),
            array(48, "font-servers", IPV4_ADDRESS),
            array(49, "x-display-manager", IPV4_ADDRESS),
            single(50, "dhcp-requested-address", IPV4_ADDRESS),
            single(51, "dhcp-lease-time", UINT32),
            single(52, "dhcp-option-overload", UINT8),
            single(53, "dhcp-message-type", UINT8),
            single(54, "dhcp-server-identifier", IPV4_ADDRESS),
            array(55, "dhcp-parameter-request-list", UINT8),
            single(56, "dhcp-message", STRING),
            single(57, "dhcp-max-message-size", UINT16),
            single(58, "dhcp-renewal-time", UINT32),
            single(59, "dhcp-rebinding-time", UINT32),
            single(60, "vendor-class-identifier", STRING),
            single(61, "dhcp-client-identifier", BINARY),
            single(62, "nwip-domain-name", STRING),
            single(63, "nwip-suboptions", BINARY),
            single(64, "nisplus-domain-name", STRING),
            array(65, "nisplus-servers", IPV4_ADDRESS),
            single(66, "tftp-server-name", STRING),
            single(67, "boot-file-name", STRING),
            array(68, "mobile-ip-home-agent", IPV4_ADDRESS),
            array(69, "smtp-server", IPV4_ADDRESS),
            array(70, "pop-server", IPV4_ADDRESS),
            array(71, "nntp-server", IPV4_ADDRESS),
            array(72, "www-server", IPV4_ADDRESS),
            array(73, "finger-server", IPV4_ADDRESS),
            array(74, "irc-server", IPV4_ADDRESS),
            array(75, "streettalk-server", IPV4_ADDRESS),
            array(76, "streettalk-directory-assistance-server", IPV4_ADDRESS),
            single(77, "user-class", BINARY),
            record(78, "slp-directory-agent", true, BOOLEAN, IPV4_ADDRESS),
            record(79, "slp-service-scope", false, BOOLEAN, STRING),
            single(81, "fqdn", CLIENT_FQDN),
            single(82, "dhcp-agent-options", RELAY_AGENT_INFORMATION),
            array(85, "nds-servers", IPV4_ADDRESS),
            single(86, "nds-tree-name", STRING),
            single(87, "nds-context", STRING),
            array(88, "bcms-controller-names", FQDN),
            array(89, "bcms-controller-address", IPV4_ADDRESS),
            single(90, "authenticate", BINARY),
            single(91, "client-last-transaction-time", UINT32),
            array(92, "associated-ip", IPV4_ADDRESS),
            array(93, "client-system", UINT16),
            record(94, "client-ndi", false, UINT8, UINT8, UINT8),
            record(97, "uuid-guid", false, UINT8, BINARY),
            single(98, "uap-servers", STRING),
            single(99, "geoconf-civic", BINARY),
            single(100, "pcode", STRING),
            single(101, "tcode", STRING),
            single(108, "v6-only-preferred", UINT32),
            array(112, "netinfo-server-address", IPV4_ADDRESS),
            single(113, "netinfo-server-tag", STRING),
            single(114, "v4-captive-portal", STRING),
            single(116, "auto-config", UINT8),
            array(117, "name-service-search", UINT16),
            single(118, "subnet-selection", IPV4_ADDRESS),
            array(119, "domain-search", FQDN),
            single(121, "classless-static-route", CLASSLESS_STATIC_ROUTES),
            record(124, "vivco-suboptions", false, UINT32, BINARY),
            single(125, "vivso-suboptions", UINT32),
            array(136, "pana-agent", IPV4_ADDRESS),
            single(137, "v4-lost", FQDN),
            array(138, "capwap-ac-v4", IPV4_ADDRESS),
            array(141, "sip-ua-cs-domains", FQDN),
            record(146, "rdnss-selection", true, UINT8, IPV4_ADDRESS, IPV4_ADDRESS, FQDN),
            record(159, "v4-portparams", false, UINT8, PSID),
            single(162, "v4-dnr", BINARY),
            record(212, "option-6rd", true, UINT8, UINT8, IPV6_ADDRESS, IPV4_ADDRESS),
            single(213, "v4-access-domain", FQDN)));

    /** Kea 2.2's vendor-4491 space (docsis3_option_defs.h): what a cable modem asks for, and its TFTP servers. */
    private static final OptionRegistry DOCSIS3 = new OptionRegistry(List.of(
            array(1, "oro", UINT8).inSpace(vendorSpace(CABLE_LABS)),
            array(2, "tftp-servers", IPV4_ADDRESS).inSpace(vendorSpace(CABLE_LABS))));

    private final OptionDefinition[] byCode = new OptionDefinition[256];
    private final Map<String, OptionDefinition> byName = new HashMap<>();

    /** A registry of the given definitions, all of one option space; codes and names must be unique. */
    public OptionRegistry(Collection<OptionDefinition> definitions) {
        String space = null;
        for (OptionDefinition definition : definitions) {
            if (byCode[definition.code()] != null || byName.containsKey(definition.name())) {
                throw new IllegalArgumentException("option " + definition.label() + " is defined twice");
            }
            if (space != null && !space.equals(definition.space())) {
                throw new IllegalArgumentException("option " + definition.label() + " is in space " + definition.space()
                        + ", not " + space);
            }
            space = definition.space();
            byCode[definition.code()] = definition;
            byName.put(definition.name(), definition);
        }
    }

    /** Kea's standard DHCPv4 options. */
    public static OptionRegistry standard() {
        return STANDARD;
    }

    /**
     * Whether Kea 2.2 counts this dhcp4 code among its standard definitions, which a configuration may
     * not redefine: false for 43 (a last-resort definition), 121 and 162 (not defined by Kea 2.2).
     */
    public static boolean keaStandard(int code) {
        return STANDARD.byCode(code).isPresent() && !NOT_KEA_STANDARD.contains(code);
    }

    /** The definitions Kea 2.2 has for a vendor's sub-options of option 125: only CableLabs' (4491) has any. */
    public static Optional<OptionRegistry> vendor(long enterpriseId) {
        return enterpriseId == CABLE_LABS ? Optional.of(DOCSIS3) : Optional.empty();
    }

    /** Kea's name for a vendor's option space, {@code vendor-4491}. */
    public static String vendorSpace(long enterpriseId) {
        return "vendor-" + enterpriseId;
    }

    public Optional<OptionDefinition> byCode(int code) {
        return code >= 0 && code < byCode.length ? Optional.ofNullable(byCode[code]) : Optional.empty();
    }

    public Optional<OptionDefinition> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** All definitions in code order. */
    public List<OptionDefinition> definitions() {
        List<OptionDefinition> all = new ArrayList<>();
        for (OptionDefinition definition : byCode) {
            if (definition != null) {
                all.add(definition);
            }
        }
        return List.copyOf(all);
    }

    /** The registry name for a code, or "option-N" for codes it does not know. */
    public String nameOf(int code) {
        return byCode(code).map(OptionDefinition::name).orElse("option-" + code);
    }

    /**
     * Checks a received value against its definition; unknown codes are accepted as opaque bytes.
     *
     * @throws MalformedPacketException BAD_OPTION_LENGTH or BAD_OPTION_VALUE, naming the option
     */
    public void validate(int code, byte[] value) throws MalformedPacketException {
        OptionDefinition definition = code >= 0 && code < byCode.length ? byCode[code] : null;
        if (definition == null) {
            return;
        }
        OptionType type = definition.type();
        if (definition.encapsulates() || carriesVendorSubOptions(definition)) {
            // Sub-options of a vendor's space follow; Kea defers or skips what it cannot read, so do we.
            return;
        }
        if (type.fixedSize()) {
            int size = type.elementSize();
            boolean lengthOk = definition.array() ? value.length > 0 && value.length % size == 0 : value.length == size;
            if (!lengthOk) {
                throw new MalformedPacketException(MalformedPacketException.Reason.BAD_OPTION_LENGTH, "option " + definition.label()
                        + " has " + value.length + " bytes; " + type + " needs " + (definition.array()
                                ? "a non-empty multiple of " + size : "exactly " + size));
            }
            if (type == BOOLEAN) {
                for (byte b : value) {
                    if (b != 0 && b != 1) {
                        throw badValue(definition, "boolean byte " + (b & 0xff) + " is neither 0 nor 1");
                    }
                }
            }
            if (code == MessageType.OPTION_CODE && MessageType.fromCode(value[0] & 0xff).isEmpty()) {
                throw badValue(definition, "message type " + (value[0] & 0xff) + " is not defined");
            }
            return;
        }
        switch (type) {
            case EMPTY -> requireLength(definition, value.length == 0, value, "no data");
            case STRING -> requireLength(definition, value.length > 0, value, "at least 1 byte");
            case FQDN -> {
                requireLength(definition, value.length > 0, value, "at least 1 byte");
                validateStructure(definition, () -> {
                    if (definition.array()) {
                        DomainNames.decodeCompressed(value);
                    } else {
                        DomainNames.checkUncompressed(value, 0, value.length);
                    }
                });
            }
            case CLIENT_FQDN -> validateStructure(definition, () -> ClientFqdn.check(value));
            case RELAY_AGENT_INFORMATION -> validateStructure(definition, () -> RelayAgentInformation.check(value));
            case CLASSLESS_STATIC_ROUTES -> validateStructure(definition, () -> ClasslessStaticRoutes.decode(value));
            default -> {
                // BINARY takes any bytes; records, tuples and prefixes are checked when configured, not when received.
            }
        }
    }

    /** Option 125: the enterprise number, then a data length and that vendor's sub-options (RFC 3925). */
    private static boolean carriesVendorSubOptions(OptionDefinition definition) {
        return definition.code() == KeaOptionData.VIVSO && definition.space().equals(OptionDefinition.DHCP4);
    }

    private interface StructureCheck {
        void run() throws MalformedPacketException;
    }

    /** Runs a structured decoder and names the option in whatever it rejects. */
    private static void validateStructure(OptionDefinition definition, StructureCheck check) throws MalformedPacketException {
        try {
            check.run();
        } catch (MalformedPacketException e) {
            throw new MalformedPacketException(e.reason(), "option " + definition.label() + ": "
                    + e.getMessage().substring(e.reason().name().length() + 2));
        }
    }

    /**
     * Turns configuration text into the option's wire value.
     *
     * @throws IllegalArgumentException saying which value is wrong and why
     */
    public byte[] parse(OptionDefinition definition, String text) {
        byte[] value;
        try {
            value = parseValue(definition, text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("option " + definition.label() + ": " + e.getMessage(), e);
        }
        try {
            // The same rules as for received values, so configured values are never ones we would reject.
            validate(definition.code(), value);
        } catch (MalformedPacketException invalid) {
            throw new IllegalArgumentException(invalid.getMessage().substring(invalid.reason().name().length() + 2), invalid);
        }
        return value;
    }

    /** The value as display text in the same syntax {@link #parse} reads; hex for unknown codes or invalid values. */
    public String format(int code, byte[] value) {
        OptionDefinition definition = code >= 0 && code < byCode.length ? byCode[code] : null;
        if (definition == null) {
            return Hex.format(value);
        }
        try {
            validate(code, value);
        } catch (MalformedPacketException invalid) {
            return Hex.format(value);
        }
        return formatValid(definition, value);
    }

    private static byte[] parseValue(OptionDefinition definition, String text) {
        OptionType type = definition.type();
        if (type == OptionType.RECORD || type == OptionType.TUPLE || type == OptionType.IPV6_PREFIX || type == OptionType.PSID
                || type == OptionType.IPV6_ADDRESS) {
            return parseFields(definition, text);
        }
        if (type.fixedSize()) {
            List<String> items = items(text);
            if (!definition.array() && items.size() != 1) {
                throw new IllegalArgumentException("takes exactly one value, got " + items.size() + " in '" + text.strip() + "'");
            }
            byte[] out = new byte[items.size() * type.elementSize()];
            for (int i = 0; i < items.size(); i++) {
                writeFixed(type, items.get(i), out, i * type.elementSize());
            }
            return out;
        }
        return switch (type) {
            case EMPTY -> {
                if (definition.encapsulates()) {
                    // Option 43 and its kind: the sub-options as hex.
                    yield Hex.parse(text);
                }
                if (!text.isBlank()) {
                    throw new IllegalArgumentException("carries no data, got '" + text.strip() + "'");
                }
                yield new byte[0];
            }
            case BINARY -> Hex.parse(text);
            case STRING -> {
                if (text.isEmpty()) {
                    throw new IllegalArgumentException("needs a non-empty string");
                }
                if (!text.chars().allMatch(c -> c >= ' ' && c <= '~')) {
                    throw new IllegalArgumentException("'" + text + "' contains characters outside printable ASCII");
                }
                yield unescapeCommas(text).getBytes(StandardCharsets.US_ASCII);
            }
            case FQDN -> {
                List<String> names = items(text);
                if (definition.array()) {
                    yield new DomainSearchList(names).encode();
                }
                if (names.size() != 1) {
                    throw new IllegalArgumentException("takes exactly one domain name, got " + names.size());
                }
                String name = names.get(0);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                DomainNames.writeUncompressed(name.endsWith(".") ? name : name + ".", out);
                yield out.toByteArray();
            }
            case CLIENT_FQDN -> parseClientFqdn(text).encode();
            case RELAY_AGENT_INFORMATION -> {
                byte[] bytes = Hex.parse(text);
                try {
                    RelayAgentInformation.decode(bytes);
                } catch (MalformedPacketException e) {
                    throw new IllegalArgumentException("hex '" + text.strip() + "' is not a valid sub-option list: " + e.getMessage(), e);
                }
                yield bytes;
            }
            case CLASSLESS_STATIC_ROUTES -> parseRoutes(text).encode();
            default -> throw new IllegalStateException("fixed-size type " + type + " handled above");
        };
    }

    /**
     * Records and the field types Kea added, one value per field (the last repeated for an array),
     * written as Kea writes them and read back as Kea reads them.
     */
    private static byte[] parseFields(OptionDefinition definition, String text) {
        List<String> items = items(text);
        List<OptionType> fields = definition.type() == OptionType.RECORD ? definition.recordFields() : List.of(definition.type());
        boolean countOk = definition.array() ? items.size() >= fields.size() : items.size() == fields.size();
        if (!countOk) {
            String types = String.join(", ", fields.stream().map(OptionType::label).toList());
            throw new IllegalArgumentException("takes " + (definition.array() ? "at least " : "") + fields.size()
                    + (fields.size() == 1 ? " value" : " values") + " (" + types + "), got " + items.size() + " in '" + text.strip() + "'");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < items.size(); i++) {
            KeaOptionData.write(fields.get(Math.min(i, fields.size() - 1)), items.get(i), out, "value " + (i + 1));
        }
        byte[] value = out.toByteArray();
        KeaOptionData.instantiate(definition, value, KeaOptionData.Definitions.NONE, ignored -> { });
        return value;
    }

    private static ClientFqdn parseClientFqdn(String text) {
        String[] parts = text.split(",", 4);
        if (parts.length != 4) {
            throw new IllegalArgumentException("needs 'flags, rcode1, rcode2, name', got '" + text.strip() + "'");
        }
        int flags = (int) number(parts[0], 0, 255, "flags");
        int rcode1 = (int) number(parts[1], 0, 255, "rcode1");
        int rcode2 = (int) number(parts[2], 0, 255, "rcode2");
        return new ClientFqdn(flags, rcode1, rcode2, parts[3].strip());
    }

    private static ClasslessStaticRoutes parseRoutes(String text) {
        List<ClasslessStaticRoutes.Route> routes = new ArrayList<>();
        for (String item : items(text)) {
            int dash = item.indexOf('-');
            int slash = item.indexOf('/');
            if (dash < 0 || slash < 0 || slash > dash) {
                throw new IllegalArgumentException("route '" + item + "' is not in the form 'a.b.c.d/nn - g.w.a.y'");
            }
            var destination = Ipv4.parse(item.substring(0, slash));
            int prefix = (int) number(item.substring(slash + 1, dash), 0, 32, "prefix length of route '" + item + "'");
            var router = Ipv4.parse(item.substring(dash + 1));
            routes.add(new ClasslessStaticRoutes.Route(destination, prefix, router));
        }
        return new ClasslessStaticRoutes(routes);
    }

    private static void writeFixed(OptionType type, String item, byte[] out, int offset) {
        long value = switch (type) {
            case BOOLEAN -> switch (item.toLowerCase()) {
                case "true", "1" -> 1;
                case "false", "0" -> 0;
                default -> throw new IllegalArgumentException("'" + item + "' is not a boolean (true, false, 1 or 0)");
            };
            case UINT8 -> number(item, 0, 0xff, "uint8");
            case UINT16 -> number(item, 0, 0xffff, "uint16");
            case UINT32 -> number(item, 0, 0xffff_ffffL, "uint32");
            case INT8 -> number(item, Byte.MIN_VALUE, Byte.MAX_VALUE, "int8");
            case INT16 -> number(item, Short.MIN_VALUE, Short.MAX_VALUE, "int16");
            case INT32 -> number(item, Integer.MIN_VALUE, Integer.MAX_VALUE, "int32");
            case IPV4_ADDRESS -> Ipv4.toInt(Ipv4.parse(item)) & 0xffff_ffffL;
            default -> throw new IllegalStateException(type + " is not a fixed-size type");
        };
        for (int i = type.elementSize() - 1; i >= 0; i--) {
            out[offset + i] = (byte) value;
            value >>= 8;
        }
    }

    /** A decimal or 0x-hex number within [min, max]. */
    private static long number(String text, long min, long max, String what) {
        String item = text.strip();
        boolean hex = item.startsWith("0x") || item.startsWith("0X");
        String digits = hex ? item.substring(2) : item.startsWith("-") ? item.substring(1) : item;
        boolean wellFormed = !digits.isEmpty() && digits.length() <= 10
                && digits.chars().allMatch(c -> hex ? Hex.isHexDigit((char) c) : c >= '0' && c <= '9');
        if (!wellFormed || hex && item.startsWith("-")) {
            throw new IllegalArgumentException("'" + item + "' is not a number (" + what + ")");
        }
        long value = hex ? Long.parseLong(digits, 16) : Long.parseLong(item);
        if (value < min || value > max) {
            throw new IllegalArgumentException(item + " is out of range for " + what + " (" + min + " to " + max + ")");
        }
        return value;
    }

    /**
     * Comma-separated items, each stripped; an empty item is an error so typos do not vanish. As in
     * Kea, {@code \\,} is a comma inside an item rather than between items.
     */
    private static List<String> items(String text) {
        String[] raw = text.split("(?<!\\\\),", -1);
        List<String> items = new ArrayList<>(raw.length);
        for (int i = 0; i < raw.length; i++) {
            String item = unescapeCommas(raw[i]).strip();
            if (item.isEmpty()) {
                throw new IllegalArgumentException("value " + (i + 1) + " of '" + text.strip() + "' is empty");
            }
            items.add(item);
        }
        return items;
    }

    /** Kea's configuration text writes a literal comma as a backslash and a comma. */
    private static String unescapeCommas(String text) {
        return text.replace("\\,", ",");
    }

    private static String formatValid(OptionDefinition definition, byte[] value) {
        OptionType type = definition.type();
        if (carriesVendorSubOptions(definition)) {
            // "4491" and then the data length and sub-options as hex, the way a reader of RFC 3925 expects them.
            return value.length < 4 ? Hex.format(value)
                    : (java.nio.ByteBuffer.wrap(value).getInt() & 0xffff_ffffL)
                            + (value.length > 4 ? " " + Hex.format(java.util.Arrays.copyOfRange(value, 4, value.length)) : "");
        }
        try {
            return switch (type) {
                case EMPTY -> Hex.format(value);
                case RECORD, TUPLE, IPV6_PREFIX, PSID, IPV6_ADDRESS -> KeaOptionData.text(definition, value).orElse(Hex.format(value));
                case BINARY -> Hex.format(value);
                case STRING -> printable(value) ? new String(value, StandardCharsets.US_ASCII) : Hex.format(value);
                case FQDN -> definition.array()
                        ? String.join(", ", DomainNames.decodeCompressed(value))
                        : DomainNames.readUncompressed(value, 0, value.length);
                case CLIENT_FQDN -> {
                    ClientFqdn fqdn = ClientFqdn.decode(value);
                    yield fqdn.encoded() || printable(fqdn.name().getBytes(StandardCharsets.ISO_8859_1))
                            ? fqdn.flags() + ", " + fqdn.rcode1() + ", " + fqdn.rcode2() + ", " + fqdn.name()
                            : Hex.format(value);
                }
                case RELAY_AGENT_INFORMATION -> RelayAgentInformation.decode(value).toString();
                case CLASSLESS_STATIC_ROUTES -> ClasslessStaticRoutes.decode(value).routes().stream()
                        .map(ClasslessStaticRoutes.Route::toString).collect(Collectors.joining(", "));
                default -> formatFixed(type, value);
            };
        } catch (MalformedPacketException validatedAlready) {
            throw new IllegalStateException("value was validated before formatting", validatedAlready);
        }
    }

    private static String formatFixed(OptionType type, byte[] value) {
        List<String> items = new ArrayList<>();
        int size = type.elementSize();
        for (int offset = 0; offset < value.length; offset += size) {
            long unsigned = 0;
            for (int i = 0; i < size; i++) {
                unsigned = unsigned << 8 | value[offset + i] & 0xff;
            }
            items.add(switch (type) {
                case BOOLEAN -> unsigned == 1 ? "true" : "false";
                case INT8 -> Integer.toString((byte) unsigned);
                case INT16 -> Integer.toString((short) unsigned);
                case INT32 -> Integer.toString((int) unsigned);
                case IPV4_ADDRESS -> Ipv4.fromBytes(value, offset).getHostAddress();
                default -> Long.toString(unsigned);
            });
        }
        return String.join(", ", items);
    }

    private static boolean printable(byte[] value) {
        for (byte b : value) {
            if (b < ' ' || b > '~') {
                return false;
            }
        }
        return true;
    }

    private static void requireLength(OptionDefinition definition, boolean ok, byte[] value, String needed)
            throws MalformedPacketException {
        if (!ok) {
            throw new MalformedPacketException(MalformedPacketException.Reason.BAD_OPTION_LENGTH,
                    "option " + definition.label() + " has " + value.length + " bytes; it needs " + needed);
        }
    }

    private static MalformedPacketException badValue(OptionDefinition definition, String detail) {
        return new MalformedPacketException(MalformedPacketException.Reason.BAD_OPTION_VALUE, "option " + definition.label() + ": " + detail);
    }
}
