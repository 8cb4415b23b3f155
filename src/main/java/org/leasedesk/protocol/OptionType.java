package org.leasedesk.protocol;

/**
 * The data types of option values, after Kea's option definition types. Fixed-size types know their
 * element size; the last three have their own structure and their own classes.
 */
public enum OptionType {
    /** No data at all (for example rapid-commit). */
    EMPTY(0),
    /** Opaque bytes, written as hex. */
    BINARY(0),
    BOOLEAN(1),
    UINT8(1),
    UINT16(2),
    UINT32(4),
    INT32(4),
    IPV4_ADDRESS(4),
    /** NVT ASCII text (RFC 2132 strings such as host-name), at least one byte. */
    STRING(0),
    /** An RFC 1035 name in wire format; as an array, a compressed list like option 119. */
    FQDN(0),
    /** Option 81, see {@link ClientFqdn}. */
    CLIENT_FQDN(0),
    /** Option 82, see {@link RelayAgentInformation}. */
    RELAY_AGENT_INFORMATION(0),
    /** Option 121, see {@link ClasslessStaticRoutes}. */
    CLASSLESS_STATIC_ROUTES(0);

    private final int elementSize;

    OptionType(int elementSize) {
        this.elementSize = elementSize;
    }

    /** Bytes per value for fixed-size types, 0 for variable-size ones. */
    public int elementSize() {
        return elementSize;
    }

    public boolean fixedSize() {
        return elementSize > 0;
    }
}
