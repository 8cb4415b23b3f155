package org.leasedesk.protocol;

import java.util.Arrays;
import java.util.Optional;

/**
 * The data types of option values: Kea 2.2's option definition types (the names an {@code option-def}
 * uses, see {@link #keaName()}), plus three types of LeaseDesk's own for options whose structure has
 * its own class here. Fixed-size types know their element size.
 */
public enum OptionType {
    /** No data of its own; an option of this type may carry sub-options of the space it encapsulates. */
    EMPTY(0, "empty"),
    /** Opaque bytes, written as hex. */
    BINARY(0, "binary"),
    /** One byte, 0 or 1. */
    BOOLEAN(1, "boolean"),
    INT8(1, "int8"),
    INT16(2, "int16"),
    INT32(4, "int32"),
    UINT8(1, "uint8"),
    UINT16(2, "uint16"),
    UINT32(4, "uint32"),
    IPV4_ADDRESS(4, "ipv4-address"),
    IPV6_ADDRESS(16, "ipv6-address"),
    /** A prefix length byte followed by the prefix's significant bytes ({@code 2001:db8::/32}). */
    IPV6_PREFIX(0, "ipv6-prefix"),
    /** RFC 7597 port set: a PSID length byte and the PSID left-aligned in 16 bits ({@code 3/4}). */
    PSID(3, "psid"),
    /** Text (RFC 2132 strings such as host-name), at least one byte. */
    STRING(0, "string"),
    /** A length byte followed by that many bytes of text. */
    TUPLE(0, "tuple"),
    /** An RFC 1035 name in wire format; as an array, a list of names like option 119. */
    FQDN(0, "fqdn"),
    /** Fields of the types listed in the definition's record fields, the last one repeated when it is an array. */
    RECORD(0, "record"),
    /** Option 81, see {@link ClientFqdn}; to Kea a record of three uint8 and an fqdn. */
    CLIENT_FQDN(0, null),
    /** Option 82, see {@link RelayAgentInformation}; to Kea an empty option encapsulating "dhcp-agent-options-space". */
    RELAY_AGENT_INFORMATION(0, null),
    /** Option 121, see {@link ClasslessStaticRoutes}; Kea 2.2 has no definition for it. */
    CLASSLESS_STATIC_ROUTES(0, null);

    private final int elementSize;
    private final String keaName;

    OptionType(int elementSize, String keaName) {
        this.elementSize = elementSize;
        this.keaName = keaName;
    }

    /** Bytes per value for fixed-size types, 0 for variable-size ones. */
    public int elementSize() {
        return elementSize;
    }

    public boolean fixedSize() {
        return elementSize > 0;
    }

    /** Kea's name for the type as {@code option-def} writes it ({@code "ipv4-address"}); empty for LeaseDesk's own. */
    public Optional<String> keaName() {
        return Optional.ofNullable(keaName);
    }

    /** The type Kea 2.2 calls {@code name} in an {@code option-def}, if there is one. */
    public static Optional<OptionType> byKeaName(String name) {
        return Arrays.stream(values()).filter(type -> name.equals(type.keaName)).findFirst();
    }

    /** Signed integers, as Kea range-checks them. */
    boolean signed() {
        return this == INT8 || this == INT16 || this == INT32;
    }

    boolean integer() {
        return switch (this) {
            case INT8, INT16, INT32, UINT8, UINT16, UINT32 -> true;
            default -> false;
        };
    }

    /** The text form of the type in messages: Kea's name where there is one. */
    String label() {
        return keaName != null ? keaName : name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
