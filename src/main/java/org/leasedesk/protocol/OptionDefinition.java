package org.leasedesk.protocol;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One option as data, like a Kea option definition: its code and name within an option space, its
 * value type, whether the value is an array of that type, the field types of a record, and the option
 * space whose options it carries as sub-options ({@code encapsulate}, empty for none).
 *
 * <p>The constructor applies Kea 2.2's rules for definitions, so a definition Kea refuses cannot be
 * built: names and spaces of letters, digits, hyphens and underscores that neither start nor end with
 * a hyphen or underscore; codes 0-255 (1-254 in the {@code dhcp4} space, where 0 is PAD and 255 END);
 * records of at least two fields, none of them empty or a record, strings and binary only last; no
 * arrays of strings, binary or empty values; an array never encapsulates, nor does an option its own
 * space.
 */
public record OptionDefinition(int code, String name, OptionType type, boolean array, List<OptionType> recordFields,
                               String space, String encapsulate) {

    /** Kea's standard DHCPv4 option space. */
    public static final String DHCP4 = "dhcp4";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?");

    public OptionDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(encapsulate, "encapsulate");
        recordFields = List.copyOf(recordFields);
        String where = "option " + code + " (" + name + ")";
        if (code < 0 || code > 255) {
            throw new IllegalArgumentException("option codes run from 0 to 255, not " + code);
        }
        if (space.equals(DHCP4) && (code == 0 || code == 255)) {
            throw new IllegalArgumentException("option code " + code + " is reserved for " + (code == 0 ? "PAD" : "END")
                    + " in the dhcp4 space (1-254 are options)");
        }
        if (!validName(name)) {
            throw new IllegalArgumentException("'" + name + "' is not a valid option name: use letters, digits, '-' and '_',"
                    + " not starting or ending with '-' or '_'");
        }
        if (!validName(space)) {
            throw new IllegalArgumentException("'" + space + "' is not a valid option space name: use letters, digits, '-' and"
                    + " '_', not starting or ending with '-' or '_'");
        }
        if (!encapsulate.isEmpty() && !validName(encapsulate)) {
            throw new IllegalArgumentException("'" + encapsulate + "' is not a valid option space name to encapsulate");
        }
        if (type == OptionType.RECORD) {
            checkRecord(where, recordFields, array);
        } else if (!recordFields.isEmpty()) {
            throw new IllegalArgumentException(where + ": record types are only for type record, not " + type.label());
        } else if (array && (type == OptionType.STRING || type == OptionType.BINARY || type == OptionType.EMPTY
                || type == OptionType.CLIENT_FQDN || type == OptionType.RELAY_AGENT_INFORMATION
                || type == OptionType.CLASSLESS_STATIC_ROUTES)) {
            throw new IllegalArgumentException(where + ": an array of " + type.label() + " values cannot be told apart on the wire");
        }
        if (!encapsulate.isEmpty() && array) {
            throw new IllegalArgumentException(where + ": an array cannot also carry sub-options of space '" + encapsulate + "'");
        }
        if (!encapsulate.isEmpty() && encapsulate.equals(space)) {
            throw new IllegalArgumentException(where + ": an option cannot encapsulate the space it belongs to ('" + space + "')");
        }
    }

    /** A {@code dhcp4} option without record fields or encapsulation. */
    public OptionDefinition(int code, String name, OptionType type, boolean array) {
        this(code, name, type, array, List.of(), DHCP4, "");
    }

    static OptionDefinition single(int code, String name, OptionType type) {
        return new OptionDefinition(code, name, type, false);
    }

    static OptionDefinition array(int code, String name, OptionType type) {
        return new OptionDefinition(code, name, type, true);
    }

    static OptionDefinition record(int code, String name, boolean array, OptionType... fields) {
        return new OptionDefinition(code, name, OptionType.RECORD, array, List.of(fields), DHCP4, "");
    }

    /** The same definition in another option space, for the definitions of a vendor's space. */
    OptionDefinition inSpace(String otherSpace) {
        return new OptionDefinition(code, name, type, array, recordFields, otherSpace, encapsulate);
    }

    /** Kea's rule for option and option space names. */
    public static boolean validName(String name) {
        return NAME.matcher(name).matches();
    }

    /** Whether sub-options of another space follow the option's own data. */
    public boolean encapsulates() {
        return !encapsulate.isEmpty();
    }

    /** "53 (dhcp-message-type)", the way error messages and the packet view name an option. */
    public String label() {
        return code + " (" + name + ")";
    }

    /** The type as Kea writes it: {@code uint16}, {@code ipv4-address array}, {@code record (boolean, ipv4-address)}. */
    public String typeText() {
        String text = type == OptionType.RECORD
                ? "record (" + String.join(", ", recordFields.stream().map(OptionType::label).toList()) + ")"
                : type.label();
        return array ? text + " array" : text;
    }

    private static void checkRecord(String where, List<OptionType> fields, boolean array) {
        if (fields.size() < 2) {
            throw new IllegalArgumentException(where + ": a record needs at least 2 fields in record-types, got " + fields.size());
        }
        for (int i = 0; i < fields.size(); i++) {
            OptionType field = fields.get(i);
            boolean last = i == fields.size() - 1;
            switch (field) {
                case EMPTY, RECORD, CLIENT_FQDN, RELAY_AGENT_INFORMATION, CLASSLESS_STATIC_ROUTES ->
                        throw new IllegalArgumentException(where + ": a record field cannot be of type " + field.label());
                case STRING, BINARY -> {
                    if (!last) {
                        throw new IllegalArgumentException(where + ": a " + field.label()
                                + " field takes the rest of the option, so it can only be the last field of a record");
                    }
                    if (array) {
                        throw new IllegalArgumentException(where + ": the last field of a record array repeats, and a "
                                + field.label() + " field cannot");
                    }
                }
                default -> {
                    // fixed-size and self-delimiting fields may go anywhere
                }
            }
        }
    }
}
